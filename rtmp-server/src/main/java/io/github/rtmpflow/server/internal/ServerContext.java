package io.github.rtmpflow.server.internal;

import io.github.rtmpflow.core.session.ServerSessionConfig;
import io.github.rtmpflow.server.AsyncAuthorizer;
import io.github.rtmpflow.server.LiveStream;
import io.github.rtmpflow.server.ServerLimits;
import io.github.rtmpflow.server.ServerTimeouts;
import io.github.rtmpflow.server.TimeSource;
import java.util.List;
import java.util.function.Consumer;

/**
 * What every connection of one server shares: configuration, the stream registry, the
 * recordings and the application's callbacks. Immutable references; the services are
 * thread-safe.
 *
 * @param time the clock of every timeout
 * @param epochNanos the time-source instant the server started: handshake and ping times count from it
 * @param limits connection and stream bounds
 * @param timeouts handshake, idle, publisher idle, ping and authorization timeouts
 * @param sessionConfig the protocol session settings (chunk size, windows, stream bound, AMF limits)
 * @param authorizer decides publish and play requests
 * @param onPublish called when a publish session starts, on its loop
 * @param onUnpublish called when a publish session ends, on its loop
 * @param registry the stream names
 * @param recordings the recorder, or null when recording is off
 * @param limiter the connection counters
 */
public record ServerContext(
        TimeSource time,
        long epochNanos,
        ServerLimits limits,
        ServerTimeouts timeouts,
        ServerSessionConfig sessionConfig,
        AsyncAuthorizer authorizer,
        List<Consumer<LiveStream>> onPublish,
        List<Consumer<LiveStream>> onUnpublish,
        StreamRegistry registry,
        RecordingManager recordings,
        ConnectionLimiter limiter) {

    /** Copies the listener lists. */
    public ServerContext {
        onPublish = List.copyOf(onPublish);
        onUnpublish = List.copyOf(onUnpublish);
    }

    /** Returns milliseconds since the server started, on the time source (handshake epoch, ping payloads). */
    public long uptimeMillis() {
        return (time.nanoTime() - epochNanos) / 1_000_000L;
    }
}
