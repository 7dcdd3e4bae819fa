package io.github.rtmpflow.flv;

import java.io.ByteArrayOutputStream;

/** Builds FLV file bytes by hand, field by field, independently of {@link FlvWriter}. */
final class FlvBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static FlvBytes header() {
        return header(9);
    }

    static FlvBytes header(int dataOffset) {
        FlvBytes b = new FlvBytes();
        b.raw('F', 'L', 'V', 1, 5).u32(dataOffset);
        for (int i = 9; i < dataOffset; i++) {
            b.raw(0);
        }
        return b.u32(0);
    }

    FlvBytes tag(int type, long timestamp, byte[] body) {
        return tag(type, timestamp, body, 11 + body.length);
    }

    FlvBytes tag(int type, long timestamp, byte[] body, long previousTagSize) {
        raw(type).u24(body.length).u24((int) timestamp).raw((int) (timestamp >>> 24)).u24(0);
        out.writeBytes(body);
        return u32(previousTagSize);
    }

    FlvBytes raw(int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
        return this;
    }

    FlvBytes u24(int v) {
        return raw(v >>> 16 & 0xFF, v >>> 8 & 0xFF, v & 0xFF);
    }

    FlvBytes u32(long v) {
        return raw((int) (v >>> 24 & 0xFF), (int) (v >>> 16 & 0xFF), (int) (v >>> 8 & 0xFF), (int) (v & 0xFF));
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
