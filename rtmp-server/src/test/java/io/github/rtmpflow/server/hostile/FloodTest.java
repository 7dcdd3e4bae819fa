package io.github.rtmpflow.server.hostile;

import static io.github.rtmpflow.server.hostile.HostileInputTest.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.core.session.StatusCodes;
import io.github.rtmpflow.flv.FlvTag;
import io.github.rtmpflow.server.LiveStream;
import io.github.rtmpflow.server.ServerLimits;
import io.github.rtmpflow.server.ServerTimeouts;
import io.github.rtmpflow.server.client.RtmpClient;
import io.github.rtmpflow.server.client.RtmpRefusedException;
import io.github.rtmpflow.server.testing.CaptureReplay;
import io.github.rtmpflow.server.testing.Poll;
import io.github.rtmpflow.server.testing.TestServers;
import io.github.rtmpflow.server.testing.TestTags;
import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Many hostile connections at once, on the {@link HostileInputTest} harness: slowloris, floods
 * beyond the connection limits, and publishers racing for one name. Attackers connect from other
 * loopback addresses (127.0.0.2 and up) than the legitimate encoders (127.0.0.1), as they would
 * from other hosts.
 */
class FloodTest {

    private static final int SLOWLORIS = 300;

    static Stream<Arguments> cases() {
        return Stream.of(
                row("slowloris: hundreds of half-handshakes trickling bytes", FloodTest::slowloris),
                row("connection flood beyond max connections", limits -> limits.withMaxConnections(40),
                        FloodTest::beyondMaxConnections),
                row("connection flood from one address", FloodTest::fromOneAddress),
                row("publishers racing for one name", FloodTest::racingPublishers));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldCloseOnlyTheOffendersAndKeepTheHealthyStreamWhole(String name, UnaryOperator<ServerLimits> limits,
            Attack attack) throws Exception {
        HostileInputTest.run(limits.apply(ServerLimits.DEFAULTS), attack);
    }

    private static void slowloris(Attack.Context ctx) throws Exception {
        ServerLimits limits = ServerLimits.DEFAULTS;
        List<CaptureReplay> attackers = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        try {
            // Spread over several addresses so the per-address bound alone does not stop them.
            for (int i = 0; i < SLOWLORIS; i++) {
                CaptureReplay a = CaptureReplay.open(ctx.port(), attackerAddress(2 + i % 10));
                attackers.add(a);
                ports.add(a.localPort());
            }
            Random random = new Random(11);
            for (int round = 0; round < 5; round++) {
                for (CaptureReplay a : attackers) {
                    if (!a.serverClosed().isDone()) {
                        trickle(a, round, random);
                    }
                }
            }
            Poll.until("the handshake slots to fill", () -> ctx.server().openConnections()
                    == 1 + limits.maxConnectionsInHandshake());
            ctx.awaitLog(ports, "refused: max connections in handshake reached");
            long held = attackers.stream().filter(a -> !a.serverClosed().isDone()).count();
            assertThat(held).isLessThanOrEqualTo(limits.maxConnectionsInHandshake());

            // The handshake timeout frees every slot the trickling peers hold; then encoders get in again.
            ctx.advance(ServerTimeouts.DEFAULTS.handshake().plusSeconds(1));
            for (CaptureReplay a : attackers) {
                a.serverClosed().get(30, TimeUnit.SECONDS);
            }
            ctx.awaitLog(ports, "handshake not completed within 10000 ms, closing");
            publishSome(ctx, "after-slowloris");
        } finally {
            closeAll(attackers);
        }
    }

    /**
     * Sends ten more handshake bytes in small pieces. The server refuses attackers beyond its
     * handshake slots by closing them, which can race this write: a write that fails on a socket
     * the server closed is that refusal, checked by the assertions that follow, not an error.
     */
    private static void trickle(CaptureReplay attacker, int round, Random random) throws IOException {
        try {
            attacker.send(Wire.HANDSHAKE, round * 10, round * 10 + 10, random, 3);
        } catch (SocketException refused) {
            // closed by the server (broken pipe / reset)
        }
    }

    private static void beyondMaxConnections(Attack.Context ctx) throws Exception {
        List<CaptureReplay> attackers = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                CaptureReplay a = CaptureReplay.open(ctx.port(), attackerAddress(2 + i % 4));
                attackers.add(a);
                ports.add(a.localPort());
                // Complete the handshake so these count as established, not as in the handshake.
                a.send(Wire.HANDSHAKE);
            }
            ctx.awaitLog(ports, "refused: max connections reached");
            Poll.until("the server to hold exactly max connections", () -> ctx.server().openConnections() == 40);
            // The healthy publisher holds one slot; 39 attackers get the others, the rest are refused.
            Poll.until("the refused attackers to see their close",
                    () -> attackers.stream().filter(a -> a.serverClosed().isDone()).count() == 100 - 39);
            assertThat(ctx.server().openConnections()).isEqualTo(40);
        } finally {
            closeAll(attackers);
        }
        // The attackers' closes reach the server's loops asynchronously: wait for the slots.
        Poll.until("the attackers' slots to be free", () -> ctx.server().openConnections() == 1);
        publishSome(ctx, "after-flood");
    }

    private static void fromOneAddress(Attack.Context ctx) throws Exception {
        ServerLimits limits = ServerLimits.DEFAULTS;
        List<CaptureReplay> attackers = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                CaptureReplay a = CaptureReplay.open(ctx.port(), attackerAddress(7));
                attackers.add(a);
                ports.add(a.localPort());
            }
            ctx.awaitLog(ports, "refused: max connections per address reached");
            Poll.until("the address to hold exactly its bound",
                    () -> attackers.stream().filter(a -> a.serverClosed().isDone()).count()
                            == 200 - limits.maxConnectionsPerAddress());
            // The in-handshake bound is above the per-address one: other hosts still get in.
            publishSome(ctx, "during-flood");
        } finally {
            closeAll(attackers);
        }
    }

    private static void racingPublishers(Attack.Context ctx) throws Exception {
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        List<RtmpClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < racers; i++) {
                clients.add(RtmpClient.connect(TestServers.url(ctx.server(), "live")));
            }
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> outcomes = new ArrayList<>();
            for (RtmpClient client : clients) {
                outcomes.add(pool.submit(() -> {
                    go.await();
                    try {
                        client.publish("race");
                        return "won";
                    } catch (RtmpRefusedException e) {
                        return e.code();
                    }
                }));
            }
            go.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> f : outcomes) {
                results.add(f.get(30, TimeUnit.SECONDS));
            }
            assertThat(results).filteredOn("won"::equals).hasSize(1);
            assertThat(results).filteredOn(StatusCodes.PUBLISH_BAD_NAME::equals).hasSize(racers - 1);
            RtmpClient winner = clients.get(results.indexOf("won"));
            LiveStream race = ctx.server().stream("live", "race").orElseThrow();
            for (FlvTag tag : TestTags.stream(8, 10, 2000)) {
                winner.send(tag);
            }
            long expected = TestTags.stream(8, 10, 2000).size();
            Poll.until("the winner's tags", () -> race.statistics().tags() == expected);
            // The losers were closed by the server after their error status.
            Poll.until("the losers to be closed", () -> ctx.server().openConnections() == 2);
        } finally {
            pool.shutdownNow();
            for (RtmpClient c : clients) {
                c.abort();
            }
        }
        Poll.until("the race stream to end", () -> ctx.server().stream("live", "race").isEmpty());
    }

    /** A legitimate encoder from 127.0.0.1 connects, publishes a few tags and leaves. */
    private static void publishSome(Attack.Context ctx, String name) throws Exception {
        List<FlvTag> tags = TestTags.stream(21, 10, 2000);
        try (RtmpClient encoder = RtmpClient.connect(TestServers.url(ctx.server(), "live"))) {
            encoder.publish(name);
            LiveStream stream = ctx.server().stream("live", name).orElseThrow();
            for (FlvTag tag : tags) {
                encoder.send(tag);
            }
            Poll.until("the encoder's tags", () -> stream.statistics().tags() == tags.size());
        }
    }

    private static InetAddress attackerAddress(int last) throws IOException {
        return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
    }

    private static void closeAll(List<CaptureReplay> peers) throws IOException {
        for (CaptureReplay p : peers) {
            p.close();
        }
    }
}
