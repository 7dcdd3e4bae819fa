package io.github.rtmpflow.server.internal;

import java.nio.ByteBuffer;

/**
 * The protocol side of a {@link Connection}: what to do with the bytes read. All calls happen
 * on the connection's event loop thread, in order.
 */
public interface ConnectionHandler {

    /** The connection is registered with its loop; the handler may send and arm timers. */
    void onOpen(Connection connection);

    /**
     * Bytes arrived. {@code data} is the loop's shared read buffer: it is valid only during this
     * call, so the handler consumes it or copies what it keeps. A handler that cannot take more
     * (a deliberate pause) copies the rest and calls {@link Connection#pauseReading()}.
     */
    void onRead(ByteBuffer data);

    /**
     * The connection closed (peer gone, error, limit or server shutdown), exactly once; release
     * streams and timers.
     *
     * @param reason short text for the log, without secrets
     */
    void onClosed(String reason);
}
