package io.github.rtmpflow.flv;

import io.github.rtmpflow.core.ProtocolError;
import io.github.rtmpflow.core.ProtocolException;
import io.github.rtmpflow.core.RtmpLimits;
import io.github.rtmpflow.core.amf.Amf0Reader;
import io.github.rtmpflow.core.amf.AmfValue;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The parsed header of a video tag, legacy FLV or Enhanced RTMP (v1 and v2: FourCC, ModEx,
 * multitrack), with a view of each track's codec data.
 *
 * @param exHeader true for an Enhanced RTMP tag (IsExHeader bit set)
 * @param frameType the frame type: 1 key, 2 inter, 3 disposable inter, 4 generated key,
 *     5 command; for {@link VideoPacketType#METADATA} whatever was on the wire (it is ignored)
 * @param packetType what the tag carries, after ModEx and multitrack signalling
 * @param videoCommand the command of a command frame (0 start seek, 1 end seek), otherwise -1
 * @param timestampNanoOffset the ModEx TimestampOffsetNano in nanoseconds (0 when absent)
 * @param multitrackType the multitrack layout, or {@code null} for a tag without multitrack
 * @param tracks the tracks in wire order: one for single-track tags, none for command frames
 */
public record VideoTagHeader(boolean exHeader, int frameType, VideoPacketType packetType, int videoCommand,
        int timestampNanoOffset, AvMultitrackType multitrackType, List<VideoTrack> tracks) {

    /** Frame type of a key (seekable) frame. */
    public static final int FRAME_TYPE_KEY = 1;
    /** Frame type of an inter frame. */
    public static final int FRAME_TYPE_INTER = 2;
    /** Frame type of a disposable inter frame (H.263 only). */
    public static final int FRAME_TYPE_DISPOSABLE_INTER = 3;
    /** Frame type of a server-generated key frame. */
    public static final int FRAME_TYPE_GENERATED_KEY = 4;
    /** Frame type of a video info / command frame. */
    public static final int FRAME_TYPE_COMMAND = 5;

    private static final int PACKET_MULTITRACK = 6;
    private static final int PACKET_MOD_EX = 7;
    private static final int MOD_EX_TIMESTAMP_OFFSET_NANO = 0;

    /** Copies the list into an unmodifiable one. */
    public VideoTagHeader {
        tracks = List.copyOf(tracks);
    }

    /**
     * Parses the body of a video tag.
     *
     * @throws ProtocolException {@link ProtocolError.Code#BAD_MESSAGE} when the body is empty,
     *     truncated, or uses a reserved frame type, packet type or multitrack type
     */
    public static VideoTagHeader parse(FlvTag tag) throws ProtocolException {
        if (!tag.isVideo()) {
            throw new IllegalArgumentException("not a video tag: type=" + tag.type());
        }
        return parse(tag.payload());
    }

    /**
     * Parses the remaining bytes of a video tag body; its position is not changed and the track
     * views share its content.
     *
     * @throws ProtocolException {@link ProtocolError.Code#BAD_MESSAGE} when the body is empty,
     *     truncated, or uses a reserved frame type, packet type or multitrack type
     */
    public static VideoTagHeader parse(ByteBuffer body) throws ProtocolException {
        ConfigBytes in = new ConfigBytes(body, "video tag");
        int b0 = in.u8();
        if ((b0 & 0x80) == 0) {
            return parseLegacy(in, b0 >> 4, b0 & 0x0F);
        }
        return parseEnhanced(in, (b0 >> 4) & 0x07, b0 & 0x0F);
    }

    private static VideoTagHeader parseLegacy(ConfigBytes in, int frameType, int codecId) throws ProtocolException {
        checkFrameType(in, frameType);
        if (frameType == FRAME_TYPE_COMMAND) {
            return new VideoTagHeader(false, frameType, VideoPacketType.CODED_FRAMES, in.u8(), 0, null, List.of());
        }
        VideoCodec codec = VideoCodec.ofLegacyId(codecId);
        VideoPacketType packetType = VideoPacketType.CODED_FRAMES;
        int compositionTime = 0;
        if (codec == VideoCodec.AVC || codec == VideoCodec.HEVC) {
            int avcPacketType = in.u8();
            if (avcPacketType > 2) {
                throw in.error("reserved AVCPacketType=" + avcPacketType);
            }
            packetType = VideoPacketType.of(avcPacketType);
            compositionTime = in.s24();
        }
        VideoTrack track = new VideoTrack(0, codec, 0, compositionTime, in.rest());
        return new VideoTagHeader(false, frameType, packetType, -1, 0, null, List.of(track));
    }

    private static VideoTagHeader parseEnhanced(ConfigBytes in, int frameType, int firstPacketType)
            throws ProtocolException {
        int packetType = firstPacketType;
        int nanoOffset = 0;
        while (packetType == PACKET_MOD_EX) {
            int size = in.u8() + 1;
            if (size == 256) {
                size = in.u16() + 1;
            }
            ByteBuffer modExData = in.slice(size);
            int next = in.u8();
            packetType = next & 0x0F;
            if (next >> 4 == MOD_EX_TIMESTAMP_OFFSET_NANO) {
                nanoOffset = nanoOffset(in, modExData);
            }
            // LENIENT: unknown ModEx types are skipped; their data has a size.
        }
        if (packetType != VideoPacketType.METADATA.value()) {
            checkFrameType(in, frameType);
            if (frameType == FRAME_TYPE_COMMAND) {
                return new VideoTagHeader(true, frameType, VideoPacketType.CODED_FRAMES, in.u8(), nanoOffset, null,
                        List.of());
            }
        }
        AvMultitrackType multitrack = null;
        int fourCc = 0;
        if (packetType == PACKET_MULTITRACK) {
            int b = in.u8();
            multitrack = AvMultitrackType.of(b >> 4);
            if (multitrack == null) {
                throw in.error("reserved AvMultitrackType=" + (b >> 4));
            }
            packetType = b & 0x0F;
        }
        VideoPacketType type = VideoPacketType.of(packetType);
        if (type == null) {
            throw in.error("reserved or nested VideoPacketType=" + packetType);
        }
        if (multitrack != AvMultitrackType.MANY_TRACKS_MANY_CODECS) {
            fourCc = in.u32AsInt();
        }
        List<VideoTrack> tracks = readTracks(in, type, multitrack, fourCc);
        return new VideoTagHeader(true, frameType, type, -1, nanoOffset, multitrack, tracks);
    }

    private static List<VideoTrack> readTracks(ConfigBytes in, VideoPacketType type, AvMultitrackType multitrack,
            int sharedFourCc) throws ProtocolException {
        if (multitrack == null) {
            return List.of(readTrack(in, type, 0, sharedFourCc, in.remaining()));
        }
        List<VideoTrack> tracks = new ArrayList<>();
        do {
            int fourCc = multitrack == AvMultitrackType.MANY_TRACKS_MANY_CODECS ? in.u32AsInt() : sharedFourCc;
            int trackId = in.u8();
            int size = multitrack == AvMultitrackType.ONE_TRACK ? in.remaining() : in.u24();
            in.require(size);
            tracks.add(readTrack(in, type, trackId, fourCc, size));
        } while (multitrack != AvMultitrackType.ONE_TRACK && in.remaining() > 0);
        return tracks;
    }

    private static VideoTrack readTrack(ConfigBytes in, VideoPacketType type, int trackId, int fourCc, int size)
            throws ProtocolException {
        VideoCodec codec = VideoCodec.ofFourCc(fourCc);
        int compositionTime = 0;
        int dataSize = size;
        if (type == VideoPacketType.CODED_FRAMES && codec.hasCompositionTime()) {
            if (size < 3) {
                throw in.error("track too short for its composition time: size=" + size);
            }
            compositionTime = in.s24();
            dataSize -= 3;
        }
        return new VideoTrack(trackId, codec, fourCc, compositionTime, in.slice(dataSize));
    }

    private static int nanoOffset(ConfigBytes in, ByteBuffer modExData) throws ProtocolException {
        if (modExData.remaining() < 3) {
            throw in.error("TimestampOffsetNano needs 3 bytes: size=" + modExData.remaining());
        }
        return ((modExData.get(0) & 0xFF) << 16) | ((modExData.get(1) & 0xFF) << 8) | (modExData.get(2) & 0xFF);
    }

    private static void checkFrameType(ConfigBytes in, int frameType) throws ProtocolException {
        if (frameType < FRAME_TYPE_KEY || frameType > FRAME_TYPE_COMMAND) {
            throw in.error("reserved VideoFrameType=" + frameType);
        }
    }

    /** Returns the codec of the first track, or {@link VideoCodec#UNKNOWN} without tracks. */
    public VideoCodec codec() {
        return tracks.isEmpty() ? VideoCodec.UNKNOWN : tracks.get(0).codec();
    }

    /** Returns the composition time of the first track (0 without tracks). */
    public int compositionTime() {
        return tracks.isEmpty() ? 0 : tracks.get(0).compositionTime();
    }

    /** Returns true for a key frame or a generated key frame that carries coded frames. */
    public boolean isKeyframe() {
        return (frameType == FRAME_TYPE_KEY || frameType == FRAME_TYPE_GENERATED_KEY)
                && (packetType == VideoPacketType.CODED_FRAMES || packetType == VideoPacketType.CODED_FRAMES_X)
                && !tracks.isEmpty();
    }

    /** Returns true for a multitrack tag. */
    public boolean isMultitrack() {
        return multitrackType != null;
    }

    /**
     * Returns the AMF0 values of a {@link VideoPacketType#METADATA} packet's first track, e.g.
     * {@code "colorInfo"} and its object ({@code colorConfig}, {@code hdrCll}, {@code hdrMdcv});
     * empty for other packet types. Parsed on each call within {@code limits}.
     *
     * @throws ProtocolException when the AMF0 data is malformed or breaks the limits
     */
    public List<AmfValue> metadata(RtmpLimits limits) throws ProtocolException {
        if (packetType != VideoPacketType.METADATA || tracks.isEmpty()) {
            return List.of();
        }
        return new Amf0Reader(limits).readAll(tracks.get(0).data().duplicate());
    }
}
