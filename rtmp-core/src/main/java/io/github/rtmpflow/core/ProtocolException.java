package io.github.rtmpflow.core;

/**
 * Thrown inside the core's parsers when peer input breaks a rule; the push decoders catch it
 * and report its {@link #error()} as a value, so it never escapes {@code feed}.
 */
public final class ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient ProtocolError error;

    /** Creates an exception carrying {@code error}. */
    public ProtocolException(ProtocolError error) {
        super(error.toString(), null, false, false);
        this.error = error;
    }

    /** Creates an exception for {@code code} with key=value {@code detail}. */
    public ProtocolException(ProtocolError.Code code, String detail) {
        this(new ProtocolError(code, detail));
    }

    /** Returns the broken rule. */
    public ProtocolError error() {
        return error;
    }
}
