package io.github.rtmpflow.flv;

/**
 * Video codecs: the legacy FLV codec ids and the Enhanced RTMP FourCCs. A codec known by both
 * (AVC) carries both values.
 */
public enum VideoCodec {
    /** Sorenson H.263, legacy codec id 2. */
    SORENSON_H263(2, 0),
    /** Screen video, legacy codec id 3. */
    SCREEN_VIDEO(3, 0),
    /** On2 VP6, legacy codec id 4. */
    VP6(4, 0),
    /** On2 VP6 with alpha channel, legacy codec id 5. */
    VP6_ALPHA(5, 0),
    /** Screen video version 2, legacy codec id 6. */
    SCREEN_VIDEO_V2(6, 0),
    /** H.264/AVC: legacy codec id 7, FourCC avc1. */
    AVC(7, FourCc.of("avc1")),
    /** H.265/HEVC: FourCC hvc1; legacy codec id 12 as some encoders use it (not in the FLV spec). */
    HEVC(12, FourCc.of("hvc1")),
    /** AV1, FourCC av01. */
    AV1(-1, FourCc.of("av01")),
    /** VP9, FourCC vp09. */
    VP9(-1, FourCc.of("vp09")),
    /** VP8, FourCC vp08. */
    VP8(-1, FourCc.of("vp08")),
    /** H.266/VVC, FourCC vvc1. */
    VVC(-1, FourCc.of("vvc1")),
    /** A codec id or FourCC this library does not know. */
    UNKNOWN(-1, 0);

    private static final VideoCodec[] VALUES = values();

    private final int legacyCodecId;
    private final int fourCc;

    VideoCodec(int legacyCodecId, int fourCc) {
        this.legacyCodecId = legacyCodecId;
        this.fourCc = fourCc;
    }

    /** Returns the legacy FLV codec id, or -1 when the codec has none. */
    public int legacyCodecId() {
        return legacyCodecId;
    }

    /** Returns the Enhanced RTMP FourCC, or 0 when the codec has none. */
    public int fourCc() {
        return fourCc;
    }

    /** Returns true when coded frames carry an SI24 composition time (AVC, HEVC, VVC). */
    public boolean hasCompositionTime() {
        return this == AVC || this == HEVC || this == VVC;
    }

    /** Returns the codec for a legacy codec id, {@link #UNKNOWN} when none matches. */
    public static VideoCodec ofLegacyId(int codecId) {
        for (VideoCodec c : VALUES) {
            if (c.legacyCodecId == codecId && codecId >= 0) {
                return c;
            }
        }
        return UNKNOWN;
    }

    /** Returns the codec for an Enhanced RTMP FourCC, {@link #UNKNOWN} when none matches. */
    public static VideoCodec ofFourCc(int fourCc) {
        for (VideoCodec c : VALUES) {
            if (c.fourCc == fourCc && fourCc != 0) {
                return c;
            }
        }
        return UNKNOWN;
    }
}
