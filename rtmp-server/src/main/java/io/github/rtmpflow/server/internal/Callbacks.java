package io.github.rtmpflow.server.internal;

import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls application callbacks so that one that throws is logged at WARN and isolated. */
public final class Callbacks {

    private static final Logger LOG = LoggerFactory.getLogger(Callbacks.class);

    private Callbacks() {
    }

    /**
     * Hands {@code value} to every consumer; a consumer that throws is logged and the others
     * still run.
     *
     * @param what what kind of callback, for the log line (e.g. "onPublish")
     * @param label the connection or stream the call is about, for the log line
     */
    public static <T> void each(List<Consumer<T>> consumers, T value, String what, String label) {
        for (Consumer<T> consumer : consumers) {
            try {
                consumer.accept(value);
            } catch (RuntimeException | Error e) {
                if (e instanceof VirtualMachineError) {
                    throw (VirtualMachineError) e;
                }
                LOG.warn("[{}] {} callback threw; ignored", label, what, e);
            }
        }
    }
}
