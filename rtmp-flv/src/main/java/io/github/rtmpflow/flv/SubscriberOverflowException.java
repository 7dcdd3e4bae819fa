package io.github.rtmpflow.flv;

/**
 * The error a {@link TagFanout} subscriber receives when it is disconnected because its queue
 * overflowed (policy {@link OverflowPolicy#DISCONNECT}, or a queue stalled past twice its bounds
 * under any policy).
 */
public final class SubscriberOverflowException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what overflowed, as key=value text
     */
    public SubscriberOverflowException(String message) {
        super(message);
    }
}
