package io.github.rtmpflow.server;

import io.github.rtmpflow.core.RtmpLimits;
import java.util.Objects;

/**
 * Every bound the server enforces on its peers, in one place. Breaking one costs only the
 * offending connection (or its publish request), with a WARN log line naming the connection id
 * and peer address; other connections and streams go on untouched.
 *
 * @param maxConnections most open connections at once; further ones are closed on accept
 * @param maxConnectionsPerAddress most open connections from one client IP address, so one
 *     host cannot lock others out
 * @param maxConnectionsInHandshake most connections accepted but not yet through the
 *     handshake, so a flood of idle sockets cannot lock real encoders out
 * @param maxStreams most live (published) streams on the server
 * @param maxStreamsPerConnection most message streams (createStream) one connection may hold
 * @param maxOutboundBytes most bytes queued for sending on one connection (a player that does
 *     not read); beyond it the connection is closed
 * @param protocol the protocol core's bounds, per connection: message length, chunk size,
 *     chunk streams, buffered bytes of partial messages, AMF depth and sizes
 */
public record ServerLimits(
        int maxConnections,
        int maxConnectionsPerAddress,
        int maxConnectionsInHandshake,
        int maxStreams,
        int maxStreamsPerConnection,
        long maxOutboundBytes,
        RtmpLimits protocol) {

    /** Defaults for a public ingest server. */
    public static final ServerLimits DEFAULTS =
            new ServerLimits(1024, 64, 128, 512, 8, 16L * 1024 * 1024, RtmpLimits.DEFAULTS);

    /** Validates the bounds; misuse throws {@link IllegalArgumentException}. */
    public ServerLimits {
        requirePositive("maxConnections", maxConnections);
        requirePositive("maxConnectionsPerAddress", maxConnectionsPerAddress);
        requirePositive("maxConnectionsInHandshake", maxConnectionsInHandshake);
        requirePositive("maxStreams", maxStreams);
        requirePositive("maxStreamsPerConnection", maxStreamsPerConnection);
        requirePositive("maxOutboundBytes", maxOutboundBytes);
        Objects.requireNonNull(protocol, "protocol");
    }

    /** Returns a copy with another {@code maxConnections}. */
    public ServerLimits withMaxConnections(int value) {
        return new ServerLimits(value, maxConnectionsPerAddress, maxConnectionsInHandshake, maxStreams,
                maxStreamsPerConnection, maxOutboundBytes, protocol);
    }

    /** Returns a copy with another {@code maxConnectionsPerAddress}. */
    public ServerLimits withMaxConnectionsPerAddress(int value) {
        return new ServerLimits(maxConnections, value, maxConnectionsInHandshake, maxStreams,
                maxStreamsPerConnection, maxOutboundBytes, protocol);
    }

    /** Returns a copy with another {@code maxConnectionsInHandshake}. */
    public ServerLimits withMaxConnectionsInHandshake(int value) {
        return new ServerLimits(maxConnections, maxConnectionsPerAddress, value, maxStreams,
                maxStreamsPerConnection, maxOutboundBytes, protocol);
    }

    /** Returns a copy with another {@code maxStreams}. */
    public ServerLimits withMaxStreams(int value) {
        return new ServerLimits(maxConnections, maxConnectionsPerAddress, maxConnectionsInHandshake, value,
                maxStreamsPerConnection, maxOutboundBytes, protocol);
    }

    /** Returns a copy with another {@code maxStreamsPerConnection}. */
    public ServerLimits withMaxStreamsPerConnection(int value) {
        return new ServerLimits(maxConnections, maxConnectionsPerAddress, maxConnectionsInHandshake, maxStreams,
                value, maxOutboundBytes, protocol);
    }

    /** Returns a copy with another {@code maxOutboundBytes}. */
    public ServerLimits withMaxOutboundBytes(long value) {
        return new ServerLimits(maxConnections, maxConnectionsPerAddress, maxConnectionsInHandshake, maxStreams,
                maxStreamsPerConnection, value, protocol);
    }

    /** Returns a copy with other protocol bounds. */
    public ServerLimits withProtocol(RtmpLimits value) {
        return new ServerLimits(maxConnections, maxConnectionsPerAddress, maxConnectionsInHandshake, maxStreams,
                maxStreamsPerConnection, maxOutboundBytes, value);
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + name + "=" + value);
        }
    }
}
