package io.github.rtmpflow.flv;

import io.github.rtmpflow.core.ProtocolError;
import java.io.IOException;

/**
 * An FLV file that is malformed or ends inside a tag. The message names the rule broken and
 * the file offset; {@link #error()} carries the same as a value.
 */
public final class FlvFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient ProtocolError error;
    private final long offset;

    /** Creates the exception for {@code error} found at file offset {@code offset}. */
    public FlvFormatException(ProtocolError error, long offset) {
        super(error + " (file offset " + offset + ")");
        this.error = error;
        this.offset = offset;
    }

    /** Returns the broken rule. */
    public ProtocolError error() {
        return error;
    }

    /** Returns the file offset where the decoder stopped. */
    public long offset() {
        return offset;
    }
}
