package io.github.rtmpflow.server.internal;

import io.github.rtmpflow.core.chunk.BufferBudget;
import io.github.rtmpflow.server.ServerLimits;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts open connections, in total, per client address and still in the handshake, and
 * refuses new ones beyond {@link ServerLimits}. Thread-safe (the acceptor acquires, the loops
 * release); accepts are rare enough for a lock.
 *
 * <p>It also keeps the shared budgets of partial-message bytes (announced lengths the chunk
 * decoders reserved): per client address, twice the per-connection
 * {@link io.github.rtmpflow.core.RtmpLimits#maxBufferedBytes()} (64 MiB by default), so one host
 * cannot pin {@code maxConnectionsPerAddress} times the per-connection bound; and in all, a
 * quarter of the JVM's maximum heap (at least the per-address budget), so many hosts together
 * cannot exhaust the heap. A message that would pass either fails its connection. Message starts
 * are far rarer than bytes, so a lock is cheap here too.
 */
public final class ConnectionLimiter {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLimiter.class);

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
    private final Map<InetAddress, Long> bufferedPerAddress = new HashMap<>();
    private final long maxBufferedPerAddress;
    private final long maxBufferedTotal;
    private int total;
    private int inHandshake;
    private long bufferedTotal;

    /** Creates a limiter enforcing {@code limits}, with the derived partial-message budgets. */
    public ConnectionLimiter(ServerLimits limits) {
        this(limits, 2 * limits.protocol().maxBufferedBytes(),
                Math.max(2 * limits.protocol().maxBufferedBytes(), Runtime.getRuntime().maxMemory() / 4));
    }

    /** Creates a limiter enforcing {@code limits} and the given partial-message budgets. */
    ConnectionLimiter(ServerLimits limits, long maxBufferedPerAddress, long maxBufferedTotal) {
        this.limits = limits;
        this.maxBufferedPerAddress = maxBufferedPerAddress;
        this.maxBufferedTotal = maxBufferedTotal;
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

    /**
     * Returns the partial-message budget of one connection from {@code address}, for its chunk
     * decoder; a refusal is logged at WARN with {@code label}, the connection's log label.
     */
    public BufferBudget bufferBudget(InetAddress address, String label) {
        return new BufferBudget() {
            @Override
            public boolean tryReserve(long bytes) {
                return reserveBuffer(address, label, bytes);
            }

            @Override
            public void release(long bytes) {
                releaseBuffer(address, bytes);
            }
        };
    }

    private synchronized boolean reserveBuffer(InetAddress address, String label, long bytes) {
        long fromAddress = bufferedPerAddress.getOrDefault(address, 0L);
        if (fromAddress + bytes > maxBufferedPerAddress) {
            LOG.warn("[{}] {} partial messages would pass the budget of its address ({} + {} > {} bytes)", label,
                    address.getHostAddress(), fromAddress, bytes, maxBufferedPerAddress);
            return false;
        }
        if (bufferedTotal + bytes > maxBufferedTotal) {
            LOG.warn("[{}] {} partial messages would pass the server's budget ({} + {} > {} bytes)", label,
                    address.getHostAddress(), bufferedTotal, bytes, maxBufferedTotal);
            return false;
        }
        bufferedPerAddress.put(address, fromAddress + bytes);
        bufferedTotal += bytes;
        return true;
    }

    private synchronized void releaseBuffer(InetAddress address, long bytes) {
        if (bytes == 0) {
            return;
        }
        bufferedTotal -= bytes;
        bufferedPerAddress.computeIfPresent(address, (a, n) -> n <= bytes ? null : n - bytes);
    }

    /** Returns the partial-message bytes reserved by all connections. */
    public synchronized long bufferedBytes() {
        return bufferedTotal;
    }

    /** Returns the partial-message bytes reserved by the connections from {@code address}. */
    public synchronized long bufferedBytes(InetAddress address) {
        return bufferedPerAddress.getOrDefault(address, 0L);
    }

    /** Returns the limits enforced. */
    public ServerLimits limits() {
        return limits;
    }
}
