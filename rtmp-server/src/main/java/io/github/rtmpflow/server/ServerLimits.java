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
 * @param playerBudgetBytes the outbound budget of one RTMP player: while more bytes than this
 *     wait in its connection's outbound queue, audio and video for it are dropped until the next
 *     video keyframe (counted, logged once per episode); metadata and sequence headers always go
 * @param maxPlayerQueueBytes the hard cap of one RTMP player's outbound queue: a tag that would
 *     queue more disconnects the player (at least {@code playerBudgetBytes}; keep it below
 *     {@code maxOutboundBytes}, which closes any connection)
 */
public record ServerLimits(
        int maxConnections,
        int maxConnectionsPerAddress,
        int maxConnectionsInHandshake,
        int maxStreams,
        int maxStreamsPerConnection,
        long maxOutboundBytes,
        RtmpLimits protocol,
        long playerBudgetBytes,
        long maxPlayerQueueBytes) {

    /** Default {@link #playerBudgetBytes()}: 2 MiB, about 5 s at 3 Mbit/s beyond the kernel's buffer. */
    public static final long DEFAULT_PLAYER_BUDGET_BYTES = 2L * 1024 * 1024;
    /** Default {@link #maxPlayerQueueBytes()}: 8 MiB, half the default {@code maxOutboundBytes}. */
    public static final long DEFAULT_MAX_PLAYER_QUEUE_BYTES = 8L * 1024 * 1024;

    /** Defaults for a public ingest server. */
    public static final ServerLimits DEFAULTS =
            new ServerLimits(1024, 64, 128, 512, 8, 16L * 1024 * 1024, RtmpLimits.DEFAULTS);

    /** Creates limits with the default player budgets ({@link #DEFAULT_PLAYER_BUDGET_BYTES}, ...). */
    public ServerLimits(int maxConnections, int maxConnectionsPerAddress, int maxConnectionsInHandshake,
            int maxStreams, int maxStreamsPerConnection, long maxOutboundBytes, RtmpLimits protocol) {
        this(maxConnections, maxConnectionsPerAddress, maxConnectionsInHandshake, maxStreams, maxStreamsPerConnection,
                maxOutboundBytes, protocol, DEFAULT_PLAYER_BUDGET_BYTES, DEFAULT_MAX_PLAYER_QUEUE_BYTES);
    }

    /** Validates the bounds; misuse throws {@link IllegalArgumentException}. */
    public ServerLimits {
        requirePositive("maxConnections", maxConnections);
        requirePositive("maxConnectionsPerAddress", maxConnectionsPerAddress);
        requirePositive("maxConnectionsInHandshake", maxConnectionsInHandshake);
        requirePositive("maxStreams", maxStreams);
        requirePositive("maxStreamsPerConnection", maxStreamsPerConnection);
        requirePositive("maxOutboundBytes", maxOutboundBytes);
        Objects.requireNonNull(protocol, "protocol");
        requirePositive("playerBudgetBytes", playerBudgetBytes);
        if (maxPlayerQueueBytes < playerBudgetBytes) {
            throw new IllegalArgumentException("maxPlayerQueueBytes below playerBudgetBytes: maxPlayerQueueBytes="
                    + maxPlayerQueueBytes + " playerBudgetBytes=" + playerBudgetBytes);
        }
    }

    /** Returns a copy with another {@code maxConnections}. */
    public ServerLimits withMaxConnections(int value) {
        return new ServerLimits(value, maxConnectionsPerAddress, maxConnectionsInHandshake, maxStreams,
                maxStreamsPerConnection, maxOutboundBytes, protocol, playerBudgetBytes, maxPlayerQueueBytes);
    }

    /** Returns a copy with another {@code maxConnectionsPerAddress}. */
    public ServerLimits withMaxConnectionsPerAddress(int value) {
        return new ServerLimits(maxConnections, value, maxConnectionsInHandshake, maxStreams,
                maxStreamsPerConnection, maxOutboundBytes, protocol, playerBudgetBytes, maxPlayerQueueBytes);
    }

    /** Returns a copy with another {@code maxConnectionsInHandshake}. */
    public ServerLimits withMaxConnectionsInHandshake(int value) {
        return new ServerLimits(maxConnections, maxConnectionsPerAddress, value, maxStreams,
                maxStreamsPerConnection, maxOutboundBytes, protocol, playerBudgetBytes, maxPlayerQueueBytes);
    }

    /** Returns a copy with another {@code maxStreams}. */
    public ServerLimits withMaxStreams(int value) {
        return new ServerLimits(maxConnections, maxConnectionsPerAddress, maxConnectionsInHandshake, value,
                maxStreamsPerConnection, maxOutboundBytes, protocol, playerBudgetBytes, maxPlayerQueueBytes);
    }

    /** Returns a copy with another {@code maxStreamsPerConnection}. */
    public ServerLimits withMaxStreamsPerConnection(int value) {
        return new ServerLimits(maxConnections, maxConnectionsPerAddress, maxConnectionsInHandshake, maxStreams,
                value, maxOutboundBytes, protocol, playerBudgetBytes, maxPlayerQueueBytes);
    }

    /** Returns a copy with another {@code maxOutboundBytes}. */
    public ServerLimits withMaxOutboundBytes(long value) {
        return new ServerLimits(maxConnections, maxConnectionsPerAddress, maxConnectionsInHandshake, maxStreams,
                maxStreamsPerConnection, value, protocol, playerBudgetBytes, maxPlayerQueueBytes);
    }

    /** Returns a copy with other protocol bounds. */
    public ServerLimits withProtocol(RtmpLimits value) {
        return new ServerLimits(maxConnections, maxConnectionsPerAddress, maxConnectionsInHandshake, maxStreams,
                maxStreamsPerConnection, maxOutboundBytes, value, playerBudgetBytes, maxPlayerQueueBytes);
    }

    /**
     * Returns a copy with other player budgets: {@code budget} bytes queued for a player before
     * its media is dropped until a keyframe, {@code hardCap} before it is disconnected.
     */
    public ServerLimits withPlayerBudget(long budget, long hardCap) {
        return new ServerLimits(maxConnections, maxConnectionsPerAddress, maxConnectionsInHandshake, maxStreams,
                maxStreamsPerConnection, maxOutboundBytes, protocol, budget, hardCap);
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + name + "=" + value);
        }
    }
}
