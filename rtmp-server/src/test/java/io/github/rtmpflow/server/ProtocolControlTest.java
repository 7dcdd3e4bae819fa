package io.github.rtmpflow.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.core.amf.AmfNull;
import io.github.rtmpflow.core.amf.AmfObject;
import io.github.rtmpflow.core.amf.AmfString;
import io.github.rtmpflow.core.message.Acknowledgement;
import io.github.rtmpflow.core.message.CommandMessage;
import io.github.rtmpflow.core.message.PingRequest;
import io.github.rtmpflow.core.message.PingResponse;
import io.github.rtmpflow.core.message.RtmpMessage;
import io.github.rtmpflow.core.message.WindowAcknowledgementSize;
import io.github.rtmpflow.core.session.ChunkStreamIds;
import io.github.rtmpflow.core.session.Commands;
import io.github.rtmpflow.core.session.EnhancedRtmp;
import io.github.rtmpflow.core.session.StatusCodes;
import io.github.rtmpflow.server.testing.ManualTime;
import io.github.rtmpflow.server.testing.RawPeer;
import io.github.rtmpflow.server.testing.TestServers;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Control traffic: ping replies, acknowledgements, the server's own pings, reconnect requests. */
class ProtocolControlTest {

    @Test
    void shouldAnswerPingsAndAcknowledgeTheWindowThePeerSet() throws Exception {
        RtmpServer server = TestServers.builder().start();
        try (RawPeer peer = RawPeer.open(server.localAddress().getPort())) {
            peer.send(new WindowAcknowledgementSize(1000), ChunkStreamIds.PROTOCOL_CONTROL, 0);
            for (int i = 0; i < 1000; i++) {
                peer.send(new PingRequest(4200 + i), ChunkStreamIds.PROTOCOL_CONTROL, 0);
            }
            peer.await("the answer to the last ping", m -> m.equals(new PingResponse(5199)));
            // The count includes the handshake; a window's worth after the first ack comes a second.
            peer.await("an acknowledgement past the first window",
                    m -> m instanceof Acknowledgement a && a.sequenceNumber() >= 3073 + 1000);
            assertThat(peer.received()).filteredOn(m -> m instanceof Acknowledgement)
                    .extracting(m -> ((Acknowledgement) m).sequenceNumber())
                    .isSorted().allMatch(n -> n <= peer.bytesSent());
            assertThat(peer.received()).filteredOn(m -> m instanceof PingResponse).hasSize(1000);
        } finally {
            server.close();
        }
    }

    @Test
    void shouldPingAConnectedPeerEveryPingInterval() throws Exception {
        ManualTime time = new ManualTime();
        RtmpServer server = TestServers.builder().timeSource(time).start();
        try (RawPeer peer = RawPeer.open(server.localAddress().getPort())) {
            connect(peer, AmfObject.builder().put("app", "live").build());
            assertThat(peer.received()).noneMatch(m -> m instanceof PingRequest);

            time.advance(ServerTimeouts.DEFAULTS.pingInterval());
            peer.await("a first ping", m -> m instanceof PingRequest);
            time.advance(ServerTimeouts.DEFAULTS.pingInterval());
            peer.await("a second ping", m -> m instanceof PingRequest && peer.received().stream()
                    .filter(x -> x instanceof PingRequest).count() == 2);
        } finally {
            server.close();
        }
    }

    @Test
    void shouldAskReconnectCapablePublishersToMoveWhenClosingWithADrain() throws Exception {
        RtmpServer server = TestServers.builder().start();
        try (RawPeer peer = RawPeer.open(server.localAddress().getPort())) {
            connect(peer, AmfObject.builder().put("app", "live").put(EnhancedRtmp.CAPS_EX, 1.0).build());
            peer.send(Commands.createStream(2), ChunkStreamIds.COMMAND, 0);
            peer.await("createStream result", m -> m instanceof CommandMessage c && c.transactionId() == 2);
            peer.send(CommandMessage.of("publish", 3, AmfNull.INSTANCE, new AmfString("cam1"), new AmfString("live")),
                    ChunkStreamIds.STREAM_COMMAND, 1);
            peer.await("Publish.Start", m -> isStatus(m, StatusCodes.PUBLISH_START));

            CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> server.close(Duration.ofSeconds(30)));
            peer.await("ReconnectRequest", m -> isStatus(m, StatusCodes.CONNECT_RECONNECT_REQUEST));
            assertThat(closing).isNotDone();
            peer.close(); // the publisher moves: its stream ends, the drain is over
            closing.get(30, TimeUnit.SECONDS);
        } finally {
            server.close();
        }
    }

    private static void connect(RawPeer peer, AmfObject commandObject) throws Exception {
        peer.send(Commands.connect(1, commandObject), ChunkStreamIds.COMMAND, 0);
        peer.await("connect result", m -> m instanceof CommandMessage c && c.name().equals("_result")
                && c.transactionId() == 1);
    }

    private static boolean isStatus(RtmpMessage m, String code) {
        return m instanceof CommandMessage c && c.name().equals("onStatus")
                && c.argument(0) instanceof AmfObject info && code.equals(info.getString("code"));
    }
}
