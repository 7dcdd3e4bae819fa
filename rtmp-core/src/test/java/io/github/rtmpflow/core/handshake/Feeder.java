package io.github.rtmpflow.core.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** Feeds bytes to a handshake slice by slice, the way a read loop does. */
final class Feeder {

    /**
     * What feeding produced.
     *
     * @param result the last result
     * @param output every byte the handshake queued while being fed
     * @param consumed bytes the handshake consumed in all
     * @param leftover the bytes it left unconsumed, in order (what goes to the chunk decoder)
     */
    record Fed(HandshakeResult result, byte[] output, int consumed, byte[] leftover) {}

    private Feeder() {}

    /**
     * Feeds {@code data} in the slices {@code split} gives, taking the output after every call,
     * and stops at the first slice that ends the handshake. Checks on the way that a handshake
     * that needs more input consumed its whole slice.
     */
    static Fed feed(AbstractHandshake handshake, byte[] data, Split split) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        HandshakeResult result = handshake.result();
        int from = 0;
        for (int end : split.ends(data.length)) {
            ByteBuffer in = ByteBuffer.wrap(data, from, end - from);
            result = handshake.feed(in);
            ByteBuffer out = handshake.takeOutput();
            byte[] bytes = new byte[out.remaining()];
            out.get(bytes);
            output.writeBytes(bytes);
            if (!(result instanceof HandshakeResult.NeedsMoreInput)) {
                return new Fed(result, output.toByteArray(), in.position(), Arrays.copyOfRange(data, in.position(), data.length));
            }
            assertThat(in.hasRemaining()).as("a handshake that needs more input consumes its slice").isFalse();
            from = end;
        }
        return new Fed(result, output.toByteArray(), data.length, new byte[0]);
    }

    /** Returns the bytes between position and limit, consuming them. */
    static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /** Returns {@code a} followed by {@code b}. */
    static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
