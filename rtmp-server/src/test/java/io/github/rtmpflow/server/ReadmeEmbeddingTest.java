package io.github.rtmpflow.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.rtmpflow.flv.FlvTag;
import io.github.rtmpflow.server.AuthorizationRequest.Action;
import io.github.rtmpflow.server.client.RtmpClient;
import io.github.rtmpflow.server.client.RtmpRefusedException;
import io.github.rtmpflow.server.testing.Poll;
import io.github.rtmpflow.server.testing.TestTags;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the embedding example of README.md ("Embedding") as written there, so the README cannot
 * drift from the API: a keyed publisher is accepted and every tag reaches the application, a
 * publisher without the key is refused, and the stream is recorded.
 */
class ReadmeEmbeddingTest {

    @TempDir
    Path workDir;

    @Test
    void shouldDeliverTagsToTheReadmeListenerAndRefuseAPublisherWithoutTheKey() throws Exception {
        List<FlvTag> received = new CopyOnWriteArrayList<>();
        InetSocketAddress bindAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        Path recordings = workDir.resolve("recordings");

        // --- README example, unchanged except for the bind address and the consumer ---
        RtmpServer server = RtmpServer.builder()
                .bind(bindAddress)                                   // README: new InetSocketAddress(1935)
                .authorizer(request -> request.action() == Action.PLAY || "secret".equals(request.queryParam("key"))
                        ? Decision.allow() : Decision.deny("wrong stream key"))
                .recordDirectory(recordings)                         // optional: <dir>/<app>/<name>.flv
                .onPublish(stream -> stream.addListener(received::add)) // or stream.publisher().subscribe(...)
                .start();
        // --- end of README example ---

        List<FlvTag> sent = TestTags.stream(7, 60, 50_000);
        try (server) {
            String url = "rtmp://127.0.0.1:" + server.localAddress().getPort() + "/live";
            try (RtmpClient refused = RtmpClient.connect(url)) {
                assertThatThrownBy(() -> refused.publish("cam?key=guess")).isInstanceOf(RtmpRefusedException.class);
            }
            try (RtmpClient client = RtmpClient.connect(url)) {
                client.publish("cam?key=secret");
                for (FlvTag tag : sent) {
                    client.send(tag);
                }
            }
            Poll.until("every tag to reach the listener", () -> received.size() == sent.size());
        }
        assertThat(received).extracting(FlvTag::payload).containsExactlyElementsOf(
                sent.stream().map(FlvTag::payload).toList());
        assertThat(Files.exists(recordings.resolve("live").resolve("cam.flv"))).isTrue();
    }
}
