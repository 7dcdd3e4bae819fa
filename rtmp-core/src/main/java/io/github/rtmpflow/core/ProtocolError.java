package io.github.rtmpflow.core;

import java.util.Objects;

/**
 * Malformed or hostile peer input, reported as a value rather than thrown. A decoder that
 * reports one enters a sticky failed state; the caller closes the connection and logs
 * {@link #toString()}.
 *
 * @param code what kind of rule the peer broke
 * @param detail human-readable key=value text naming the offending values
 */
public record ProtocolError(Code code, String detail) {

    /** The kinds of rule a peer can break. */
    public enum Code {
        /** C0 was not 3 (6 is RTMPE, which rtmpflow does not speak). */
        UNSUPPORTED_VERSION,
        /** The handshake bytes are not a valid handshake. */
        BAD_HANDSHAKE,
        /** A chunk header is malformed or refers to state that does not exist. */
        BAD_CHUNK,
        /** Set Chunk Size of 0 or with bit 31 set, or outside the configured bounds. */
        BAD_CHUNK_SIZE,
        /** A message announced a length above {@link RtmpLimits#maxMessageLength()}. */
        MESSAGE_TOO_LONG,
        /** More chunk streams open than {@link RtmpLimits#maxChunkStreams()}. */
        TOO_MANY_CHUNK_STREAMS,
        /** Partial messages would exceed {@link RtmpLimits#maxBufferedBytes()}. */
        BUFFER_LIMIT,
        /** A message payload does not match its type's layout. */
        BAD_MESSAGE,
        /** AMF data is malformed, too deep or too long. */
        BAD_AMF,
        /** A command arrived that the session's state does not allow. */
        BAD_COMMAND
    }

    /** Creates an error; both arguments are required. */
    public ProtocolError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        return code + ": " + detail;
    }
}
