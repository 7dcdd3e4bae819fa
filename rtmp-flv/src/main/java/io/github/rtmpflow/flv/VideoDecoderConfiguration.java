package io.github.rtmpflow.flv;

/**
 * A parsed video decoder configuration: the body of a sequence start for the codecs whose
 * record this library parses.
 */
public sealed interface VideoDecoderConfiguration
        permits AvcDecoderConfigurationRecord, HevcDecoderConfigurationRecord, Av1CodecConfigurationRecord {

    /** Returns the codec the record configures. */
    VideoCodec codec();

    /** Returns the coded picture width in pixels (0 when the record does not say). */
    int width();

    /** Returns the coded picture height in pixels (0 when the record does not say). */
    int height();
}
