package io.github.rtmpflow.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.rtmpflow.core.session.StatusCodes;
import io.github.rtmpflow.server.client.RtmpClient;
import io.github.rtmpflow.server.client.RtmpRefusedException;
import io.github.rtmpflow.server.testing.EngineClient;
import io.github.rtmpflow.server.testing.Poll;
import io.github.rtmpflow.server.testing.TestCertificates;
import io.github.rtmpflow.server.testing.TestServers;
import io.github.rtmpflow.server.testing.TlsProxy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The RTMPS listener shares the plain listener's authorizer and connection limits. */
class RtmpsPolicyTest {

    @TempDir
    static Path certificates;
    static TestCertificates.PemPair pair;

    @BeforeAll
    static void makeCertificate() {
        pair = TestCertificates.ec(certificates, "localhost");
    }

    private static TlsOptions tls() {
        return TlsOptions.of(TestServers.loopback(), TlsCredentials.pem(pair.certificate(), pair.key()));
    }

    @Test
    void shouldAskTheSameAuthorizerForPublishersOverTls() throws Exception {
        try (RtmpServer server = TestServers.builder().rtmps(tls())
                .authorizer(request -> "secret".equals(request.queryParam("key")) ? Decision.allow()
                        : Decision.deny("bad key"))
                .start();
                TlsProxy proxy = TlsProxy.start(server.rtmpsAddress().orElseThrow().getPort(), "TLSv1.3")) {
            try (RtmpClient client = RtmpClient.connect(proxy.url("live"))) {
                assertThatThrownBy(() -> client.publish("cam1?key=wrong"))
                        .isInstanceOfSatisfying(RtmpRefusedException.class,
                                e -> assertThat(e.code()).isEqualTo(StatusCodes.PUBLISH_UNAUTHORIZED));
            }
            try (RtmpClient client = RtmpClient.connect(proxy.url("live"))) {
                client.publish("cam1?key=secret");
                assertThat(server.stream("live", "cam1")).isPresent();
            }
        }
    }

    @Test
    void shouldCountTlsConnectionsAgainstTheSameConnectionLimit() throws Exception {
        try (RtmpServer server = TestServers.builder().rtmps(tls())
                .limits(ServerLimits.DEFAULTS.withMaxConnections(1))
                .start();
                Socket plain = new Socket(InetAddress.getLoopbackAddress(), server.localAddress().getPort())) {
            Poll.until("the plain connection counted", () -> server.openConnections() == 1);
            int tlsPort = server.rtmpsAddress().orElseThrow().getPort();
            // The limit is full: the TLS listener closes the socket before any handshake.
            assertThatThrownBy(() -> EngineClient.connect(tlsPort, "TLSv1.3")).isInstanceOf(IOException.class);
            plain.close();
            Poll.until("the plain connection released", () -> server.openConnections() == 0);
            try (EngineClient client = EngineClient.connect(tlsPort, "TLSv1.3")) {
                Poll.until("the TLS connection counted", () -> server.openConnections() == 1);
            }
        }
    }
}
