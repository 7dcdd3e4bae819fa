package io.github.rtmpflow.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.flv.FlvTag;
import io.github.rtmpflow.flv.SubscribeOptions;
import io.github.rtmpflow.server.client.RtmpClient;
import io.github.rtmpflow.server.testing.CollectingSubscriber;
import io.github.rtmpflow.server.testing.FlvFiles;
import io.github.rtmpflow.server.testing.LogFile;
import io.github.rtmpflow.server.testing.TestCertificates;
import io.github.rtmpflow.server.testing.TestServers;
import io.github.rtmpflow.server.testing.SplittingProxy;
import io.github.rtmpflow.server.testing.TestTags;
import io.github.rtmpflow.server.testing.TlsProxy;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RTMP over the RTMPS listener, through a TLS relay so the plain test client can be used:
 * every tag arrives byte-identical at a subscriber and in the recording, over TLS 1.3 and 1.2.
 */
class RtmpsRoundTripTest {

    @TempDir
    static Path certificates;
    static TestCertificates.PemPair pair;

    @TempDir
    Path recordings;

    @BeforeAll
    static void makeCertificate() {
        pair = TestCertificates.rsa(certificates, "localhost");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void shouldDeliverEveryTagByteIdenticalOverTls(String protocol) throws Exception {
        List<FlvTag> sent = TestTags.stream(7, 150, 200_000);
        CollectingSubscriber subscriber = new CollectingSubscriber();
        RtmpServer server = TestServers.builder()
                .rtmps(TlsOptions.of(TestServers.loopback(), TlsCredentials.pem(pair.certificate(), pair.key())))
                .recordDirectory(recordings)
                .onPublish(stream -> stream.subscribe(subscriber, SubscribeOptions.defaults()))
                .start();
        int tlsPort = server.rtmpsAddress().orElseThrow().getPort();
        try (TlsProxy proxy = TlsProxy.start(tlsPort, protocol)) {
            try (RtmpClient client = RtmpClient.connect(proxy.url("live"))) {
                client.publish("cam1");
                for (FlvTag tag : sent) {
                    client.send(tag);
                }
            }
            PublishRoundTripTest.assertSameTags(subscriber.done().get(30, TimeUnit.SECONDS), sent);
        } finally {
            server.close();
        }
        List<FlvTag> recorded = FlvFiles.read(recordings.resolve("live/cam1.flv"));
        PublishRoundTripTest.assertSameTags(FlvFiles.media(recorded), FlvFiles.media(sent));
        assertThat(LogFile.read()).contains("listening on rtmps://127.0.0.1:" + tlsPort);
    }

    @ParameterizedTest
    @CsvSource({"TLSv1.3, 1, 1", "TLSv1.3, 2, 300", "TLSv1.2, 3, 300", "TLSv1.2, 4, 7"})
    void shouldReassembleTlsRecordsSplitAnywhere(String protocol, long seed, int maxPiece) throws Exception {
        List<FlvTag> sent = TestTags.stream(seed, 20, 6_000);
        CollectingSubscriber subscriber = new CollectingSubscriber();
        RtmpServer server = TestServers.builder()
                .rtmps(TlsOptions.of(TestServers.loopback(), TlsCredentials.pem(pair.certificate(), pair.key())))
                .onPublish(stream -> stream.subscribe(subscriber, SubscribeOptions.defaults()))
                .start();
        try (SplittingProxy splitter = new SplittingProxy(server.rtmpsAddress().orElseThrow().getPort(), seed,
                maxPiece);
                TlsProxy proxy = TlsProxy.start(splitter.port(), protocol)) {
            try (RtmpClient client = RtmpClient.connect(proxy.url("live"))) {
                client.publish("split");
                for (FlvTag tag : sent) {
                    client.send(tag);
                }
            }
            PublishRoundTripTest.assertSameTags(subscriber.done().get(60, TimeUnit.SECONDS), sent);
        } finally {
            server.close();
        }
    }
}
