package io.github.rtmpflow.core.handshake;

import static io.github.rtmpflow.core.handshake.HandshakeLayout.DIGEST_LENGTH;
import static io.github.rtmpflow.core.handshake.HandshakeLayout.HANDSHAKE_PACKET_LENGTH;
import static io.github.rtmpflow.core.handshake.HandshakeLayout.RANDOM_OFFSET;
import static io.github.rtmpflow.core.handshake.HandshakeLayout.RTMP_VERSION;
import static io.github.rtmpflow.core.handshake.HandshakeLayout.SIGNATURE_OFFSET;
import static io.github.rtmpflow.core.handshake.HandshakeLayout.TIME_OFFSET;
import static io.github.rtmpflow.core.handshake.HandshakeLayout.VERSION_FIELD_LENGTH;
import static io.github.rtmpflow.core.handshake.HandshakeLayout.VERSION_FIELD_OFFSET;
import static io.github.rtmpflow.core.handshake.HandshakeLayout.VERSION_LENGTH;

import io.github.rtmpflow.core.ProtocolError;
import java.security.Key;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The client side of the RTMP handshake, sans I/O, for rtmpflow's own tests, relay and load
 * tools: C0+C1 are ready right after construction, C2 as soon as S1 is in, and the handshake is
 * done once S2 is in.
 *
 * <p>When S1's version bytes are non-zero, its digest must validate at one of the two schemas
 * (as FFmpeg checks when it plays), else the handshake fails. When this client sent a digest C1
 * and S1 carries a valid digest, S2's signature is checked and C2 is the digest-form answer;
 * otherwise C2 echoes S1 and S2 is not checked.
 *
 * <p>Not thread-safe: one instance per connection, used by one thread at a time.
 */
public final class ClientHandshake extends AbstractHandshake {

    /** C1 version in the digest form: the Flash Player version FFmpeg 5.1 sends, 9.0.124.2. */
    private static final byte[] CLIENT_VERSION = {9, 0, 124, 2};

    private final HandshakeForm form;
    private final RandomGenerator random;
    private final byte[] c1Digest;
    private HandshakeDigest digest;
    private HandshakeForm serverForm;
    private Key s2Key;

    /**
     * Creates a client handshake and queues C0+C1 (take them with {@link #takeOutput()}).
     *
     * @param form the form of C1: simple, or digest at schema 0 or 1
     * @param epochMillis the C1 time field: milliseconds of the client's epoch; the core reads
     *     no clock
     * @param random source of the random bytes of C1 and C2, used only in this constructor
     *     and inside {@code feed} on the caller's thread
     */
    public ClientHandshake(HandshakeForm form, int epochMillis, RandomGenerator random) {
        this(form, null, epochMillis, random);
    }

    /** Creates a client that sends {@code c1} (1536 bytes, copied) as its C1, for tests. */
    ClientHandshake(HandshakeForm form, byte[] c1, RandomGenerator random) {
        this(form, Objects.requireNonNull(c1, "c1"), 0, random);
    }

    private ClientHandshake(HandshakeForm form, byte[] presetC1, int epochMillis, RandomGenerator random) {
        this.form = Objects.requireNonNull(form, "form");
        this.random = Objects.requireNonNull(random, "random");
        byte[] c0c1 = new byte[VERSION_LENGTH + HANDSHAKE_PACKET_LENGTH];
        c0c1[0] = RTMP_VERSION;
        int c1 = VERSION_LENGTH;
        if (presetC1 != null) {
            if (presetC1.length != HANDSHAKE_PACKET_LENGTH) {
                throw new IllegalArgumentException("C1 length must be 1536: length=" + presetC1.length);
            }
            System.arraycopy(presetC1, 0, c0c1, c1, HANDSHAKE_PACKET_LENGTH);
        } else {
            putInt(c0c1, c1 + TIME_OFFSET, epochMillis);
            fillRandom(c0c1, c1 + RANDOM_OFFSET, c1 + HANDSHAKE_PACKET_LENGTH, random);
            if (form.isDigest()) {
                System.arraycopy(CLIENT_VERSION, 0, c0c1, c1 + VERSION_FIELD_OFFSET, VERSION_FIELD_LENGTH);
                digest().writeDigest(c0c1, c1, form, HandshakeDigest.Signer.CLIENT);
            }
        }
        if (form.isDigest()) {
            this.c1Digest = new byte[DIGEST_LENGTH];
            HandshakeDigest.copyDigest(c0c1, c1, form, c1Digest);
        } else {
            this.c1Digest = null;
        }
        emit(c0c1);
    }

    /** Returns the form of the C1 this client sent. */
    public HandshakeForm form() {
        return form;
    }

    /**
     * Returns the form of S1 once it is in and accepted (the schema whose server digest
     * validated, or {@link HandshakeForm#SIMPLE} for version bytes zero); empty before and when
     * S1 was rejected.
     */
    public Optional<HandshakeForm> serverForm() {
        return Optional.ofNullable(serverForm);
    }

    @Override
    ProtocolError onVersion(int version) {
        if (version == RTMP_VERSION) {
            return null;
        }
        return new ProtocolError(ProtocolError.Code.UNSUPPORTED_VERSION,
                "S0 is not RTMP version 3: version=" + version);
    }

    @Override
    ProtocolError onFirstPacket(byte[] s1) {
        int serverVersion = getInt(s1, VERSION_FIELD_OFFSET);
        HandshakeForm s1Form = HandshakeForm.SIMPLE;
        if (serverVersion != 0) {
            s1Form = digest().findDigest(s1, 0, HandshakeDigest.Signer.SERVER);
            if (!s1Form.isDigest()) {
                // FFmpeg fails the same way ("Server response validating failed").
                return new ProtocolError(ProtocolError.Code.BAD_HANDSHAKE,
                        "S1 has version bytes but no valid digest: version=0x"
                                + Integer.toHexString(serverVersion));
            }
        }
        serverForm = s1Form;
        byte[] c2 = new byte[HANDSHAKE_PACKET_LENGTH];
        if (form.isDigest() && serverForm.isDigest()) {
            s2Key = digest().answerKey(c1Digest, HandshakeDigest.Signer.SERVER);
            byte[] s1Digest = new byte[DIGEST_LENGTH];
            HandshakeDigest.copyDigest(s1, 0, serverForm, s1Digest);
            fillRandom(c2, 0, SIGNATURE_OFFSET, random);
            digest().signAnswer(c2, 0, digest().answerKey(s1Digest, HandshakeDigest.Signer.CLIENT));
        } else {
            // SPEC 5.2.4: C2 echoes S1.
            System.arraycopy(s1, 0, c2, 0, HANDSHAKE_PACKET_LENGTH);
        }
        emit(c2);
        return null;
    }

    @Override
    boolean keepsSecondPacket() {
        return s2Key != null;
    }

    @Override
    ProtocolError onSecondPacket(byte[] s2) {
        // LENIENT: in the simple form S2 is not compared with C1, as librtmp and FFmpeg do not.
        if (s2Key != null && !digest().hasValidAnswerSignature(s2, 0, s2Key)) {
            return new ProtocolError(ProtocolError.Code.BAD_HANDSHAKE,
                    "S2 signature does not match C1 digest: signature="
                            + HexFormat.of().formatHex(s2, SIGNATURE_OFFSET, HANDSHAKE_PACKET_LENGTH));
        }
        return null;
    }

    private HandshakeDigest digest() {
        if (digest == null) {
            digest = new HandshakeDigest();
        }
        return digest;
    }
}
