package io.github.rtmpflow.core.handshake;

import static io.github.rtmpflow.core.handshake.HandshakeLayout.HANDSHAKE_PACKET_LENGTH;

import io.github.rtmpflow.core.ProtocolError;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The push machinery both roles share: reads the peer's version byte and two 1536-byte packets
 * from whatever slices of bytes arrive, calls the role at each step, and queues the role's
 * answer bytes for the caller to take.
 *
 * <p>The peer's first packet is assembled in one reused 1536-byte array; the second packet is
 * assembled into the same array only when the role asks for it, otherwise it is skipped.
 */
abstract sealed class AbstractHandshake permits ServerHandshake, ClientHandshake {

    private static final ByteBuffer NO_OUTPUT = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private enum Phase { VERSION, FIRST_PACKET, SECOND_PACKET, DONE, FAILED }

    private final byte[] packet = new byte[HANDSHAKE_PACKET_LENGTH];
    private Phase phase = Phase.VERSION;
    private int packetFilled;
    private boolean keepSecondPacket;
    private HandshakeResult.Failed failure;
    private ByteBuffer output;

    /**
     * Consumes handshake bytes from {@code in}, from its position up to at most the end of the
     * peer's last handshake packet, and advances its position accordingly. Bytes after that
     * packet stay in {@code in} for the chunk decoder. Keeps no reference to {@code in}.
     *
     * <p>Once done or failed, consumes nothing and returns the same outcome again. Never throws
     * on peer input: a broken rule is returned as {@link HandshakeResult.Failed}.
     *
     * @param in bytes received from the peer; owned by the caller
     * @return the state after consuming what could be consumed
     */
    public final HandshakeResult feed(ByteBuffer in) {
        Objects.requireNonNull(in, "in");
        while (in.hasRemaining() && phase != Phase.DONE && phase != Phase.FAILED) {
            switch (phase) {
                case VERSION:
                    step(onVersion(in.get() & 0xFF), Phase.FIRST_PACKET);
                    break;
                case FIRST_PACKET:
                    if (fill(in)) {
                        step(onFirstPacket(packet), Phase.SECOND_PACKET);
                        keepSecondPacket = keepsSecondPacket();
                    }
                    break;
                case SECOND_PACKET:
                    if (keepSecondPacket ? fill(in) : skip(in)) {
                        step(onSecondPacket(keepSecondPacket ? packet : null), Phase.DONE);
                    }
                    break;
                default:
                    throw new IllegalStateException("unreachable phase: phase=" + phase);
            }
        }
        return result();
    }

    /** Returns the current state without consuming anything. */
    public final HandshakeResult result() {
        if (phase == Phase.DONE) {
            return HandshakeResult.DONE;
        }
        return phase == Phase.FAILED ? failure : HandshakeResult.NEEDS_MORE_INPUT;
    }

    /** Returns whether the handshake completed; later bytes belong to the chunk stream. */
    public final boolean done() {
        return phase == Phase.DONE;
    }

    /** Returns whether the peer broke a handshake rule; the state is sticky. */
    public final boolean failed() {
        return phase == Phase.FAILED;
    }

    /** Returns the broken rule once {@link #failed()}, otherwise empty. */
    public final Optional<ProtocolError> error() {
        return failure == null ? Optional.empty() : Optional.of(failure.error());
    }

    /** Returns whether bytes wait to be sent to the peer. */
    public final boolean hasOutput() {
        return output != null;
    }

    /**
     * Hands over the bytes to send to the peer, in order, and forgets them. The returned buffer
     * belongs to the caller from then on; it is empty when nothing waits. Take the output after
     * every {@code feed} (and, for the client, once after construction).
     *
     * @return the bytes to send, from position to limit
     */
    public final ByteBuffer takeOutput() {
        ByteBuffer taken = output;
        output = null;
        return taken == null ? NO_OUTPUT : taken;
    }

    /** Queues {@code bytes} for the peer; the array is handed over, not copied. */
    final void emit(byte[] bytes) {
        if (output == null) {
            output = ByteBuffer.wrap(bytes);
            return;
        }
        // Only when the caller did not take earlier output: join, keeping the order.
        byte[] joined = Arrays.copyOf(output.array(), output.remaining() + bytes.length);
        System.arraycopy(bytes, 0, joined, output.remaining(), bytes.length);
        output = ByteBuffer.wrap(joined);
    }

    /** Handles the peer's C0/S0; returns the broken rule or {@code null}. */
    abstract ProtocolError onVersion(int version);

    /** Handles the peer's C1/S1 (1536 bytes, reused later); returns the broken rule or null. */
    abstract ProtocolError onFirstPacket(byte[] firstPacket);

    /** Returns whether {@link #onSecondPacket} needs the bytes of the peer's C2/S2. */
    abstract boolean keepsSecondPacket();

    /**
     * Handles the peer's C2/S2: its bytes when {@link #keepsSecondPacket()} said so, otherwise
     * {@code null}. Returns the broken rule or {@code null}.
     */
    abstract ProtocolError onSecondPacket(byte[] secondPacket);

    /** Fills {@code target[from, to)} with bytes from {@code random}, 4 at a time. */
    static void fillRandom(byte[] target, int from, int to, RandomGenerator random) {
        int i = from;
        while (i < to) {
            int bits = random.nextInt();
            for (int n = 0; n < Integer.BYTES && i < to; n++, i++) {
                target[i] = (byte) bits;
                bits >>>= Byte.SIZE;
            }
        }
    }

    /** Writes {@code value} big-endian at {@code offset}. */
    static void putInt(byte[] target, int offset, int value) {
        target[offset] = (byte) (value >>> 24);
        target[offset + 1] = (byte) (value >>> 16);
        target[offset + 2] = (byte) (value >>> 8);
        target[offset + 3] = (byte) value;
    }

    /** Reads a big-endian int at {@code offset}. */
    static int getInt(byte[] source, int offset) {
        return (source[offset] & 0xFF) << 24
                | (source[offset + 1] & 0xFF) << 16
                | (source[offset + 2] & 0xFF) << 8
                | source[offset + 3] & 0xFF;
    }

    private void step(ProtocolError error, Phase next) {
        if (error != null) {
            failure = new HandshakeResult.Failed(error);
            phase = Phase.FAILED;
        } else {
            phase = next;
            packetFilled = 0;
        }
    }

    /** Copies bytes into the packet array; returns whether it is complete. */
    private boolean fill(ByteBuffer in) {
        int count = Math.min(in.remaining(), HANDSHAKE_PACKET_LENGTH - packetFilled);
        in.get(packet, packetFilled, count);
        packetFilled += count;
        return packetFilled == HANDSHAKE_PACKET_LENGTH;
    }

    /** Consumes bytes without keeping them; returns whether the whole packet went by. */
    private boolean skip(ByteBuffer in) {
        int count = Math.min(in.remaining(), HANDSHAKE_PACKET_LENGTH - packetFilled);
        in.position(in.position() + count);
        packetFilled += count;
        return packetFilled == HANDSHAKE_PACKET_LENGTH;
    }
}
