package io.github.rtmpflow.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.core.ProtocolException;
import io.github.rtmpflow.core.RtmpLimits;
import io.github.rtmpflow.core.chunk.ChunkDecoder;
import io.github.rtmpflow.core.chunk.ChunkEncoder;
import io.github.rtmpflow.core.chunk.RawMessage;
import io.github.rtmpflow.core.message.MessageCodec;
import io.github.rtmpflow.core.message.VideoMessage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A ClientSession and a ServerSession talking through real chunk encoders and decoders (bytes
 * in between, no socket); the server's application is a policy given per test.
 */
class ClientServerRoundTripTest {

    private final ClientSession client = new ClientSession(RtmpLimits.DEFAULTS);
    private final ServerSession server = new ServerSession(ServerSessionConfig.DEFAULTS);
    private final ChunkEncoder clientEncoder = new ChunkEncoder();
    private final ChunkEncoder serverEncoder = new ChunkEncoder();
    private final List<RawMessage> toServer = new ArrayList<>();
    private final List<RawMessage> toClient = new ArrayList<>();
    private final ChunkDecoder serverDecoder = new ChunkDecoder(RtmpLimits.DEFAULTS, toServer::add);
    private final ChunkDecoder clientDecoder = new ChunkDecoder(RtmpLimits.DEFAULTS, toClient::add);
    private final List<ClientEvent> clientEvents = new ArrayList<>();
    private final List<SessionEvent> serverEvents = new ArrayList<>();
    private final List<PublishRequest> routedToServerApp = new ArrayList<>();
    private final List<RawMessage> routedToClientApp = new ArrayList<>();
    private Consumer<SessionEvent> application = this::acceptAll;

    private void acceptAll(SessionEvent e) {
        if (e instanceof SessionEvent.ConnectRequested) {
            server.acceptConnect();
        } else if (e instanceof SessionEvent.PublishRequested p) {
            server.acceptPublish(p.request().streamId());
        } else if (e instanceof SessionEvent.PlayRequested p) {
            server.acceptPlay(p.request().streamId());
        }
    }

    /** Moves bytes both ways until both sides are quiet. */
    private void pump() throws ProtocolException {
        boolean moved = true;
        while (moved) {
            moved = false;
            for (OutgoingMessage m = client.pollOutgoing(); m != null; m = client.pollOutgoing()) {
                serverDecoder.feed(clientEncoder.encode(m.toRawMessage()));
                moved = true;
            }
            for (RawMessage raw : drain(toServer)) {
                PublishRequest route = server.receive(raw);
                if (route != null) {
                    routedToServerApp.add(route);
                }
            }
            for (SessionEvent e = server.pollEvent(); e != null; e = server.pollEvent()) {
                serverEvents.add(e);
                application.accept(e);
            }
            for (OutgoingMessage m = server.pollOutgoing(); m != null; m = server.pollOutgoing()) {
                clientDecoder.feed(serverEncoder.encode(m.toRawMessage()));
                moved = true;
            }
            for (RawMessage raw : drain(toClient)) {
                if (client.receive(raw)) {
                    routedToClientApp.add(raw);
                }
            }
            for (ClientEvent e = client.pollEvent(); e != null; e = client.pollEvent()) {
                clientEvents.add(e);
            }
        }
        assertThat(serverDecoder.failed()).isFalse();
        assertThat(clientDecoder.failed()).isFalse();
    }

    /** The client's events without the Window Acknowledgement Size the server always sends first. */
    private List<ClientEvent> clientStory() {
        List<ClientEvent> story = new ArrayList<>(clientEvents);
        story.removeIf(e -> e instanceof ClientEvent.WindowAcknowledgementSizeChanged);
        return story;
    }

    private static List<RawMessage> drain(List<RawMessage> queue) {
        List<RawMessage> copy = new ArrayList<>(queue);
        queue.clear();
        return copy;
    }

    private static VideoMessage bigVideoFrame(int length) {
        byte[] frame = new byte[length];
        new Random(length).nextBytes(frame);
        frame[0] = 0x17;
        return new VideoMessage(ByteBuffer.wrap(frame));
    }

    @Test
    void shouldPublishAndUnpublish() throws ProtocolException {
        client.setChunkSize(4096);
        client.connect("live", "rtmp://127.0.0.1/live");
        client.publish("cam1?key=k");
        pump();

        assertThat(client.state()).isEqualTo(ClientSession.State.CONNECTED);
        List<ClientEvent> story = clientStory();
        assertThat(story).hasSize(2);
        assertThat(((ClientEvent.Connected) story.get(0)).properties().getString("fmsVer")).isEqualTo("FMS/3,0,1,123");
        assertThat(story.get(1)).isEqualTo(new ClientEvent.PublishStarted(1, "cam1?key=k"));
        assertThat(serverEvents).element(1).isEqualTo(
                new SessionEvent.PublishRequested(new PublishRequest(1, "cam1", "key=k", "live")));
        assertThat(serverDecoder.chunkSize()).isEqualTo(4096);
        assertThat(clientDecoder.chunkSize()).isEqualTo(4096);

        VideoMessage frame = bigVideoFrame(20_000);
        serverDecoder.feed(clientEncoder.encode(MessageCodec.encode(frame, 6, 40, 1)));
        pump();
        client.unpublish(1);
        pump();

        assertThat(routedToServerApp).containsExactly(new PublishRequest(1, "cam1", "key=k", "live"));
        assertThat(serverEvents).last().isEqualTo(
                new SessionEvent.Unpublished(new PublishRequest(1, "cam1", "key=k", "live"), true));
        assertThat(clientEvents).last().isInstanceOfSatisfying(ClientEvent.Status.class,
                s -> assertThat(s.code()).isEqualTo(StatusCodes.UNPUBLISH_SUCCESS));
        assertThat(server.openStreams()).isZero();
    }

    @Test
    void shouldCarryMediaByteIdentically() throws ProtocolException {
        client.connect("live", "rtmp://127.0.0.1/live");
        client.publish("cam1");
        pump();
        List<RawMessage> received = new ArrayList<>();
        ChunkDecoder decoder = new ChunkDecoder(RtmpLimits.DEFAULTS, received::add);
        VideoMessage frame = bigVideoFrame(70_000);

        decoder.feed(clientEncoder.encode(MessageCodec.encode(frame, 6, 40, 1)));

        assertThat(received).singleElement().satisfies(raw -> {
            assertThat(server.receive(raw)).isNotNull();
            assertThat(raw.payload()).isEqualTo(frame.payload());
        });
    }

    @Test
    void shouldPlay() throws ProtocolException {
        client.connect("live", "rtmp://127.0.0.1/live");
        client.play("cam1");
        pump();

        assertThat(clientStory()).element(1).isInstanceOfSatisfying(ClientEvent.Status.class,
                s -> assertThat(s.code()).isEqualTo(StatusCodes.PLAY_RESET));
        assertThat(clientStory()).element(2).isEqualTo(new ClientEvent.PlayStarted(1, "cam1"));
        assertThat(server.playing(1).name()).isEqualTo("cam1");
        assertThat(routedToClientApp).as("|RtmpSampleAccess and Data.Start reach the player").hasSize(2);

        clientDecoder.feed(serverEncoder.encode(MessageCodec.encode(bigVideoFrame(9000), ChunkStreamIds.VIDEO, 0, 1)));
        pump();

        assertThat(routedToClientApp).hasSize(3);
    }

    @Test
    void shouldReportARejectedPublish() throws ProtocolException {
        application = e -> {
            if (e instanceof SessionEvent.PublishRequested p) {
                server.rejectPublish(p.request().streamId(), StatusCodes.PUBLISH_BAD_NAME, "name in use");
            } else {
                acceptAll(e);
            }
        };
        client.connect("live", "rtmp://127.0.0.1/live");
        client.publish("cam1");
        pump();

        assertThat(clientEvents).last().isEqualTo(
                new ClientEvent.Rejected("publish", StatusCodes.PUBLISH_BAD_NAME, "name in use"));
        assertThat(serverEvents).last().isInstanceOf(SessionEvent.CloseRequested.class);
    }

    @Test
    void shouldReportARejectedConnect() throws ProtocolException {
        application = e -> server.rejectConnect("no such app");
        client.connect("nope", "rtmp://127.0.0.1/nope");
        client.publish("cam1");
        pump();

        assertThat(clientStory()).containsExactly(
                new ClientEvent.Rejected("connect", StatusCodes.CONNECT_REJECTED, "no such app"));
        assertThat(client.state()).isEqualTo(ClientSession.State.REJECTED);
    }

    @Test
    void shouldAnswerTheServersPing() throws ProtocolException {
        client.connect("live", "rtmp://127.0.0.1/live");
        pump();

        server.pingRequest(42);
        pump();

        assertThat(server.lastPingResponse()).hasValue(42);
    }

    @Test
    void shouldTellTheClientTheServersWindow() throws ProtocolException {
        client.connect("live", "rtmp://127.0.0.1/live");
        pump();

        assertThat(clientEvents).first().isEqualTo(new ClientEvent.WindowAcknowledgementSizeChanged(2_500_000));
    }
}
