package io.github.rtmpflow.flv;

/**
 * Audio codecs: the legacy FLV SoundFormat values and the Enhanced RTMP FourCCs. A codec known
 * by both (AAC, MP3) carries both values.
 */
public enum AudioCodec {
    /** Linear PCM, platform endian, SoundFormat 0. */
    LPCM_PLATFORM_ENDIAN(0, 0),
    /** ADPCM, SoundFormat 1. */
    ADPCM(1, 0),
    /** MP3: SoundFormat 2, FourCC .mp3. */
    MP3(2, FourCc.of(".mp3")),
    /** Linear PCM, little endian, SoundFormat 3. */
    LPCM_LITTLE_ENDIAN(3, 0),
    /** Nellymoser 16 kHz mono, SoundFormat 4. */
    NELLYMOSER_16K_MONO(4, 0),
    /** Nellymoser 8 kHz mono, SoundFormat 5. */
    NELLYMOSER_8K_MONO(5, 0),
    /** Nellymoser, SoundFormat 6. */
    NELLYMOSER(6, 0),
    /** G.711 A-law, SoundFormat 7. */
    G711_A_LAW(7, 0),
    /** G.711 mu-law, SoundFormat 8. */
    G711_MU_LAW(8, 0),
    /** AAC: SoundFormat 10, FourCC mp4a. */
    AAC(10, FourCc.of("mp4a")),
    /** Speex, SoundFormat 11. */
    SPEEX(11, 0),
    /** MP3 8 kHz, SoundFormat 14. */
    MP3_8K(14, 0),
    /** Device-specific sound, SoundFormat 15. */
    NATIVE(15, 0),
    /** Opus, FourCC Opus. */
    OPUS(-1, FourCc.of("Opus")),
    /** FLAC, FourCC fLaC. */
    FLAC(-1, FourCc.of("fLaC")),
    /** AC-3, FourCC ac-3. */
    AC3(-1, FourCc.of("ac-3")),
    /** E-AC-3, FourCC ec-3. */
    EAC3(-1, FourCc.of("ec-3")),
    /** A SoundFormat or FourCC this library does not know. */
    UNKNOWN(-1, 0);

    private static final AudioCodec[] VALUES = values();

    private final int soundFormat;
    private final int fourCc;

    AudioCodec(int soundFormat, int fourCc) {
        this.soundFormat = soundFormat;
        this.fourCc = fourCc;
    }

    /** Returns the legacy SoundFormat, or -1 when the codec has none. */
    public int soundFormat() {
        return soundFormat;
    }

    /** Returns the Enhanced RTMP FourCC, or 0 when the codec has none. */
    public int fourCc() {
        return fourCc;
    }

    /** Returns the codec for a legacy SoundFormat, {@link #UNKNOWN} when none matches. */
    public static AudioCodec ofSoundFormat(int soundFormat) {
        for (AudioCodec c : VALUES) {
            if (c.soundFormat == soundFormat && soundFormat >= 0) {
                return c;
            }
        }
        return UNKNOWN;
    }

    /** Returns the codec for an Enhanced RTMP FourCC, {@link #UNKNOWN} when none matches. */
    public static AudioCodec ofFourCc(int fourCc) {
        for (AudioCodec c : VALUES) {
            if (c.fourCc == fourCc && fourCc != 0) {
                return c;
            }
        }
        return UNKNOWN;
    }
}
