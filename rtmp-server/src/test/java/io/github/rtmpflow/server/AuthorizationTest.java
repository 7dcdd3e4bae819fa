package io.github.rtmpflow.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.rtmpflow.core.session.StatusCodes;
import io.github.rtmpflow.flv.FlvTag;
import io.github.rtmpflow.server.client.RtmpClient;
import io.github.rtmpflow.server.client.RtmpRefusedException;
import io.github.rtmpflow.server.testing.LogFile;
import io.github.rtmpflow.server.testing.ManualTime;
import io.github.rtmpflow.server.testing.Poll;
import io.github.rtmpflow.server.testing.TestServers;
import io.github.rtmpflow.server.testing.TestTags;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthorizationTest {

    @TempDir
    Path recordings;

    @Test
    void shouldRefuseAWrongKeyAsUnauthorizedAndNeverLogOrStoreAnyKey() throws Exception {
        String secret = "s3cr3t-" + UUID.randomUUID();
        String wrong = "wr0ng-" + UUID.randomUUID();
        List<AuthorizationRequest> seen = new CopyOnWriteArrayList<>();
        List<String> published = new CopyOnWriteArrayList<>();
        RtmpServer server = TestServers.builder()
                .recordDirectory(recordings)
                .authorizer(request -> {
                    seen.add(request);
                    return secret.equals(request.queryParam("key")) ? Decision.allow() : Decision.deny("bad key");
                })
                .onPublish(stream -> published.add(stream.path()))
                .start();
        try {
            try (RtmpClient client = RtmpClient.connect(TestServers.url(server, "live"))) {
                assertThatThrownBy(() -> client.publish("cam1?key=" + wrong))
                        .isInstanceOfSatisfying(RtmpRefusedException.class,
                                e -> assertThat(e.code()).isEqualTo(StatusCodes.PUBLISH_UNAUTHORIZED));
            }
            try (RtmpClient client = RtmpClient.connect(TestServers.url(server, "live"))) {
                client.publish("cam1?key=" + secret);
                for (FlvTag tag : TestTags.stream(2, 10, 10_000)) {
                    client.send(tag);
                }
            }
            // The key may also travel on the connect URL (tcUrl), as some encoders send it.
            try (RtmpClient client = RtmpClient.connect(TestServers.url(server, "live") + "?key=" + secret)) {
                client.publish("cam2");
            }
            Poll.until("both sessions to end", () -> server.streams().isEmpty() && published.size() == 2);
        } finally {
            server.close();
        }

        assertThat(published).containsExactly("live/cam1", "live/cam2");
        assertThat(seen).hasSize(3);
        assertThat(seen.get(0).streamName()).isEqualTo("cam1");
        assertThat(seen.get(0).streamQuery()).isEqualTo("key=" + wrong);
        assertThat(seen.get(0).action()).isEqualTo(AuthorizationRequest.Action.PUBLISH);
        assertThat(seen.get(0).app()).isEqualTo("live");
        assertThat(seen.get(2).tcUrlQuery()).isEqualTo("key=" + secret);
        assertThat(seen.get(2).toString()).doesNotContain(secret);

        String log = LogFile.read();
        assertThat(log).contains("publishing live/cam1").contains("publish live/cam1 unauthorized: bad key");
        assertThat(log).doesNotContain(secret).doesNotContain(wrong);
        try (Stream<Path> files = Files.walk(recordings)) {
            assertThat(files.map(Path::toString)).noneMatch(p -> p.contains(secret) || p.contains("key"))
                    .anyMatch(p -> p.endsWith("live/cam1.flv"));
        }
    }

    @Test
    void shouldWaitForAnAsynchronousDecision() throws Exception {
        CompletableFuture<AuthorizationRequest> asked = new CompletableFuture<>();
        CompletableFuture<Decision> decision = new CompletableFuture<>();
        RtmpServer server = TestServers.builder().asyncAuthorizer(request -> {
            asked.complete(request);
            return decision;
        }).start();
        try (RtmpClient client = RtmpClient.connect(TestServers.url(server, "live"))) {
            CompletableFuture<Throwable> publishing = publishInBackground(client, "cam1");
            asked.get(Poll.DEADLINE.toSeconds(), TimeUnit.SECONDS);
            assertThat(server.stream("live", "cam1")).isEmpty();
            assertThat(publishing).isNotDone();

            new Thread(() -> decision.complete(Decision.allow())).start();

            assertThat(publishing.get(Poll.DEADLINE.toSeconds(), TimeUnit.SECONDS)).isNull();
            assertThat(server.stream("live", "cam1")).isPresent();
        } finally {
            server.close();
        }
    }

    @Test
    void shouldDenyWhenTheAsynchronousDecisionTimesOut() throws Exception {
        ManualTime time = new ManualTime();
        CompletableFuture<AuthorizationRequest> asked = new CompletableFuture<>();
        RtmpServer server = TestServers.builder()
                .timeSource(time)
                .asyncAuthorizer(request -> {
                    asked.complete(request);
                    return new CompletableFuture<>();
                })
                .start();
        try (RtmpClient client = RtmpClient.connect(TestServers.url(server, "live"))) {
            CompletableFuture<Throwable> publishing = publishInBackground(client, "cam1");
            asked.get(Poll.DEADLINE.toSeconds(), TimeUnit.SECONDS);

            time.advance(ServerTimeouts.DEFAULTS.authorization().plusMillis(1));

            assertThat(publishing.get(Poll.DEADLINE.toSeconds(), TimeUnit.SECONDS))
                    .isInstanceOfSatisfying(RtmpRefusedException.class,
                            e -> assertThat(e.code()).isEqualTo(StatusCodes.PUBLISH_UNAUTHORIZED));
        } finally {
            server.close();
        }
        assertThat(LogFile.read()).contains("authorization of publish live/cam1 not decided within 10000 ms; denied");
    }

    /** Publishes on another thread; completes with null once publishing, or with the failure. */
    static CompletableFuture<Throwable> publishInBackground(RtmpClient client, String name) {
        CompletableFuture<Throwable> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                client.publish(name);
                result.complete(null);
            } catch (Exception e) {
                result.complete(e);
            }
        }, "publisher-" + name);
        thread.setDaemon(true);
        thread.start();
        return result;
    }
}
