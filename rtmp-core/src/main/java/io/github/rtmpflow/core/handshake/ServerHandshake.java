package io.github.rtmpflow.core.handshake;

import static io.github.rtmpflow.core.handshake.HandshakeLayout.DIGEST_LENGTH;
import static io.github.rtmpflow.core.handshake.HandshakeLayout.HANDSHAKE_LENGTH;
import static io.github.rtmpflow.core.handshake.HandshakeLayout.HANDSHAKE_PACKET_LENGTH;
import static io.github.rtmpflow.core.handshake.HandshakeLayout.RANDOM_OFFSET;
import static io.github.rtmpflow.core.handshake.HandshakeLayout.RTMPE_VERSION;
import static io.github.rtmpflow.core.handshake.HandshakeLayout.RTMP_VERSION;
import static io.github.rtmpflow.core.handshake.HandshakeLayout.TIME_OFFSET;
import static io.github.rtmpflow.core.handshake.HandshakeLayout.VERSION_FIELD_LENGTH;
import static io.github.rtmpflow.core.handshake.HandshakeLayout.VERSION_FIELD_OFFSET;
import static io.github.rtmpflow.core.handshake.HandshakeLayout.VERSION_LENGTH;

import io.github.rtmpflow.core.ProtocolError;
import java.security.Key;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The server side of the RTMP handshake, sans I/O: feed it the client's bytes, send what
 * {@link #takeOutput()} returns.
 *
 * <p>As soon as C0+C1 are in, S0+S1+S2 (3073 bytes) are ready in one piece; the server never
 * waits for C2 before answering, because FFmpeg reads all 3073 bytes before it sends C2. A C1
 * whose version bytes are non-zero is checked for a Flash Player 9 digest at both schemas; when
 * one validates, S1 carries the Flash Media Server digest at the same schema and S2 the
 * signature FFmpeg and Flash verify. Otherwise the reply is the simple one: S1 with version
 * bytes zero and S2 an echo of C1. C2 is consumed but not checked.
 *
 * <pre>{@code
 * ServerHandshake handshake = new ServerHandshake(epochMillis, random);
 * HandshakeResult result = handshake.feed(readBuffer);
 * send(handshake.takeOutput());
 * if (handshake.done()) chunkDecoder.feed(readBuffer); // the bytes after C2
 * }</pre>
 *
 * <p>Not thread-safe: one instance per connection, used by one thread at a time.
 */
public final class ServerHandshake extends AbstractHandshake {

    /** S1 version in the digest form; nginx-rtmp sends the same and FFmpeg accepts it. */
    private static final byte[] SERVER_VERSION = {0x0D, 0x0E, 0x0A, 0x0D};

    private final int epochMillis;
    private final RandomGenerator random;
    private HandshakeForm form;
    private int peerVersion;

    /**
     * Creates a server handshake.
     *
     * @param epochMillis the S1 time field: milliseconds of the server's epoch for this
     *     connection (often 0 or uptime); the core reads no clock
     * @param random source of the random bytes of S1 and S2, used only inside {@code feed} on
     *     the caller's thread; need not be cryptographically strong, the handshake carries no
     *     secret
     */
    public ServerHandshake(int epochMillis, RandomGenerator random) {
        this.epochMillis = epochMillis;
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Returns the form of the client's C1 and of the reply, once C1 is in; empty before. */
    public Optional<HandshakeForm> form() {
        return Optional.ofNullable(form);
    }

    /**
     * Returns the 4 version bytes of C1 as a big-endian int (FFmpeg 5.1 sends 9.0.124.2 as
     * 0x09007C02), 0 for the simple handshake or before C1 is in.
     */
    public int peerVersion() {
        return peerVersion;
    }

    @Override
    ProtocolError onVersion(int version) {
        if (version == RTMP_VERSION) {
            return null;
        }
        if (version == RTMPE_VERSION) {
            return new ProtocolError(ProtocolError.Code.UNSUPPORTED_VERSION,
                    "C0 asks for RTMPE (encrypted RTMP), which is not supported: version=" + version);
        }
        return new ProtocolError(ProtocolError.Code.UNSUPPORTED_VERSION,
                "C0 is not RTMP version 3: version=" + version);
    }

    @Override
    ProtocolError onFirstPacket(byte[] c1) {
        peerVersion = getInt(c1, VERSION_FIELD_OFFSET);
        byte[] reply = new byte[HANDSHAKE_LENGTH];
        reply[0] = RTMP_VERSION;
        int s1 = VERSION_LENGTH;
        int s2 = VERSION_LENGTH + HANDSHAKE_PACKET_LENGTH;
        HandshakeDigest digest = null;
        form = HandshakeForm.SIMPLE;
        if (peerVersion != 0) {
            digest = new HandshakeDigest();
            // LENIENT: a C1 with version bytes but no valid digest gets the simple reply.
            form = digest.findDigest(c1, 0, HandshakeDigest.Signer.CLIENT);
        }
        putInt(reply, s1 + TIME_OFFSET, epochMillis);
        fillRandom(reply, s1 + RANDOM_OFFSET, s1 + HANDSHAKE_PACKET_LENGTH, random);
        if (form.isDigest()) {
            System.arraycopy(SERVER_VERSION, 0, reply, s1 + VERSION_FIELD_OFFSET, VERSION_FIELD_LENGTH);
            digest.writeDigest(reply, s1, form, HandshakeDigest.Signer.SERVER);
            byte[] c1Digest = new byte[DIGEST_LENGTH];
            HandshakeDigest.copyDigest(c1, 0, form, c1Digest);
            Key s2Key = digest.answerKey(c1Digest, HandshakeDigest.Signer.SERVER);
            fillRandom(reply, s2, s2 + HANDSHAKE_PACKET_LENGTH, random);
            digest.signAnswer(reply, s2, s2Key);
        } else {
            // SPEC 5.2.4: S2 echoes C1; S1 version bytes stay zero in the simple form.
            System.arraycopy(c1, 0, reply, s2, HANDSHAKE_PACKET_LENGTH);
        }
        emit(reply);
        return null;
    }

    @Override
    boolean keepsSecondPacket() {
        // LENIENT: C2 is not checked. Captured clients echo another server's S1, and OBS sends
        // C2 before S2 arrives.
        return false;
    }

    @Override
    ProtocolError onSecondPacket(byte[] c2) {
        return null;
    }
}
