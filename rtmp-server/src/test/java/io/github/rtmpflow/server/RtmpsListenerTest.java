package io.github.rtmpflow.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.rtmpflow.flv.FlvTag;
import io.github.rtmpflow.flv.SubscribeOptions;
import io.github.rtmpflow.server.client.RtmpClient;
import io.github.rtmpflow.server.client.RtmpClientOptions;
import io.github.rtmpflow.server.testing.CollectingSubscriber;
import io.github.rtmpflow.server.testing.EngineClient;
import io.github.rtmpflow.server.testing.LogFile;
import io.github.rtmpflow.server.testing.Poll;
import io.github.rtmpflow.server.testing.TestCertificates;
import io.github.rtmpflow.server.testing.TestServers;
import io.github.rtmpflow.server.testing.TestTags;
import io.github.rtmpflow.server.testing.TlsClients;
import io.github.rtmpflow.server.testing.TlsProxy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The RTMPS listener facing wrong and hostile peers: each costs only its own connection, with
 * a clear log line, while a publisher on the same listener keeps every tag.
 */
class RtmpsListenerTest {

    @TempDir
    static Path certificates;
    static TestCertificates.PemPair pair;

    private RtmpServer server;
    private CollectingSubscriber subscriber;

    @BeforeAll
    static void makeCertificate() {
        pair = TestCertificates.ec(certificates, "localhost");
    }

    @BeforeEach
    void start() throws IOException {
        server = start(TlsOptions.DEFAULT_HANDSHAKE_TIMEOUT);
    }

    private RtmpServer start(Duration tlsHandshakeTimeout) throws IOException {
        subscriber = new CollectingSubscriber();
        return TestServers.builder()
                .rtmps(TlsOptions.of(TestServers.loopback(), TlsCredentials.pem(pair.certificate(), pair.key()))
                        .withHandshakeTimeout(tlsHandshakeTimeout))
                .onPublish(stream -> stream.subscribe(subscriber, SubscribeOptions.defaults()))
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private int tlsPort() {
        return server.rtmpsAddress().orElseThrow().getPort();
    }

    @Test
    void shouldCloseOnlyAPlainRtmpClientOnTheTlsPortWhileAPublisherKeepsEveryTag() throws Exception {
        List<FlvTag> sent = TestTags.stream(3, 60, 50_000);
        try (TlsProxy proxy = TlsProxy.start(tlsPort(), "TLSv1.3");
                RtmpClient publisher = RtmpClient.connect(proxy.url("live"))) {
            publisher.publish("cam1");
            for (FlvTag tag : sent.subList(0, sent.size() / 2)) {
                publisher.send(tag);
            }
            String tlsUrl = "rtmp://127.0.0.1:" + tlsPort() + "/live";
            assertThatThrownBy(() -> RtmpClient.connect(tlsUrl,
                    RtmpClientOptions.DEFAULTS.withTimeout(Duration.ofSeconds(10)))).isInstanceOf(IOException.class);
            for (FlvTag tag : sent.subList(sent.size() / 2, sent.size())) {
                publisher.send(tag);
            }
        }
        PublishRoundTripTest.assertSameTags(subscriber.done().get(30, TimeUnit.SECONDS), sent);
        Poll.until("TLS failure logged", () -> log().contains("TLS handshake failed, closing"));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void shouldCloseOnlyAPeerSendingGarbageRecords(long seed) throws Exception {
        Random random = new Random(seed);
        byte[] garbage = new byte[1 + random.nextInt(4096)];
        random.nextBytes(garbage);
        if (seed % 2 == 0) {
            // Looks like a TLS 1.2 handshake record header, with a random body.
            garbage[0] = 0x16;
            garbage[1] = 0x03;
            garbage[2] = 0x03;
        }
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), tlsPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(garbage);
            socket.shutdownOutput();
            try {
                while (socket.getInputStream().read() >= 0) {
                    // The server's alert, if any, then the close.
                }
            } catch (IOException e) {
                // A reset is a close too.
            }
        }
        Poll.until("connection released", () -> server.openConnections() == 0);
        try (EngineClient client = EngineClient.connect(tlsPort(), "TLSv1.3")) {
            Poll.until("a good client still served", () -> server.openConnections() == 1);
        }
    }

    @Test
    void shouldFailATlsClientOnThePlainPortCleanly() throws Exception {
        int plainPort = server.localAddress().getPort();
        assertThatThrownBy(() -> TlsClients.connect(plainPort, "TLSv1.3")).isInstanceOf(IOException.class);
        Poll.until("RTMP handshake failure logged", () -> log().contains("C0 is not RTMP version 3: version=22"));
        Poll.until("connection released", () -> server.openConnections() == 0);
        // The plain listener still serves RTMP.
        try (RtmpClient client = RtmpClient.connect(TestServers.url(server, "live"))) {
            client.publish("cam2");
        }
    }

    @Test
    void shouldCloseAPeerThatDoesNotFinishTheTlsHandshakeInTime() throws Exception {
        server.close();
        server = start(Duration.ofMillis(300));
        try (Socket silent = new Socket(InetAddress.getLoopbackAddress(), tlsPort())) {
            silent.setSoTimeout(30_000);
            assertThat(silent.getInputStream().read()).isEqualTo(-1);
        }
        Poll.until("timeout logged", () -> log().contains("TLS handshake not completed within 300 ms, closing"));
        Poll.until("connection released", () -> server.openConnections() == 0);
    }

    @Test
    void shouldRefuseTls12Renegotiation() throws Exception {
        try (SSLSocket socket = TlsClients.connect(tlsPort(), "TLSv1.2")) {
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");
            assertThatThrownBy(() -> {
                socket.startHandshake();
                // The JDK sends the ClientHello and learns of the refusal on its next read.
                int read = socket.getInputStream().read();
                throw new IOException("renegotiation not refused, read " + read);
            }).isInstanceOf(IOException.class);
        }
        Poll.until("refusal logged", () -> log().contains("TLS renegotiation refused, closing"));
        Poll.until("connection released", () -> server.openConnections() == 0);
    }

    @Test
    void shouldAnswerTheClientsCloseNotifyWithItsOwn() throws Exception {
        try (EngineClient client = EngineClient.connect(tlsPort(), "TLSv1.3")) {
            Poll.until("connection open", () -> server.openConnections() == 1);
            client.sendCloseNotify();
            assertThat(client.awaitEnd()).isEqualTo(EngineClient.Ending.CLOSE_NOTIFY);
        }
        Poll.until("close_notify logged", () -> log().contains("TLS close_notify received"));
        Poll.until("connection released", () -> server.openConnections() == 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void shouldSendCloseNotifyWhenTheServerCloses(String protocol) throws Exception {
        try (EngineClient client = EngineClient.connect(tlsPort(), protocol)) {
            Poll.until("connection open", () -> server.openConnections() == 1);
            server.close();
            assertThat(client.awaitEnd()).isEqualTo(EngineClient.Ending.CLOSE_NOTIFY);
        }
    }

    private static String log() {
        try {
            return LogFile.read();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
