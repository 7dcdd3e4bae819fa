package io.github.rtmpflow.server;

import java.time.Duration;
import java.util.Objects;

/**
 * The server's timeouts, measured with its {@link TimeSource}.
 *
 * @param handshake longest time from accept to the end of the RTMP handshake; a peer that is
 *     slower is closed (a stalled or hostile client cannot hold a slot)
 * @param idle longest time without a single byte from a connection after its handshake; the
 *     server's pings make live peers answer, so this is dead-peer detection
 * @param publisherIdle a publisher that sent nothing (not even the answer to a ping) for this
 *     long is considered dead: a new publisher of the same name takes the name over and the
 *     old connection is closed; before that, a second publisher of a live name is refused
 * @param pingInterval how often the server sends a User Control PingRequest to each connection
 *     after the handshake, so quiet but live peers produce bytes; {@link Duration#ZERO} disables
 *     pings
 * @param authorization longest wait for an asynchronous {@link Authorizer} decision; a request
 *     not decided in time is denied
 */
public record ServerTimeouts(
        Duration handshake, Duration idle, Duration publisherIdle, Duration pingInterval, Duration authorization) {

    /** Defaults: handshake 10 s, idle 30 s, publisher idle 10 s, ping every 5 s, authorization 10 s. */
    public static final ServerTimeouts DEFAULTS = new ServerTimeouts(Duration.ofSeconds(10),
            Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(10));

    /** Validates the durations; misuse throws {@link IllegalArgumentException}. */
    public ServerTimeouts {
        requirePositive("handshake", handshake);
        requirePositive("idle", idle);
        requirePositive("publisherIdle", publisherIdle);
        Objects.requireNonNull(pingInterval, "pingInterval");
        if (pingInterval.isNegative()) {
            throw new IllegalArgumentException("pingInterval must not be negative: pingInterval=" + pingInterval);
        }
        requirePositive("authorization", authorization);
    }

    /** Returns a copy with another handshake timeout. */
    public ServerTimeouts withHandshake(Duration value) {
        return new ServerTimeouts(value, idle, publisherIdle, pingInterval, authorization);
    }

    /** Returns a copy with another idle timeout. */
    public ServerTimeouts withIdle(Duration value) {
        return new ServerTimeouts(handshake, value, publisherIdle, pingInterval, authorization);
    }

    /** Returns a copy with another publisher idle timeout. */
    public ServerTimeouts withPublisherIdle(Duration value) {
        return new ServerTimeouts(handshake, idle, value, pingInterval, authorization);
    }

    /** Returns a copy with another ping interval ({@link Duration#ZERO} disables pings). */
    public ServerTimeouts withPingInterval(Duration value) {
        return new ServerTimeouts(handshake, idle, publisherIdle, value, authorization);
    }

    /** Returns a copy with another authorization timeout. */
    public ServerTimeouts withAuthorization(Duration value) {
        return new ServerTimeouts(handshake, idle, publisherIdle, pingInterval, value);
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + name + "=" + value);
        }
    }
}
