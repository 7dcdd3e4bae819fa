package io.github.rtmpflow.server.internal;

import io.github.rtmpflow.core.session.ClientCapabilities;
import java.net.InetSocketAddress;

/** What the stream registry needs from a publishing connection; thread-safe. */
public interface PublisherHandle {

    /** Returns the connection's log label, {@code c<id>}. */
    String label();

    /** Returns the publisher's address. */
    InetSocketAddress peer();

    /** Returns the time-source instant of the last bytes received from the publisher. */
    long lastReadNanos();

    /**
     * Closes the publisher's connection on its own loop because another publisher took its
     * name over; any thread.
     */
    void evict(String reason);

    /** Resumes reading the publisher after a subscriber's pause ended; any thread. */
    void resumeReading();

    /**
     * Returns what the publisher announced in connect (Enhanced RTMP); publisher loop thread.
     * {@link ClientCapabilities#NONE} for a legacy client.
     */
    default ClientCapabilities capabilities() {
        return ClientCapabilities.NONE;
    }
}
