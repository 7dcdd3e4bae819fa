package io.github.rtmpflow.flv;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Applies a {@link TrackSelection} to one tag: passes it, drops it, or rewrites an Enhanced RTMP
 * many-tracks tag into one holding only the chosen tracks.
 *
 * <p>Wire layout walked here (enhanced-rtmp-v2, ExVideoTagHeader / ExAudioTagHeader):
 * <pre>
 * byte 0        video: IsExHeader(1) FrameType(3) PacketType(4); audio: SoundFormat 9 (4) PacketType(4)
 * [ModEx]*      PacketType 7: UI8 size-1 (255: UI16 size-1 follows), data, UI8 ModExType(4) PacketType(4)
 * multitrack    PacketType 6 (video) / 5 (audio): UI8 AvMultitrackType(4) PacketType(4)
 *               FOURCC (unless ManyTracksManyCodecs)
 * tracks        [FOURCC if ManyTracksManyCodecs] UI8 trackId [UI24 size unless OneTrack] body
 * </pre>
 * A rewritten tag keeps bytes 0 .. the multitrack byte as they were (frame type, ModEx blocks),
 * and each chosen track's FourCC, id and body unchanged.
 *
 * <p>Never throws on peer bytes: a tag whose layout cannot be walked (truncated) counts as
 * track 0, like a tag without multitrack.
 */
public final class TrackFilter {
    private static final int SOUND_FORMAT_EX_HEADER = 9;
    private static final int VIDEO_PACKET_MULTITRACK = 6;
    private static final int AUDIO_PACKET_MULTITRACK = 5;
    private static final int ONE_TRACK = 0;
    private static final int MANY_TRACKS_MANY_CODECS = 2;
    private static final int MAX_TRACKS = 256;
    private static final int INITIAL_TRACKS = 4;
    private static final int FIELDS = 4;
    private static final int FOUR_CC = 0;
    private static final int TRACK_ID = 1;
    private static final int BODY_START = 2;
    private static final int BODY_END = 3;

    private TrackFilter() {
    }

    /**
     * Returns {@code tag} itself when all its tracks are chosen (or it is a script tag), null
     * when none is, and otherwise a new tag with the chosen tracks only (same type and
     * timestamp; its body is a new array owned by the new tag).
     */
    public static FlvTag apply(FlvTag tag, TrackSelection selection) {
        if (selection.isAll() || tag.isScript()) {
            return tag;
        }
        boolean video = tag.isVideo();
        ByteBuffer body = tag.payload();
        int multitrackAt = multitrackByteOffset(body, video);
        if (multitrackAt < 0) {
            return selection.includes(video, 0) ? tag : null;
        }
        int[][] tracksHolder = {new int[INITIAL_TRACKS * FIELDS]};
        int count = walkTracks(body, multitrackAt, tracksHolder);
        int[] tracks = tracksHolder[0];
        if (count < 0) {
            // LENIENT: a layout we cannot walk is treated as the default track.
            return selection.includes(video, 0) ? tag : null;
        }
        int chosen = 0;
        for (int i = 0; i < count; i++) {
            if (selection.includes(video, tracks[i * FIELDS + TRACK_ID])) {
                chosen++;
            }
        }
        if (chosen == 0) {
            return null;
        }
        if (selection.singleTrackForm() && chosen == 1) {
            return FlvTag.of(tag.type(), tag.timestamp(), singleTrack(body, multitrackAt, tracks, selection,
                    video));
        }
        if (chosen == count) {
            return tag;
        }
        return FlvTag.of(tag.type(), tag.timestamp(), rewrite(body, multitrackAt, tracks, count, selection, video,
                chosen));
    }

    /**
     * Returns the offset of the AvMultitrackType byte, or -1 for a tag without multitrack (legacy,
     * single track, command frame, truncated).
     */
    static int multitrackByteOffset(ByteBuffer b, boolean video) {
        int size = b.remaining();
        if (size < 1) {
            return -1;
        }
        int b0 = b.get(0) & 0xFF;
        if (video ? (b0 & 0x80) == 0 : (b0 >> 4) != SOUND_FORMAT_EX_HEADER) {
            return -1;
        }
        int pos = TagFlags.afterModEx(b);
        if (pos < 0) {
            return -1;
        }
        int packetType = b.get(pos - 1) & 0x0F;
        int multitrack = video ? VIDEO_PACKET_MULTITRACK : AUDIO_PACKET_MULTITRACK;
        return packetType == multitrack && pos < size ? pos : -1;
    }

    /**
     * Fills {@code holder[0]} (grown as needed) with (fourCc, trackId, bodyStart, bodyEnd) per track; returns the track
     * count, or -1 when the layout is truncated or reserved.
     */
    private static int walkTracks(ByteBuffer b, int multitrackAt, int[][] holder) {
        int[] out = holder[0];
        int size = b.remaining();
        int type = (b.get(multitrackAt) & 0xFF) >> 4;
        if (type > MANY_TRACKS_MANY_CODECS) {
            return -1;
        }
        int pos = multitrackAt + 1;
        int sharedFourCc = 0;
        if (type != MANY_TRACKS_MANY_CODECS) {
            if (pos + 4 > size) {
                return -1;
            }
            sharedFourCc = b.getInt(pos);
            pos += 4;
        }
        int count = 0;
        do {
            if (count == MAX_TRACKS) {
                return -1;
            }
            int fourCc = sharedFourCc;
            if (type == MANY_TRACKS_MANY_CODECS) {
                if (pos + 4 > size) {
                    return -1;
                }
                fourCc = b.getInt(pos);
                pos += 4;
            }
            if (pos >= size) {
                return -1;
            }
            int trackId = b.get(pos++) & 0xFF;
            int bodyLength;
            if (type == ONE_TRACK) {
                bodyLength = size - pos;
            } else {
                if (pos + 3 > size) {
                    return -1;
                }
                bodyLength = ((b.get(pos) & 0xFF) << 16) | ((b.get(pos + 1) & 0xFF) << 8) | (b.get(pos + 2) & 0xFF);
                pos += 3;
                if (pos + bodyLength > size) {
                    return -1;
                }
            }
            int at = count * FIELDS;
            if (at + FIELDS > out.length) {
                out = Arrays.copyOf(out, out.length * 2);
                holder[0] = out;
            }
            out[at + FOUR_CC] = fourCc;
            out[at + TRACK_ID] = trackId;
            out[at + BODY_START] = pos;
            out[at + BODY_END] = pos + bodyLength;
            count++;
            pos += bodyLength;
        } while (type != ONE_TRACK && pos < size);
        return count;
    }

    /**
     * Writes the one chosen track without multitrack signalling: the bytes before the
     * AvMultitrackType byte with the packet-type nibble that said Multitrack (in byte 0, or in
     * the last ModEx trailer) replaced by the tracks' packet type, then the FourCC and the body.
     */
    private static ByteBuffer singleTrack(ByteBuffer b, int multitrackAt, int[] tracks,
            TrackSelection selection, boolean video) {
        int innerPacketType = b.get(multitrackAt) & 0x0F;
        int at = 0;
        while (!selection.includes(video, tracks[at + TRACK_ID])) {
            at += FIELDS;
        }
        int bodyLength = tracks[at + BODY_END] - tracks[at + BODY_START];
        ByteBuffer out = ByteBuffer.allocate(multitrackAt + 4 + bodyLength);
        out.put(b.duplicate().position(0).limit(multitrackAt));
        int signal = multitrackAt - 1;
        out.put(signal, (byte) ((b.get(signal) & 0xF0) | innerPacketType));
        out.putInt(tracks[at + FOUR_CC]);
        out.put(b.duplicate().position(tracks[at + BODY_START]).limit(tracks[at + BODY_END]));
        return out.flip();
    }

    private static ByteBuffer rewrite(ByteBuffer b, int multitrackAt, int[] tracks, int count,
            TrackSelection selection, boolean video, int chosen) {
        int originalType = (b.get(multitrackAt) & 0xFF) >> 4;
        int innerPacketType = b.get(multitrackAt) & 0x0F;
        int newType = chosen == 1 ? ONE_TRACK : originalType;
        boolean perTrackFourCc = newType == MANY_TRACKS_MANY_CODECS;
        int length = multitrackAt + 1 + (perTrackFourCc ? 0 : 4);
        for (int i = 0; i < count; i++) {
            int at = i * FIELDS;
            if (selection.includes(video, tracks[at + TRACK_ID])) {
                length += (perTrackFourCc ? 4 : 0) + 1 + (newType == ONE_TRACK ? 0 : 3)
                        + tracks[at + BODY_END] - tracks[at + BODY_START];
            }
        }
        ByteBuffer out = ByteBuffer.allocate(length);
        out.put(b.duplicate().position(0).limit(multitrackAt));
        out.put((byte) ((newType << 4) | innerPacketType));
        boolean sharedWritten = false;
        for (int i = 0; i < count; i++) {
            int at = i * FIELDS;
            int trackId = tracks[at + TRACK_ID];
            if (!selection.includes(video, trackId)) {
                continue;
            }
            int bodyLength = tracks[at + BODY_END] - tracks[at + BODY_START];
            if (perTrackFourCc || !sharedWritten) {
                // SPEC: one shared FourCC unless ManyTracksManyCodecs; all chosen tracks share it then.
                out.putInt(tracks[at + FOUR_CC]);
                sharedWritten = true;
            }
            out.put((byte) trackId);
            if (newType != ONE_TRACK) {
                out.put((byte) (bodyLength >> 16)).put((byte) (bodyLength >> 8)).put((byte) bodyLength);
            }
            out.put(b.duplicate().position(tracks[at + BODY_START]).limit(tracks[at + BODY_END]));
        }
        return out.flip();
    }
}
