package io.github.rtmpflow.server.internal;

import io.github.rtmpflow.core.chunk.BoundedBudget;
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
 * cannot exhaust the heap. A message that would pass either fails its connection. Decoders
 * reserve on the event loops about once per read (see {@link io.github.rtmpflow.core.chunk.ChunkDecoder}),
 * so reserving takes no lock and allocates nothing: each connection's budget holds its address's
 * counter, looked up once when the connection opens.
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
    /** Guarded by {@code this}; the counters themselves are updated without the lock. */
    private final Map<InetAddress, BoundedBudget> bufferedPerAddress = new HashMap<>();
    private final BoundedBudget bufferedTotal;
    private final long maxBufferedPerAddress;
    private int total;
    private int inHandshake;

    /** Creates a limiter enforcing {@code limits}, with the derived partial-message budgets. */
    public ConnectionLimiter(ServerLimits limits) {
        this(limits, 2 * limits.protocol().maxBufferedBytes(),
                Math.max(2 * limits.protocol().maxBufferedBytes(), Runtime.getRuntime().maxMemory() / 4));
    }

    /** Creates a limiter enforcing {@code limits} and the given partial-message budgets. */
    ConnectionLimiter(ServerLimits limits, long maxBufferedPerAddress, long maxBufferedTotal) {
        this.limits = limits;
        this.maxBufferedPerAddress = maxBufferedPerAddress;
        this.bufferedTotal = new BoundedBudget(maxBufferedTotal);
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
        // The address's last connection is gone: forget its counter once nothing is reserved
        // (a connection gives its reservations back when it closes; a counter still in use is
        // kept and found again by the address's next connection).
        if (!perAddress.containsKey(address)) {
            bufferedPerAddress.computeIfPresent(address, (a, n) -> n.reservedBytes() == 0 ? null : n);
        }
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
        BoundedBudget fromAddress;
        synchronized (this) {
            fromAddress = bufferedPerAddress.computeIfAbsent(address, a -> new BoundedBudget(maxBufferedPerAddress));
        }
        return new BufferBudget() {
            @Override
            public boolean tryReserve(long bytes) {
                if (!fromAddress.tryReserve(bytes)) {
                    LOG.warn("[{}] {} partial messages would pass the budget of its address ({} + {} > {} bytes)",
                            label, address.getHostAddress(), fromAddress.reservedBytes(), bytes,
                            fromAddress.maxBytes());
                    return false;
                }
                if (!bufferedTotal.tryReserve(bytes)) {
                    fromAddress.release(bytes);
                    LOG.warn("[{}] {} partial messages would pass the server's budget ({} + {} > {} bytes)", label,
                            address.getHostAddress(), bufferedTotal.reservedBytes(), bytes, bufferedTotal.maxBytes());
                    return false;
                }
                return true;
            }

            @Override
            public void release(long bytes) {
                fromAddress.release(bytes);
                bufferedTotal.release(bytes);
            }
        };
    }

    /** Returns the partial-message bytes reserved by all connections. */
    public long bufferedBytes() {
        return bufferedTotal.reservedBytes();
    }

    /** Returns the partial-message bytes reserved by the connections from {@code address}. */
    public synchronized long bufferedBytes(InetAddress address) {
        BoundedBudget fromAddress = bufferedPerAddress.get(address);
        return fromAddress == null ? 0 : fromAddress.reservedBytes();
    }

    /** Returns the limits enforced. */
    public ServerLimits limits() {
        return limits;
    }
}
