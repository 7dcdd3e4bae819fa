package io.github.rtmpflow.server.hostile;

import static io.github.rtmpflow.server.hostile.HostileInputTest.row;
import static io.github.rtmpflow.server.hostile.Wire.HANDSHAKE;
import static io.github.rtmpflow.server.hostile.Wire.concat;
import static io.github.rtmpflow.server.hostile.Wire.repeat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.core.amf.AmfObject;
import io.github.rtmpflow.core.chunk.ChunkEncoder;
import io.github.rtmpflow.core.chunk.MessageTypes;
import io.github.rtmpflow.core.message.MessageCodec;
import io.github.rtmpflow.core.message.PingRequest;
import io.github.rtmpflow.core.message.PingResponse;
import io.github.rtmpflow.core.session.Commands;
import io.github.rtmpflow.flv.FlvTag;
import io.github.rtmpflow.flv.TagType;
import io.github.rtmpflow.server.ServerLimits;
import io.github.rtmpflow.server.client.RtmpClient;
import io.github.rtmpflow.server.testing.Poll;
import io.github.rtmpflow.server.testing.RawPeer;
import io.github.rtmpflow.server.testing.TestServers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Peers that try to exhaust the server's memory or queues, on the {@link HostileInputTest}
 * harness: each must hit its bound (partial messages per connection and per address, chunk
 * streams, message streams, outbound bytes, a player's queue) and lose its connection, while the
 * healthy stream keeps every byte.
 */
class ResourceAttackTest {

    private static final long OUTBOUND_LIMIT = 64 * 1024;
    /** Per-connection partial-message bound of the spread bomb: 4 MiB, so 8 MiB per address. */
    private static final long SMALL_BUFFER = 4L * 1024 * 1024;
    private static final int BOMB_MESSAGE = 3 * 512 * 1024;

    static Stream<Arguments> cases() {
        return Stream.of(
                row("length 0xFFFFFF on thousands of chunk streams", ResourceAttackTest::memoryBomb),
                row("small messages on thousands of chunk streams", ResourceAttackTest::chunkStreamFlood),
                row("memory bomb spread over many connections of one address",
                        limits -> limits.withProtocol(limits.protocol().withMaxBufferedBytes(SMALL_BUFFER)),
                        ResourceAttackTest::memoryBombFromOneAddress),
                row("createStream flood", ResourceAttackTest::createStreamFlood),
                row("player that never reads", limits -> limits.withPlayerBudget(16 * 1024, 24 * 1024),
                        ResourceAttackTest::playerThatNeverReads),
                row("ping flood from a peer that never reads", limits -> limits.withMaxOutboundBytes(OUTBOUND_LIMIT),
                        ResourceAttackTest::pingFloodWithoutReading));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldCloseOnlyTheOffenderAtItsBound(String name, UnaryOperator<ServerLimits> limits, Attack attack)
            throws Exception {
        HostileInputTest.run(limits.apply(ServerLimits.DEFAULTS), attack);
    }

    private static void memoryBomb(Attack.Context ctx) throws Exception {
        long limit = ServerLimits.DEFAULTS.protocol().maxBufferedBytes();
        try (RawPeer peer = RawPeer.open(ctx.port())) {
            // One 128-byte chunk each: every chunk stream announces a 16 MiB message that never comes.
            sendUntilClosed(peer, id -> Wire.fmt0(id, 0xFFFFFF, MessageTypes.VIDEO, 1, new byte[128]));
            Poll.until("the server to close the bomb", peer::serverClosed);
            String line = ctx.awaitLog(peer.localPort(), "protocol error, closing: BUFFER_LIMIT");
            Matcher m = Pattern.compile("length=(\\d+) bufferedBytes=(\\d+) maxBufferedBytes=(\\d+)").matcher(line);
            assertThat(m.find()).as(line).isTrue();
            long length = Long.parseLong(m.group(1));
            long buffered = Long.parseLong(m.group(2));
            assertThat(Long.parseLong(m.group(3))).isEqualTo(limit);
            // What the offender holds never passed the bound; the next message would have.
            assertThat(buffered).isLessThanOrEqualTo(limit).isGreaterThan(limit - length);
        }
    }

    private static void memoryBombFromOneAddress(Attack.Context ctx) throws Exception {
        InetAddress attacker = InetAddress.getByAddress(new byte[] {127, 0, 0, 8});
        List<RawPeer> peers = new ArrayList<>();
        try {
            // Each connection announces two 1.5 MiB messages (3 MiB of its own 4 MiB bound); the
            // address may hold twice the per-connection bound, 8 MiB: the third connection's second
            // message would pass it.
            RawPeer refused = null;
            for (int i = 0; i < 20 && refused == null; i++) {
                RawPeer peer = RawPeer.open(ctx.port(), attacker);
                peers.add(peer);
                peer.sendRaw(Wire.fmt0(3, BOMB_MESSAGE, MessageTypes.VIDEO, 1, new byte[128]));
                peer.sendRaw(Wire.fmt0(4, BOMB_MESSAGE, MessageTypes.VIDEO, 1, new byte[128]));
                // Whether the server read both headers shows in its answer to a ping.
                peer.send(new PingRequest(i), 2, 0);
                Poll.until("the server to read the headers or close", () -> peer.serverClosed()
                        || peer.received().stream().anyMatch(m -> m instanceof PingResponse));
                if (peer.serverClosed()) {
                    refused = peer;
                }
            }
            assertThat(refused).as("a connection refused by the address budget").isNotNull();
            assertThat(peers).hasSize(3);
            ctx.awaitLog(refused.localPort(), "protocol error, closing: BUFFER_LIMIT: partial messages exceed the shared buffer budget");
            assertThat(peers.subList(0, 2)).noneMatch(RawPeer::serverClosed);
        } finally {
            for (RawPeer p : peers) {
                p.close();
            }
        }
        // Closing gives the reservations back: the address can announce messages again.
        Poll.until("the attackers' connections released", () -> ctx.server().openConnections() == 1);
        try (RawPeer again = RawPeer.open(ctx.port(), attacker)) {
            again.sendRaw(Wire.fmt0(3, BOMB_MESSAGE, MessageTypes.VIDEO, 1, new byte[128]));
            again.sendRaw(Wire.fmt0(4, BOMB_MESSAGE, MessageTypes.VIDEO, 1, new byte[128]));
            again.send(new PingRequest(99), 2, 0);
            again.await("PingResponse", m -> m instanceof PingResponse);
            assertThat(again.serverClosed()).isFalse();
        }
    }

    private static void chunkStreamFlood(Attack.Context ctx) throws Exception {
        try (RawPeer peer = RawPeer.open(ctx.port())) {
            // The first chunk of a 200-byte message: each chunk stream stays open.
            sendUntilClosed(peer, id -> Wire.fmt0(id, 200, MessageTypes.VIDEO, 1, new byte[128]));
            Poll.until("the server to close the flood", peer::serverClosed);
            ctx.awaitLog(peer.localPort(), "protocol error, closing: TOO_MANY_CHUNK_STREAMS");
        }
    }

    /** Sends the chunk {@code chunk(id)} for 3000 chunk stream ids from 3 up, until the server closes. */
    private static void sendUntilClosed(RawPeer peer, IntFunction<byte[]> chunk) {
        for (int id = 3; id < 3 + 3000 && !peer.serverClosed(); id++) {
            try {
                peer.sendRaw(chunk.apply(id));
            } catch (IOException e) {
                return; // the server closed first: that is the point
            }
        }
    }

    private static void createStreamFlood(Attack.Context ctx) throws Exception {
        try (RawPeer peer = RawPeer.open(ctx.port())) {
            Wire.connect(peer, "live");
            try {
                for (int i = 0; i < 1000 && !peer.serverClosed(); i++) {
                    peer.send(Commands.createStream(2 + i), 3, 0);
                }
            } catch (IOException e) {
                // the server closed first: that is the point
            }
            Poll.until("the server to close the peer", peer::serverClosed);
            ctx.awaitLog(peer.localPort(), "protocol error, closing: BAD_COMMAND");
            long results = peer.received().stream().filter(m -> m.toString().contains("_result")).count();
            // connect's _result, then at most one per stream allowed (replies still queued when the
            // offender is cut off are dropped with it).
            assertThat(results).isBetween(1L, 1L + ServerLimits.DEFAULTS.maxStreamsPerConnection());
        }
    }

    private static void pingFloodWithoutReading(Attack.Context ctx) throws Exception {
        try (Socket peer = new Socket()) {
            // A small receive window, so the server's answers back up into its outbound queue soon.
            peer.setReceiveBufferSize(4096);
            peer.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), ctx.port()));
            peer.getOutputStream().write(HANDSHAKE);
            assertThat(peer.getInputStream().readNBytes(3073)).hasSize(3073);
            // Each PingRequest makes the server queue a PingResponse the peer never reads.
            ChunkEncoder encoder = new ChunkEncoder();
            ByteBuffer ping = encoder.encode(MessageCodec.encode(new PingRequest(7), 2, 0, 0));
            byte[] batch = repeat(Arrays.copyOfRange(ping.array(), ping.arrayOffset() + ping.position(),
                    ping.arrayOffset() + ping.limit()), 10_000);
            try {
                for (int i = 0; i < 1000; i++) {
                    peer.getOutputStream().write(batch);
                }
            } catch (IOException e) {
                // closed by the server: that is the point
            }
            ctx.awaitLog(peer.getLocalPort(), "outbound queue over its limit");
        }
    }

    private static void playerThatNeverReads(Attack.Context ctx) throws Exception {
        try (RtmpClient publisher = RtmpClient.connect(TestServers.url(ctx.server(), "live"));
                Socket player = new Socket()) {
            publisher.publish("fast");
            player.setReceiveBufferSize(4096);
            player.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), ctx.port()));
            // Handshake, connect, createStream (the first stream is 1) and play, all sent blind:
            // this peer never reads a byte, not even S0+S1+S2.
            ChunkEncoder encoder = new ChunkEncoder();
            AmfObject app = AmfObject.builder().put("app", "live").put("tcUrl", "rtmp://127.0.0.1/live").build();
            byte[] commands = concat(bytes(encoder.encode(MessageCodec.encode(Commands.connect(1, app), 3, 0, 0))),
                    bytes(encoder.encode(MessageCodec.encode(Commands.createStream(2), 3, 0, 0))),
                    bytes(encoder.encode(MessageCodec.encode(Commands.play(3, "fast", -1), 8, 0, 1))));
            player.getOutputStream().write(concat(HANDSHAKE, commands));
            ctx.awaitLog(player.getLocalPort(), "playing live/fast");
            // Keyframes of 20 KB (each under the cap) as fast as they go: past the kernel's buffers, the player's queue
            // passes its hard cap.
            byte[] keyframe = new byte[20_000];
            new Random(4).nextBytes(keyframe);
            keyframe[0] = 0x17;
            keyframe[1] = 1;
            for (int i = 0; i < 2000 && !ctx.logged(player.getLocalPort(), "player of live/fast disconnected"); i++) {
                publisher.send(FlvTag.of(TagType.VIDEO, i * 33L, ByteBuffer.wrap(keyframe)));
            }
            ctx.awaitLog(player.getLocalPort(), "player of live/fast disconnected");
            publisher.unpublish();
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }
}
