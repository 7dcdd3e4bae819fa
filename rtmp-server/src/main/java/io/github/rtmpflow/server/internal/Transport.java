package io.github.rtmpflow.server.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.GatheringByteChannel;

/**
 * What lies between a {@link Connection}'s socket and its protocol handler: nothing
 * ({@link PlainTransport}) or TLS ({@link TlsTransport}). The handler sees application bytes
 * either way and never knows which it has.
 *
 * <p>As a channel, {@link #read(ByteBuffer)} returns application bytes (0: none for now, -1:
 * the peer's stream ended) and the gathering writes take application bytes, returning how many
 * were taken; a write takes less than offered only when the socket is full. Confined to the
 * connection's loop thread.
 */
public sealed interface Transport extends ByteChannel, GatheringByteChannel permits PlainTransport, TlsTransport {

    /** The connection is registered: the transport may arm timers and ask for flushes. */
    void open(Connection connection);

    /**
     * Returns whether application bytes are buffered inside the transport and can be read
     * without the socket becoming readable again (the selector cannot see them).
     */
    boolean hasBufferedInput();

    /**
     * Writes bytes the transport produced itself (TLS records, handshake messages) that are
     * still waiting.
     *
     * @return true when nothing of the transport's own waits any more
     */
    boolean flushPending() throws IOException;

    /** Returns the URL scheme the transport serves, {@code rtmp} or {@code rtmps}. */
    String scheme();

    @Override
    default long write(ByteBuffer[] sources) throws IOException {
        return write(sources, 0, sources.length);
    }

    @Override
    default int write(ByteBuffer source) throws IOException {
        return (int) write(new ByteBuffer[] {source}, 0, 1);
    }
}
