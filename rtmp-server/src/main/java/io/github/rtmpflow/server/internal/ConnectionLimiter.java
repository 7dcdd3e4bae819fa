package io.github.rtmpflow.server.internal;

import io.github.rtmpflow.server.ServerLimits;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts open connections, in total, per client address and still in the handshake, and
 * refuses new ones beyond {@link ServerLimits}. Thread-safe (the acceptor acquires, the loops
 * release); accepts are rare enough for a lock.
 */
public final class ConnectionLimiter {

    /** Why a connection was refused, or {@link #ACCEPTED}. */
    public enum Verdict {
        /** Within every limit; the caller must {@link #release} it later. */
        ACCEPTED,
        /** {@link ServerLimits#maxConnections()} reached. */
        TOO_MANY_CONNECTIONS,
        /** {@link ServerLimits#maxConnectionsPerAddress()} reached for this address. */
        TOO_MANY_FROM_ADDRESS,
        /** {@link ServerLimits#maxConnectionsInHandshake()} reached. */
        TOO_MANY_IN_HANDSHAKE
    }

    private final ServerLimits limits;
    private final Map<InetAddress, Integer> perAddress = new HashMap<>();
    private int total;
    private int inHandshake;

    /** Creates a limiter enforcing {@code limits}. */
    public ConnectionLimiter(ServerLimits limits) {
        this.limits = limits;
    }

    /**
     * Counts a new connection from {@code address} (in the handshake) when every limit allows
     * it; otherwise counts nothing and says which limit refused it.
     */
    public synchronized Verdict tryAcquire(InetAddress address) {
        if (total >= limits.maxConnections()) {
            return Verdict.TOO_MANY_CONNECTIONS;
        }
        int fromAddress = perAddress.getOrDefault(address, 0);
        if (fromAddress >= limits.maxConnectionsPerAddress()) {
            return Verdict.TOO_MANY_FROM_ADDRESS;
        }
        if (inHandshake >= limits.maxConnectionsInHandshake()) {
            return Verdict.TOO_MANY_IN_HANDSHAKE;
        }
        total++;
        inHandshake++;
        perAddress.put(address, fromAddress + 1);
        return Verdict.ACCEPTED;
    }

    /** A connection acquired earlier finished its handshake. */
    public synchronized void handshakeDone() {
        inHandshake--;
    }

    /**
     * A connection acquired earlier closed.
     *
     * @param stillInHandshake whether it closed before {@link #handshakeDone()} was called for it
     */
    public synchronized void release(InetAddress address, boolean stillInHandshake) {
        total--;
        if (stillInHandshake) {
            inHandshake--;
        }
        perAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    }

    /** Returns the open connections counted. */
    public synchronized int total() {
        return total;
    }

    /** Returns the connections counted as still in the handshake. */
    public synchronized int inHandshake() {
        return inHandshake;
    }

    /** Returns the open connections counted for {@code address}. */
    public synchronized int fromAddress(InetAddress address) {
        return perAddress.getOrDefault(address, 0);
    }

    /** Returns the limits enforced. */
    public ServerLimits limits() {
        return limits;
    }
}
