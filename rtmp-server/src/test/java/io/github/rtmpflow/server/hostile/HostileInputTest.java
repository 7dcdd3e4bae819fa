package io.github.rtmpflow.server.hostile;

import static io.github.rtmpflow.server.hostile.Wire.CONNECT_PREFIX;
import static io.github.rtmpflow.server.hostile.Wire.HANDSHAKE;
import static io.github.rtmpflow.server.hostile.Wire.concat;
import static io.github.rtmpflow.server.hostile.Wire.repeat;
import static io.github.rtmpflow.server.hostile.Wire.u32;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.core.RtmpLimits;
import io.github.rtmpflow.core.amf.AmfObject;
import io.github.rtmpflow.core.chunk.ChunkEncoder;
import io.github.rtmpflow.core.chunk.MessageTypes;
import io.github.rtmpflow.core.chunk.RawMessage;
import io.github.rtmpflow.core.message.Abort;
import io.github.rtmpflow.core.message.Acknowledgement;
import io.github.rtmpflow.core.message.MessageCodec;
import io.github.rtmpflow.core.message.PingRequest;
import io.github.rtmpflow.core.message.PingResponse;
import io.github.rtmpflow.core.message.SetChunkSize;
import io.github.rtmpflow.core.message.SetPeerBandwidth;
import io.github.rtmpflow.core.message.UnknownUserControl;
import io.github.rtmpflow.core.message.WindowAcknowledgementSize;
import io.github.rtmpflow.core.session.Commands;
import io.github.rtmpflow.flv.FlvTag;
import io.github.rtmpflow.flv.TagType;
import io.github.rtmpflow.server.LiveStream;
import io.github.rtmpflow.server.RtmpServer;
import io.github.rtmpflow.server.ServerLimits;
import io.github.rtmpflow.server.ServerTimeouts;
import io.github.rtmpflow.server.client.RtmpClient;
import io.github.rtmpflow.server.testing.CaptureReplay;
import io.github.rtmpflow.server.testing.ManualTime;
import io.github.rtmpflow.server.testing.Poll;
import io.github.rtmpflow.server.testing.RawPeer;
import io.github.rtmpflow.server.testing.TestServers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The table of hostile peers. Each case runs against a fresh server while {@link HealthyStream}
 * streams through it; the case proves that its offender is closed with a clear log line (or,
 * for legal-but-odd input, served), and the harness proves that the healthy stream kept every
 * tag and that every offender's connection slot was given back. Flood and slowloris cases live
 * in {@link FloodTest}; they share this harness.
 */
class HostileInputTest {

    private static final long OUTBOUND_LIMIT = 64 * 1024;
    /** Per-connection partial-message bound of the spread bomb: 4 MiB, so 8 MiB per address. */
    private static final long SMALL_BUFFER = 4L * 1024 * 1024;
    private static final int BOMB_MESSAGE = 3 * 512 * 1024;

    static Stream<Arguments> cases() {
        return Stream.of(
                row("HTTP request instead of a handshake", HostileInputTest::httpInsteadOfHandshake),
                row("random bytes after a valid C0", HostileInputTest::randomAfterC0),
                row("C0 of 6 (RTMPE)", ctx -> badVersion(ctx, 6)),
                row("C0 of 0xFF", ctx -> badVersion(ctx, 0xFF)),
                row("idle after the handshake", HostileInputTest::idleAfterHandshake),
                row("length 0xFFFFFF on thousands of chunk streams", HostileInputTest::memoryBomb),
                row("small messages on thousands of chunk streams", HostileInputTest::chunkStreamFlood),
                row("memory bomb spread over many connections of one address",
                        limits -> limits.withProtocol(limits.protocol().withMaxBufferedBytes(SMALL_BUFFER)),
                        HostileInputTest::memoryBombFromOneAddress),
                row("Set Chunk Size 0", ctx -> badChunkSize(ctx, 0)),
                row("Set Chunk Size 0xFFFFFFFF", ctx -> badChunkSize(ctx, 0xFFFF_FFFFL)),
                row("Set Chunk Size 0x7FFFFFFF is legal", HostileInputTest::hugeLegalChunkSize),
                row("AMF0 nested 300000 deep", ctx -> badAmf(ctx, MessageTypes.COMMAND_AMF0,
                        concat(CONNECT_PREFIX, repeat(new byte[] {3, 0, 1, 'a'}, 300_000)))),
                row("AMF3 nested 300000 deep", ctx -> badAmf(ctx, MessageTypes.COMMAND_AMF3,
                        concat(new byte[] {0}, CONNECT_PREFIX, new byte[] {0x11}, repeat(new byte[] {9, 3, 1}, 300_000)))),
                row("AMF0 string longer than its message", ctx -> badAmf(ctx, MessageTypes.COMMAND_AMF0,
                        concat(CONNECT_PREFIX, new byte[] {2, (byte) 0xFF, (byte) 0xFF, 'a', 'b', 'c'}))),
                row("AMF0 long string of 0xFFFFFFFF bytes", ctx -> badAmf(ctx, MessageTypes.COMMAND_AMF0,
                        concat(CONNECT_PREFIX, new byte[] {0x0C, -1, -1, -1, -1, 'a', 'b', 'c'}))),
                row("fmt 1 on an unopened chunk stream", ctx -> unopenedChunkStream(ctx, 1, 7)),
                row("fmt 2 on an unopened chunk stream", ctx -> unopenedChunkStream(ctx, 2, 3)),
                row("fmt 3 on an unopened chunk stream", ctx -> unopenedChunkStream(ctx, 3, 0)),
                row("Abort, Ack and Window values 0 and 0xFFFFFFFF", HostileInputTest::extremeControlValues),
                row("publish before connect", HostileInputTest::publishBeforeConnect),
                row("media on a stream never created", HostileInputTest::mediaOnUnopenedStream),
                row("media before publish", HostileInputTest::mediaBeforePublish),
                row("createStream flood", HostileInputTest::createStreamFlood),
                row("aggregate whose inner size overruns it", HostileInputTest::aggregateOverrun),
                row("publisher reset mid-message", HostileInputTest::resetMidMessage),
                row("player that never reads", limits -> limits.withPlayerBudget(16 * 1024, 24 * 1024),
                        HostileInputTest::playerThatNeverReads),
                row("ping flood from a peer that never reads", limits -> limits.withMaxOutboundBytes(OUTBOUND_LIMIT),
                        HostileInputTest::pingFloodWithoutReading));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldCloseOnlyTheOffenderAndKeepTheHealthyStreamWhole(String name, UnaryOperator<ServerLimits> limits,
            Attack attack) throws Exception {
        run(limits.apply(ServerLimits.DEFAULTS), attack);
    }

    /** Starts a server and the healthy stream, runs {@code attack}, then checks the healthy stream and the slots. */
    static void run(ServerLimits limits, Attack attack) throws Exception {
        run(limits, null, attack);
    }

    /** As {@link #run(ServerLimits, Attack)}, recording every stream under {@code recordDirectory} (unless null). */
    static void run(ServerLimits limits, Path recordDirectory, Attack attack) throws Exception {
        ManualTime time = new ManualTime();
        RtmpServer.Builder builder = TestServers.builder().limits(limits).timeSource(time);
        if (recordDirectory != null) {
            builder.recordDirectory(recordDirectory);
        }
        RtmpServer server = builder.start();
        try (HealthyStream healthy = HealthyStream.start(server)) {
            attack.run(new Attack.Context(server, time, healthy));
            // Every offender's slot is back: only the healthy publisher (and what the case left on purpose) remains.
            Poll.until("offenders' connections to be released", () -> server.openConnections() == 1);
            healthy.finishAndVerify();
        } finally {
            server.close();
        }
    }

    static Arguments row(String name, Attack attack) {
        return row(name, UnaryOperator.identity(), attack);
    }

    static Arguments row(String name, UnaryOperator<ServerLimits> limits, Attack attack) {
        return Arguments.of(name, limits, attack);
    }

    // ---- the cases ----

    private static void httpInsteadOfHandshake(Attack.Context ctx) throws Exception {
        try (CaptureReplay peer = CaptureReplay.open(ctx.port())) {
            peer.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(peer.serverClosed().get(30, TimeUnit.SECONDS)).as("bytes the server answered").isZero();
            ctx.awaitLog(peer.localPort(), "handshake failed, closing: UNSUPPORTED_VERSION");
        }
    }

    private static void randomAfterC0(Attack.Context ctx) throws Exception {
        byte[] garbage = new byte[64 * 1024];
        new Random(5).nextBytes(garbage);
        garbage[0] = 3;
        try (CaptureReplay peer = CaptureReplay.open(ctx.port())) {
            peer.send(garbage);
            peer.serverClosed().get(30, TimeUnit.SECONDS);
            // C1 and C2 are opaque (C2 is not verified strictly): the chunk layer rejects what follows.
            ctx.awaitLog(peer.localPort(), "protocol error, closing:");
        }
    }

    private static void badVersion(Attack.Context ctx, int c0) throws Exception {
        try (CaptureReplay peer = CaptureReplay.open(ctx.port())) {
            byte[] handshake = HANDSHAKE.clone();
            handshake[0] = (byte) c0;
            peer.send(handshake);
            assertThat(peer.serverClosed().get(30, TimeUnit.SECONDS)).isZero();
            ctx.awaitLog(peer.localPort(), "handshake failed, closing: UNSUPPORTED_VERSION");
        }
    }

    private static void idleAfterHandshake(Attack.Context ctx) throws Exception {
        try (CaptureReplay peer = CaptureReplay.open(ctx.port())) {
            peer.send(HANDSHAKE);
            Poll.until("S0+S1+S2", () -> peer.received() >= 3073);
            ctx.advance(ServerTimeouts.DEFAULTS.idle().minusSeconds(2));
            assertThat(peer.serverClosed()).as("closed before the idle timeout").isNotDone();
            ctx.advance(ServerTimeouts.DEFAULTS.idle());
            peer.serverClosed().get(30, TimeUnit.SECONDS);
            ctx.awaitLog(peer.localPort(), "sent nothing for");
        }
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

    private static void badChunkSize(Attack.Context ctx, long size) throws Exception {
        try (RawPeer peer = RawPeer.open(ctx.port())) {
            peer.sendRaw(Wire.fmt0(2, 4, MessageTypes.SET_CHUNK_SIZE, 0, u32(size)));
            Poll.until("the server to close the peer", peer::serverClosed);
            ctx.awaitLog(peer.localPort(), "protocol error, closing: BAD_CHUNK_SIZE");
        }
    }

    private static void hugeLegalChunkSize(Attack.Context ctx) throws Exception {
        try (RawPeer peer = RawPeer.open(ctx.port())) {
            peer.send(new SetChunkSize(0x7FFF_FFFF), 2, 0);
            int streamId = Wire.publish(peer, "live", "big");
            LiveStream big = ctx.server().stream("live", "big").orElseThrow();
            // Each message is one chunk now, whatever its length: the effective size is the message's.
            byte[] frame = new byte[200_000];
            new Random(3).nextBytes(frame);
            frame[0] = 0x17;
            frame[1] = 1;
            for (int i = 0; i < 5; i++) {
                peer.send(RawMessage.of(6, i * 40L, MessageTypes.VIDEO, streamId, frame));
            }
            Poll.until("five frames read", () -> big.statistics().videoTags() == 5);
            assertThat(peer.serverClosed()).isFalse();
            ctx.assertNotLogged(peer.localPort(), "protocol error");
        }
        Poll.until("the big stream to end", () -> ctx.server().stream("live", "big").isEmpty());
    }

    private static void badAmf(Attack.Context ctx, int typeId, byte[] body) throws Exception {
        try (RawPeer peer = RawPeer.open(ctx.port())) {
            peer.send(RawMessage.of(3, 0, typeId, 0, body));
            Poll.until("the server to close the peer", peer::serverClosed);
            ctx.awaitLog(peer.localPort(), "protocol error, closing: BAD_AMF");
        }
    }

    private static void unopenedChunkStream(Attack.Context ctx, int fmt, int headerLength) throws Exception {
        try (RawPeer peer = RawPeer.open(ctx.port())) {
            peer.sendRaw(Wire.chunk(fmt, 9, concat(new byte[headerLength], new byte[64])));
            Poll.until("the server to close the peer", peer::serverClosed);
            ctx.awaitLog(peer.localPort(), "protocol error, closing: BAD_CHUNK: fmt " + fmt
                    + " on a chunk stream without a previous header");
        }
    }

    private static void extremeControlValues(Attack.Context ctx) throws Exception {
        try (RawPeer peer = RawPeer.open(ctx.port())) {
            for (long value : new long[] {0, 0xFFFF_FFFFL}) {
                peer.send(new Abort((int) value), 2, 0);
                peer.send(new Acknowledgement(value), 2, 0);
                peer.send(new WindowAcknowledgementSize(value), 2, 0);
                peer.send(new SetPeerBandwidth(value, SetPeerBandwidth.LimitType.HARD), 2, 0);
                peer.send(new PingRequest(value), 2, 0);
                peer.send(new UnknownUserControl(0xFFFF, ByteBuffer.wrap(u32(value))), 2, 0);
            }
            // All legal values: the peer is served as usual afterwards.
            Wire.publish(peer, "live", "odd");
            assertThat(peer.serverClosed()).isFalse();
            ctx.assertNotLogged(peer.localPort(), "protocol error");
        }
    }

    private static void publishBeforeConnect(Attack.Context ctx) throws Exception {
        try (RawPeer peer = RawPeer.open(ctx.port())) {
            peer.send(Commands.publish(1, "early", "live"), 8, 1);
            Poll.until("the server to close the peer", peer::serverClosed);
            ctx.awaitLog(peer.localPort(), "protocol error, closing: BAD_COMMAND");
        }
        assertThat(ctx.server().stream("live", "early")).isEmpty();
    }

    private static void mediaOnUnopenedStream(Attack.Context ctx) throws Exception {
        try (RawPeer peer = RawPeer.open(ctx.port())) {
            Wire.connect(peer, "live");
            peer.send(RawMessage.of(6, 0, MessageTypes.VIDEO, 7, new byte[] {0x17, 1, 0, 0, 0}));
            Poll.until("the server to close the peer", peer::serverClosed);
            ctx.awaitLog(peer.localPort(), "protocol error, closing: BAD_COMMAND: media on a message stream that is not open");
        }
    }

    private static void mediaBeforePublish(Attack.Context ctx) throws Exception {
        try (RawPeer peer = RawPeer.open(ctx.port())) {
            Wire.connect(peer, "live");
            int streamId = Wire.createStream(peer, 2);
            for (int i = 0; i < 10; i++) {
                peer.send(RawMessage.of(6, i, MessageTypes.VIDEO, streamId, new byte[] {0x17, 1, 0, 0, 0}));
            }
            // LENIENT: dropped, not fatal; the same peer then publishes normally and nothing leaked into it.
            peer.send(Commands.publish(3, "late", "live"), 8, streamId);
            peer.await("Publish.Start", m -> m.toString().contains("NetStream.Publish.Start"));
            assertThat(ctx.server().stream("live", "late").orElseThrow().statistics().tags()).isZero();
            assertThat(peer.serverClosed()).isFalse();
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

    private static void aggregateOverrun(Attack.Context ctx) throws Exception {
        try (RawPeer peer = RawPeer.open(ctx.port())) {
            int streamId = Wire.publish(peer, "live", "agg");
            // One sub-tag header announcing 0xFFFF body bytes, with 10 present.
            byte[] aggregate = concat(new byte[] {9, 0, (byte) 0xFF, (byte) 0xFF, 0, 0, 0, 0, 0, 0, 0}, new byte[10]);
            peer.send(RawMessage.of(6, 0, MessageTypes.AGGREGATE, streamId, aggregate));
            Poll.until("the server to close the peer", peer::serverClosed);
            ctx.awaitLog(peer.localPort(), "protocol error, closing: BAD_MESSAGE");
        }
        Poll.until("the aggregate stream to end", () -> ctx.server().stream("live", "agg").isEmpty());
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

    private static void resetMidMessage(Attack.Context ctx) throws Exception {
        RawPeer peer = RawPeer.open(ctx.port());
        int streamId = Wire.publish(peer, "live", "victim");
        byte[] frame = new byte[100_000];
        frame[0] = 0x17;
        // The first two chunks (256 bytes) of a 100 000 byte message, then a reset (RST, no FIN).
        peer.sendRaw(Wire.fmt0(6, frame.length, MessageTypes.VIDEO, streamId, Arrays.copyOf(frame, 128)));
        peer.sendRaw(Wire.chunk(3, 6, Arrays.copyOf(frame, 128)));
        Poll.until("the partial message read", () -> ctx.server().stream("live", "victim").isPresent());
        peer.reset();
        Poll.until("the victim stream to end", () -> ctx.server().stream("live", "victim").isEmpty());
        ctx.awaitLog(peer.localPort(), "closed: read failed");
    }
}
