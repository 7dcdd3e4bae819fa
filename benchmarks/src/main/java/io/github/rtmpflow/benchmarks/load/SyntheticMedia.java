package io.github.rtmpflow.benchmarks.load;

import io.github.rtmpflow.core.amf.Amf0Writer;
import io.github.rtmpflow.core.amf.AmfBoolean;
import io.github.rtmpflow.core.amf.AmfEcmaArray;
import io.github.rtmpflow.core.amf.AmfNumber;
import io.github.rtmpflow.core.amf.AmfString;
import io.github.rtmpflow.core.amf.AmfValue;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The synthetic but well-formed stream every publisher sends, generated once: onMetaData, an
 * H.264 High-profile sequence header (a real SPS/PPS), an AAC-LC 48 kHz stereo sequence header,
 * one GOP of video frames (a keyframe, then inter frames; each one length-prefixed slice NAL
 * unit) and a few AAC frames of 1024 samples.
 *
 * <p>Buffer ownership: every payload is a read-only {@link ByteBuffer} at position 0 with
 * limit = capacity, over an array nobody writes after construction; all publishers on all
 * threads share them and read them with absolute gets only (as the chunk encoder does).
 *
 * <p>Frame sizes follow the video bit rate: a GOP carries {@code kbit/s * gop / fps / 8} bytes,
 * a keyframe weighs {@code keyframeFactor} inter frames, inter frames vary by up to 20% (seeded)
 * so consecutive messages differ in length as a real encoder's do.
 */
final class SyntheticMedia {

    /** AAC sampling rate. */
    static final int AUDIO_SAMPLE_RATE = 48_000;
    /** Samples per AAC-LC frame. */
    static final int SAMPLES_PER_AUDIO_FRAME = 1024;
    /** FLV video tag header: FrameType(4) CodecId(4), AVCPacketType, CompositionTime SI24. */
    static final int VIDEO_TAG_HEADER_LENGTH = 5;

    private static final int AVC_CODEC_ID = 7;
    private static final int FRAME_KEY = 1;
    private static final int FRAME_INTER = 2;
    private static final int AVC_SEQUENCE_HEADER = 0;
    private static final int AVC_NALU = 1;
    /** SoundFormat 10 (AAC), rate 3, 16-bit, stereo: the only byte FLV allows for AAC. */
    private static final int AAC_TAG_BYTE = 0xAF;
    private static final int AUDIO_VARIANTS = 8;
    private static final int MIN_FRAME_LENGTH = 64;

    private final int fps;
    private final long startTimestamp;
    private final ByteBuffer metadata;
    private final ByteBuffer videoSequenceHeader;
    private final ByteBuffer audioSequenceHeader;
    private final ByteBuffer[] videoFrames;
    private final ByteBuffer[] audioFrames;
    private final H264ParameterSets parameterSets;

    /**
     * Generates the stream.
     *
     * @param options where bit rates, frame rate, GOP, picture size and the first timestamp come from
     */
    SyntheticMedia(LoadOptions options) {
        this.fps = options.fps();
        this.startTimestamp = options.extendedTimestampStart() ? LoadOptions.EXTENDED_TIMESTAMP_START : 0;
        SplittableRandom random = new SplittableRandom(options.seed());
        this.parameterSets = H264ParameterSets.highProfile(options.width(), options.height(), fps);
        this.metadata = readOnly(metadata(options));
        this.videoSequenceHeader = readOnly(videoSequenceHeader(parameterSets));
        this.audioSequenceHeader = readOnly(new byte[] {(byte) AAC_TAG_BYTE, 0, 0x11, (byte) 0x90});
        this.videoFrames = videoFrames(options, random);
        this.audioFrames = options.audioKbps() > 0 ? audioFrames(options.audioKbps()) : new ByteBuffer[0];
    }

    /** Returns the timestamp of the first message, in ms (0, or just below 0xFFFFFF). */
    long startTimestamp() {
        return startTimestamp;
    }

    /** Returns {@code @setDataFrame("onMetaData", {...})}, a data message (type 18) payload. */
    ByteBuffer metadata() {
        return metadata;
    }

    /** Returns the AVC sequence header (video tag 0x17 0x00 + AVCDecoderConfigurationRecord). */
    ByteBuffer videoSequenceHeader() {
        return videoSequenceHeader;
    }

    /** Returns the AAC sequence header (0xAF 0x00 + AudioSpecificConfig 0x11 0x90: LC, 48 kHz, 2 ch). */
    ByteBuffer audioSequenceHeader() {
        return audioSequenceHeader;
    }

    /** Returns whether the stream carries audio. */
    boolean hasAudio() {
        return audioFrames.length > 0;
    }

    /** Returns the parameter sets of the video. */
    H264ParameterSets parameterSets() {
        return parameterSets;
    }

    /** Returns video frame number {@code index} (0-based; a keyframe every GOP). */
    ByteBuffer videoFrame(long index) {
        return videoFrames[(int) (index % videoFrames.length)];
    }

    /** Returns the timestamp of video frame {@code index}, in ms. */
    long videoTimestamp(long index) {
        return startTimestamp + index * 1000 / fps;
    }

    /** Returns audio frame number {@code index}; requires {@link #hasAudio()}. */
    ByteBuffer audioFrame(long index) {
        return audioFrames[(int) (index % audioFrames.length)];
    }

    /** Returns the timestamp of audio frame {@code index}, in ms (1024 samples at 48 kHz each). */
    long audioTimestamp(long index) {
        return startTimestamp + index * SAMPLES_PER_AUDIO_FRAME * 1000 / AUDIO_SAMPLE_RATE;
    }

    /** Returns the longest payload of the stream, in bytes. */
    int maxPayloadLength() {
        int max = Math.max(metadata.capacity(), videoSequenceHeader.capacity());
        for (ByteBuffer b : videoFrames) {
            max = Math.max(max, b.capacity());
        }
        for (ByteBuffer b : audioFrames) {
            max = Math.max(max, b.capacity());
        }
        return max;
    }

    private static byte[] metadata(LoadOptions o) {
        Map<String, AmfValue> m = new LinkedHashMap<>();
        m.put("duration", new AmfNumber(0));
        m.put("width", new AmfNumber(o.width()));
        m.put("height", new AmfNumber(o.height()));
        m.put("videodatarate", new AmfNumber(o.videoKbps()));
        m.put("framerate", new AmfNumber(o.fps()));
        m.put("videocodecid", new AmfNumber(AVC_CODEC_ID));
        if (o.audioKbps() > 0) {
            m.put("audiodatarate", new AmfNumber(o.audioKbps()));
            m.put("audiosamplerate", new AmfNumber(AUDIO_SAMPLE_RATE));
            m.put("audiosamplesize", new AmfNumber(16));
            m.put("stereo", AmfBoolean.TRUE);
            m.put("audiocodecid", new AmfNumber(10));
        }
        m.put("encoder", new AmfString("rtmpflow-load"));
        m.put("filesize", new AmfNumber(0));
        return Amf0Writer.encode(new AmfString("@setDataFrame"), new AmfString("onMetaData"), new AmfEcmaArray(m));
    }

    private static byte[] videoSequenceHeader(H264ParameterSets sets) {
        byte[] record = sets.decoderConfigurationRecord();
        byte[] tag = new byte[VIDEO_TAG_HEADER_LENGTH + record.length];
        tag[0] = (byte) (FRAME_KEY << 4 | AVC_CODEC_ID);
        tag[1] = AVC_SEQUENCE_HEADER; // composition time stays 0
        System.arraycopy(record, 0, tag, VIDEO_TAG_HEADER_LENGTH, record.length);
        return tag;
    }

    private static ByteBuffer[] videoFrames(LoadOptions o, SplittableRandom random) {
        int gop = o.gop();
        long gopBytes = (long) o.videoKbps() * 1000 / 8 * gop / o.fps();
        double[] weights = new double[gop];
        double total = 0;
        for (int i = 0; i < gop; i++) {
            weights[i] = i == 0 ? o.keyframeFactor() : 0.8 + 0.4 * random.nextDouble();
            total += weights[i];
        }
        ByteBuffer[] frames = new ByteBuffer[gop];
        for (int i = 0; i < gop; i++) {
            long length = Math.round(gopBytes * weights[i] / total);
            int clamped = (int) Math.max(MIN_FRAME_LENGTH, Math.min(LoadOptions.MAX_FRAME_LENGTH, length));
            frames[i] = readOnly(videoFrame(i, clamped, random));
        }
        return frames;
    }

    /**
     * One access unit of one slice NAL unit: an IDR slice (0x65) or a non-IDR reference slice
     * (0x61) with a real slice header ({@link H264ParameterSets#sliceHeader}), then filler
     * without zero bytes as slice data, so no start code or emulation prevention byte can
     * appear. The bytes at {@link LatencyStamp#OFFSET} are the latency stamp's magic and
     * placeholder.
     */
    private static byte[] videoFrame(int frameNum, int length, SplittableRandom random) {
        boolean keyframe = frameNum == 0;
        byte[] f = new byte[length];
        f[0] = (byte) ((keyframe ? FRAME_KEY : FRAME_INTER) << 4 | AVC_CODEC_ID);
        f[1] = AVC_NALU; // composition time 0: no B-frames
        int nalLength = length - VIDEO_TAG_HEADER_LENGTH - H264ParameterSets.NAL_LENGTH_SIZE;
        int p = VIDEO_TAG_HEADER_LENGTH;
        f[p++] = (byte) (nalLength >>> 24);
        f[p++] = (byte) (nalLength >>> 16);
        f[p++] = (byte) (nalLength >>> 8);
        f[p++] = (byte) nalLength;
        f[p++] = (byte) (keyframe ? 0x65 : 0x61); // nal_ref_idc 3, type 5 (IDR) or 1
        byte[] header = H264ParameterSets.sliceHeader(frameNum);
        System.arraycopy(header, 0, f, p, header.length);
        fillNonZero(f, p + header.length, length, random);
        LatencyStamp.prepare(f);
        return f;
    }

    /** AAC raw frames (0xAF 0x01 + decodable silence padded with fill elements), sized to the bit rate. */
    private static ByteBuffer[] audioFrames(int kbps) {
        ByteBuffer[] frames = new ByteBuffer[AUDIO_VARIANTS];
        double bytesPerFrame = kbps * 1000.0 / 8 * SAMPLES_PER_AUDIO_FRAME / AUDIO_SAMPLE_RATE;
        for (int i = 0; i < AUDIO_VARIANTS; i++) {
            int raw = (int) Math.max(8, Math.round(bytesPerFrame * (i + 1)) - Math.round(bytesPerFrame * i));
            byte[] aac = AacFrames.silentFrame(raw);
            byte[] f = new byte[2 + raw];
            f[0] = (byte) AAC_TAG_BYTE;
            f[1] = 1; // AACPacketType raw
            System.arraycopy(aac, 0, f, 2, raw);
            frames[i] = readOnly(f);
        }
        return frames;
    }

    private static void fillNonZero(byte[] f, int from, int to, SplittableRandom random) {
        for (int i = from; i < to; i++) {
            f[i] = (byte) (1 + random.nextInt(255));
        }
    }

    private static ByteBuffer readOnly(byte[] bytes) {
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }
}
