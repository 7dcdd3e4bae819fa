package io.github.rtmpflow.core.handshake;

import io.github.rtmpflow.core.ProtocolError;
import java.util.Objects;

/**
 * What one call of {@code feed} left the handshake in: waiting for more bytes, done, or failed.
 * Dispatch with {@code instanceof}; the outcome is also available as {@code done()} and
 * {@code error()} on the handshake.
 */
public sealed interface HandshakeResult
        permits HandshakeResult.NeedsMoreInput, HandshakeResult.Done, HandshakeResult.Failed {

    /** The shared "needs more input" result. */
    NeedsMoreInput NEEDS_MORE_INPUT = new NeedsMoreInput();

    /** The shared "done" result. */
    Done DONE = new Done();

    /** All input was consumed and the handshake is not complete yet. */
    record NeedsMoreInput() implements HandshakeResult {}

    /**
     * The handshake is complete. Bytes after the peer's last handshake packet were left
     * unconsumed in the buffer given to {@code feed}: they belong to the chunk stream.
     */
    record Done() implements HandshakeResult {}

    /**
     * The peer broke a handshake rule; the handshake stays failed and the caller closes the
     * connection.
     *
     * @param error the broken rule
     */
    record Failed(ProtocolError error) implements HandshakeResult {
        /** Creates a failure; {@code error} is required. */
        public Failed {
            Objects.requireNonNull(error, "error");
        }
    }
}
