package io.github.rtmpflow.core.handshake;

/**
 * Wire layout of the RTMP handshake (RTMP 1.0 specification, section 5.2), in one place.
 *
 * <pre>
 * client                                   server
 *   C0: version (1 byte)            ---&gt;
 *   C1: packet (1536 bytes)         ---&gt;
 *                                   &lt;---   S0: version (1 byte)
 *                                   &lt;---   S1: packet (1536 bytes)
 *                                   &lt;---   S2: packet (1536 bytes)
 *   C2: packet (1536 bytes)         ---&gt;
 *
 * C1/S1 packet:
 *   offset 0     time (u32, big-endian, milliseconds of the sender's epoch)
 *   offset 4     version (4 bytes): zero in the simple handshake, the Flash Player or
 *                Flash Media Server version in the digest handshake
 *   offset 8     random (1528 bytes); in the digest handshake a 32-byte HMAC-SHA256
 *                digest sits inside them (see {@link HandshakeForm})
 * C2/S2 packet:
 *   simple:      an echo of the peer's C1/S1
 *   digest:      1504 random bytes, then a 32-byte HMAC-SHA256 signature
 * </pre>
 *
 * <p>Each side sends {@link #HANDSHAKE_LENGTH} bytes in all; the chunk stream starts right after.
 */
public final class HandshakeLayout {

    /** The only RTMP version rtmpflow speaks, in C0 and S0. */
    public static final int RTMP_VERSION = 3;

    /** C0 value of RTMPE (encrypted RTMP), which rtmpflow does not speak. */
    public static final int RTMPE_VERSION = 6;

    /** Length of C0 or S0 in bytes. */
    public static final int VERSION_LENGTH = 1;

    /** Length of each of C1, C2, S1 and S2 in bytes. */
    public static final int HANDSHAKE_PACKET_LENGTH = 1536;

    /** Bytes each side sends during the handshake: C0+C1+C2 or S0+S1+S2. */
    public static final int HANDSHAKE_LENGTH = VERSION_LENGTH + 2 * HANDSHAKE_PACKET_LENGTH;

    /** Offset of the u32 time field in a C1/S1 packet, in bytes. */
    public static final int TIME_OFFSET = 0;

    /** Offset of the 4 version bytes in a C1/S1 packet, in bytes. */
    public static final int VERSION_FIELD_OFFSET = 4;

    /** Length of the version field in a C1/S1 packet, in bytes. */
    public static final int VERSION_FIELD_LENGTH = 4;

    /** Offset of the random bytes in a C1/S1 packet, in bytes. */
    public static final int RANDOM_OFFSET = 8;

    /** Length of an HMAC-SHA256 digest or signature in the digest handshake, in bytes. */
    public static final int DIGEST_LENGTH = 32;

    /** Offset of the signature in a digest-form C2/S2 packet, in bytes. */
    public static final int SIGNATURE_OFFSET = HANDSHAKE_PACKET_LENGTH - DIGEST_LENGTH;

    private HandshakeLayout() {}
}
