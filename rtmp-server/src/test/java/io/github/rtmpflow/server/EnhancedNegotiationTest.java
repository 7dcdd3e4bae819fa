package io.github.rtmpflow.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.rtmpflow.core.amf.AmfObject;
import io.github.rtmpflow.core.amf.AmfStrictArray;
import io.github.rtmpflow.core.amf.AmfString;
import io.github.rtmpflow.core.amf.AmfValue;
import io.github.rtmpflow.core.session.ClientCapabilities;
import io.github.rtmpflow.core.session.EnhancedRtmp;
import io.github.rtmpflow.core.session.StatusCodes;
import io.github.rtmpflow.server.client.RtmpClient;
import io.github.rtmpflow.server.client.RtmpClientOptions;
import io.github.rtmpflow.server.testing.Poll;
import io.github.rtmpflow.server.testing.TestServers;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Enhanced RTMP connect negotiation and the graceful drain, over real sockets with
 * {@link RtmpClient}: what the server answers, what it exposes of the client, and that a
 * draining {@link RtmpServer#close(Duration)} asks only the publishers that announced capsEx
 * Reconnect to move, then waits for the streams to end.
 */
class EnhancedNegotiationTest {

    private static final Duration SHORT = Duration.ofSeconds(2);

    private static AmfObject capsEx(int flags) {
        return AmfObject.builder().put(EnhancedRtmp.CAPS_EX, flags).build();
    }

    @Test
    void shouldAnswerAnEnhancedConnectWithWhatItForwardsAndExposeTheClientsCapabilities() throws Exception {
        ConcurrentHashMap<String, LiveStream> streams = new ConcurrentHashMap<>();
        RtmpServer server = TestServers.builder().onPublish(s -> streams.put(s.name(), s)).start();
        AmfObject announced = AmfObject.builder()
                .put("fourCcList", new AmfStrictArray(List.of(new AmfString("hvc1"), new AmfString("av01"))))
                .put("videoFourCcInfoMap", AmfObject.builder().put("hvc1", 2).put("av01", 2).build())
                .put("audioFourCcInfoMap", AmfObject.builder().put("Opus", 6).build())
                .put("capsEx", 3)
                .build();
        try (RtmpClient client = RtmpClient.connect(TestServers.url(server, "live"), RtmpClientOptions.DEFAULTS,
                announced)) {
            AmfObject answer = client.connectResultProperties();
            assertThat(answer.getNumber("capsEx")).isEqualTo(15);
            assertThat(((AmfObject) answer.get("videoFourCcInfoMap")).getNumber("*")).isEqualTo(4);
            assertThat(((AmfObject) answer.get("audioFourCcInfoMap")).getNumber("*")).isEqualTo(4);
            assertThat(((AmfStrictArray) answer.get("fourCcList")).items()).extracting(AmfValue::asString)
                    .contains("hvc1", "av01", "vp09", "Opus", "fLaC", "ac-3", "ec-3", "*");

            client.publish("cam");
            Poll.until("stream cam live", () -> streams.containsKey("cam"));
            ClientCapabilities caps = streams.get("cam").publisherCapabilities();
            assertThat(caps.fourCcList()).containsExactly("hvc1", "av01");
            assertThat(caps.videoFlags("hvc1")).isEqualTo(EnhancedRtmp.FOUR_CC_CAN_ENCODE);
            assertThat(caps.audioFlags("Opus")).isEqualTo(6);
            assertThat(caps.supportsReconnect()).isTrue();
            assertThat(caps.supportsMultitrack()).isTrue();
            assertThat(streams.get("cam").statistics().publisherCapabilities()).isEqualTo(caps);
        } finally {
            server.close();
        }
    }

    @Test
    void shouldNotAdvertiseEnhancedRtmpToALegacyClient() throws Exception {
        RtmpServer server = TestServers.builder().start();
        try (RtmpClient client = RtmpClient.connect(TestServers.url(server, "live"))) {
            assertThat(client.connectResultProperties().properties()).containsOnlyKeys("fmsVer", "capabilities");
        } finally {
            server.close();
        }
    }

    @Test
    void shouldAskOnlyReconnectCapablePublishersToMoveAndWaitForThemToLeave() throws Exception {
        CompletableFuture<LiveStream> movedEnded = new CompletableFuture<>();
        ConcurrentHashMap<String, LiveStream> streams = new ConcurrentHashMap<>();
        RtmpServer server = TestServers.builder()
                .onPublish(s -> streams.put(s.name(), s))
                .onUnpublish(s -> {
                    if (s.name().equals("mover")) {
                        movedEnded.complete(s);
                    }
                })
                .start();
        String url = TestServers.url(server, "live");
        CompletableFuture<Void> closing = null;
        try (RtmpClient mover = RtmpClient.connect(url, RtmpClientOptions.DEFAULTS,
                     capsEx(EnhancedRtmp.CAPS_EX_RECONNECT));
                RtmpClient stayer = RtmpClient.connect(url, RtmpClientOptions.DEFAULTS,
                        capsEx(EnhancedRtmp.CAPS_EX_MULTITRACK))) {
            mover.publish("mover");
            stayer.publish("stayer");
            Poll.until("both live", () -> streams.size() == 2);

            closing = CompletableFuture.runAsync(() -> server.close(Duration.ofSeconds(60),
                    "rtmp://other.example:1935/live"));
            AmfObject request = mover.awaitStatus(StatusCodes.CONNECT_RECONNECT_REQUEST, Duration.ofSeconds(30));
            assertThat(request.getString("level")).isEqualTo("status");
            assertThat(request.getString("tcUrl")).isEqualTo("rtmp://other.example:1935/live");
            mover.close(); // moves to another instance: unpublish and leave
            movedEnded.get(30, TimeUnit.SECONDS);
            assertThat(closing).as("the drain waits for the publisher that was not asked").isNotDone();
            assertThat(streams.get("stayer").isLive()).isTrue();
            assertThatThrownBy(() -> stayer.awaitStatus(StatusCodes.CONNECT_RECONNECT_REQUEST, SHORT))
                    .isInstanceOf(IOException.class).hasMessageContaining("no onStatus");

            stayer.unpublish();
            closing.get(30, TimeUnit.SECONDS);
        } finally {
            server.close();
        }
        assertThat(streams.get("stayer").isLive()).isFalse();
    }
}
