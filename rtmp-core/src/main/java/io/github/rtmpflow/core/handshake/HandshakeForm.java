package io.github.rtmpflow.core.handshake;

/**
 * The form of a C1 or S1 packet: the simple handshake of the RTMP 1.0 specification, or the
 * Flash Player 9 digest handshake in one of its two layouts ("schemas").
 *
 * <p>In the digest forms a 764-byte block holds 4 offset bytes and, at {@code base + 4 + (sum of
 * the 4 offset bytes) % 728}, a 32-byte HMAC-SHA256 digest of the packet without those 32 bytes.
 * The block starts at byte 8 (schema 1, sent by FFmpeg and nginx-rtmp) or at byte 772 (schema
 * 0, where the key block comes first).
 */
public enum HandshakeForm {
    /** Version bytes zero and no digest; C2/S2 echo the peer's C1/S1 (OBS, GStreamer, librtmp). */
    SIMPLE(-1),
    /** Digest block at byte 772 of the packet. */
    DIGEST_SCHEMA_0(772),
    /** Digest block at byte 8 of the packet (FFmpeg, nginx-rtmp). */
    DIGEST_SCHEMA_1(8);

    private final int digestBlockOffset;

    HandshakeForm(int digestBlockOffset) {
        this.digestBlockOffset = digestBlockOffset;
    }

    /** Returns whether this form carries a digest. */
    public boolean isDigest() {
        return digestBlockOffset >= 0;
    }

    /**
     * Returns the offset of the digest block within a 1536-byte packet, in bytes.
     *
     * @throws IllegalStateException for {@link #SIMPLE}, which has no digest block
     */
    public int digestBlockOffset() {
        if (!isDigest()) {
            throw new IllegalStateException("form has no digest block: form=" + this);
        }
        return digestBlockOffset;
    }
}
