package io.github.rtmpflow.flv;

import java.nio.charset.StandardCharsets;

/**
 * Four-character codes as Enhanced RTMP puts them on the wire and in onMetaData: four ASCII
 * bytes read as a big-endian 32-bit value ({@code "av01"} is 0x61763031).
 */
public final class FourCc {
    private FourCc() {
    }

    /** Returns the big-endian value of a four-character ASCII code. */
    public static int of(String code) {
        byte[] b = code.getBytes(StandardCharsets.US_ASCII);
        if (b.length != 4) {
            throw new IllegalArgumentException("FourCC must have 4 characters: code=" + code);
        }
        return ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
    }

    /** Returns the four characters of {@code value}, non-printable bytes as {@code '?'}. */
    public static String toString(int value) {
        char[] c = new char[4];
        for (int i = 0; i < 4; i++) {
            int b = (value >>> (24 - 8 * i)) & 0xFF;
            c[i] = b >= 0x20 && b < 0x7F ? (char) b : '?';
        }
        return new String(c);
    }
}
