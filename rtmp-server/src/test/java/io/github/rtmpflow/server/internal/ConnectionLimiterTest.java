package io.github.rtmpflow.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.core.chunk.BufferBudget;
import io.github.rtmpflow.server.ServerLimits;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class ConnectionLimiterTest {

    private static final InetAddress A = InetAddress.getLoopbackAddress();
    private static final InetAddress B;

    static {
        try {
            B = InetAddress.getByAddress(new byte[] {127, 0, 0, 2});
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void shouldRefuseBeyondTheTotal() {
        ConnectionLimiter limiter = new ConnectionLimiter(ServerLimits.DEFAULTS.withMaxConnections(2));
        assertThat(limiter.tryAcquire(A)).isEqualTo(ConnectionLimiter.Verdict.ACCEPTED);
        assertThat(limiter.tryAcquire(B)).isEqualTo(ConnectionLimiter.Verdict.ACCEPTED);
        assertThat(limiter.tryAcquire(B)).isEqualTo(ConnectionLimiter.Verdict.TOO_MANY_CONNECTIONS);
        limiter.release(A, true);
        assertThat(limiter.tryAcquire(B)).isEqualTo(ConnectionLimiter.Verdict.ACCEPTED);
    }

    @Test
    void shouldRefuseBeyondThePerAddressBoundOnlyForThatAddress() {
        ConnectionLimiter limiter = new ConnectionLimiter(ServerLimits.DEFAULTS.withMaxConnectionsPerAddress(1));
        assertThat(limiter.tryAcquire(A)).isEqualTo(ConnectionLimiter.Verdict.ACCEPTED);
        assertThat(limiter.tryAcquire(A)).isEqualTo(ConnectionLimiter.Verdict.TOO_MANY_FROM_ADDRESS);
        assertThat(limiter.tryAcquire(B)).isEqualTo(ConnectionLimiter.Verdict.ACCEPTED);
        limiter.release(A, true);
        assertThat(limiter.fromAddress(A)).isZero();
        assertThat(limiter.tryAcquire(A)).isEqualTo(ConnectionLimiter.Verdict.ACCEPTED);
    }

    @Test
    void shouldCountOnlyConnectionsStillInTheHandshake() {
        ConnectionLimiter limiter = new ConnectionLimiter(ServerLimits.DEFAULTS.withMaxConnectionsInHandshake(1));
        assertThat(limiter.tryAcquire(A)).isEqualTo(ConnectionLimiter.Verdict.ACCEPTED);
        assertThat(limiter.tryAcquire(A)).isEqualTo(ConnectionLimiter.Verdict.TOO_MANY_IN_HANDSHAKE);
        limiter.handshakeDone();
        assertThat(limiter.tryAcquire(A)).isEqualTo(ConnectionLimiter.Verdict.ACCEPTED);
        limiter.release(A, false);
        limiter.release(A, true);
        assertThat(limiter.total()).isZero();
        assertThat(limiter.inHandshake()).isZero();
    }

    @Test
    void shouldBoundPartialMessagesPerAddressAndGiveThemBack() {
        ConnectionLimiter limiter = new ConnectionLimiter(ServerLimits.DEFAULTS, 1000, 5000);
        BufferBudget a1 = limiter.bufferBudget(A, "c1");
        BufferBudget a2 = limiter.bufferBudget(A, "c2");
        BufferBudget b = limiter.bufferBudget(B, "c3");
        assertThat(a1.tryReserve(600)).isTrue();
        assertThat(a2.tryReserve(500)).as("A's connections together past 1000").isFalse();
        assertThat(b.tryReserve(1000)).as("B has its own budget").isTrue();
        assertThat(limiter.bufferedBytes(A)).isEqualTo(600);
        assertThat(limiter.bufferedBytes()).isEqualTo(1600);

        a1.release(600);
        assertThat(a2.tryReserve(1000)).isTrue();
        a2.release(1000);
        b.release(1000);
        assertThat(limiter.bufferedBytes()).isZero();
        assertThat(limiter.bufferedBytes(A)).isZero();
    }

    @Test
    void shouldBoundPartialMessagesOfAllAddressesTogether() {
        ConnectionLimiter limiter = new ConnectionLimiter(ServerLimits.DEFAULTS, 1000, 1500);
        assertThat(limiter.bufferBudget(A, "c1").tryReserve(1000)).isTrue();
        assertThat(limiter.bufferBudget(B, "c2").tryReserve(600)).as("past the total of 1500").isFalse();
        assertThat(limiter.bufferBudget(B, "c2").tryReserve(500)).isTrue();
        assertThat(limiter.bufferedBytes()).isEqualTo(1500);
    }

    @Test
    void shouldDeriveTheBudgetsFromThePerConnectionBound() {
        ConnectionLimiter limiter = new ConnectionLimiter(ServerLimits.DEFAULTS.withProtocol(
                ServerLimits.DEFAULTS.protocol().withMaxBufferedBytes(100)));
        BufferBudget a = limiter.bufferBudget(A, "c1");
        assertThat(a.tryReserve(200)).isTrue();
        assertThat(a.tryReserve(1)).as("twice the per-connection bound per address").isFalse();
    }
}
