package io.github.rtmpflow.core.handshake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/** Real bytes captured from real encoders and servers, under {@code src/test/resources/fixtures}. */
final class Fixtures {

    /** FFmpeg 5.1 publishing: digest C1 (version 9.0.124.2, schema 1), C2, chunks. */
    static final String FFMPEG_C2S = "ffmpeg_publish_c2s.bin";
    /** nginx-rtmp's answer to FFmpeg: digest S0+S1+S2, then chunks. */
    static final String FFMPEG_S2C = "ffmpeg_publish_s2c.bin";
    /** FFmpeg 7.1 publishing HEVC: digest C1. */
    static final String FFMPEG71_C2S = "ffmpeg71_hevc_publish_c2s.bin";
    /** node-media-server's answer to FFmpeg 7.1: digest S1 with version 1.2.3.4. */
    static final String FFMPEG71_S2C = "ffmpeg71_hevc_publish_s2c.bin";
    /** GStreamer rtmp2sink publishing: simple C1. */
    static final String GST_RTMP2SINK_C2S = "gst_rtmp2sink_publish_c2s.bin";
    /** nginx-rtmp's simple answer to rtmp2sink (S1 and S2 echo C1). */
    static final String GST_RTMP2SINK_S2C = "gst_rtmp2sink_publish_s2c.bin";
    /** GStreamer rtmpsink (librtmp 2.4) publishing: simple C1. */
    static final String LIBRTMP_C2S = "gst_rtmpsink_librtmp_publish_c2s.bin";
    /** OBS 29 publishing: simple C1. */
    static final String OBS29_C2S = "obs29_publish_c2s.bin";

    private Fixtures() {}

    /** Reads the first {@code length} bytes of a fixture (fewer if it is shorter). */
    static byte[] read(String name, int length) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no such fixture: name=" + name);
            }
            return in.readNBytes(length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a whole fixture. */
    static byte[] read(String name) {
        return read(name, Integer.MAX_VALUE);
    }

    /** Returns bytes {@code [from, to)} of a fixture. */
    static byte[] range(String name, int from, int to) {
        return Arrays.copyOfRange(read(name, to), from, to);
    }
}
