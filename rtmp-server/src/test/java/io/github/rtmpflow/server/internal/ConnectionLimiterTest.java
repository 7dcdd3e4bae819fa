package io.github.rtmpflow.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

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
}
