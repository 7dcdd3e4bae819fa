package io.github.rtmpflow.server.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.core.chunk.MessageTypes;
import io.github.rtmpflow.server.ServerLimits;
import io.github.rtmpflow.server.testing.Poll;
import io.github.rtmpflow.server.testing.RawPeer;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A measurement, not a test of the build: how much heap one client address can pin with
 * announced-but-never-sent messages while staying inside every per-connection bound (each of
 * its connections reserves just under {@code maxBufferedBytes}). Run with
 * {@code ./mvnw -B -pl rtmp-server -am test -Dtest=MemoryBoundMeasurement -Drtmpflow.measure=true
 * -Dsurefire.failIfNoSpecifiedTests=false}; it prints the figures the README quotes.
 */
@EnabledIfSystemProperty(named = "rtmpflow.measure", matches = "true")
class MemoryBoundMeasurement {

    @Test
    void shouldMeasureTheHeapOneAddressCanPin() throws Exception {
        ServerLimits limits = ServerLimits.DEFAULTS;
        HostileInputTest.run(limits, ctx -> {
            Runtime memory = Runtime.getRuntime();
            long before = usedAfterGc(memory);
            InetAddress attacker = InetAddress.getByAddress(new byte[] {127, 0, 0, 9});
            List<RawPeer> peers = new ArrayList<>();
            try {
                for (int i = 0; i < limits.maxConnectionsPerAddress(); i++) {
                    RawPeer peer = RawPeer.open(ctx.port(), attacker);
                    peers.add(peer);
                    // Two 16 MiB messages announced, 128 bytes each sent: 33 554 430 bytes reserved,
                    // 2 bytes under the 32 MiB bound, so the connection stays open.
                    peer.sendRaw(Wire.fmt0(3, 0xFFFFFF, MessageTypes.VIDEO, 1, new byte[128]));
                    peer.sendRaw(Wire.fmt0(4, 0xFFFFFF, MessageTypes.VIDEO, 1, new byte[128]));
                }
                Poll.until("every attacker accepted and reserving", () -> ctx.server().openConnections()
                        == 1 + limits.maxConnectionsPerAddress());
                ctx.healthy().awaitProgress(20);
                long during = usedAfterGc(memory);
                long sent = peers.stream().mapToLong(RawPeer::bytesSent).sum();
                System.out.printf("MEASURED: %d connections from one address sent %d bytes and pinned %d MiB of heap"
                                + " (%.1f MiB each; bound per connection %d MiB); max heap %d MiB%n",
                        peers.size(), sent, (during - before) >> 20, (during - before) / (double) peers.size() / (1 << 20),
                        limits.protocol().maxBufferedBytes() >> 20, memory.maxMemory() >> 20);
                assertThat(during - before).isPositive();
            } finally {
                for (RawPeer p : peers) {
                    p.close();
                }
            }
        });
    }

    private static long usedAfterGc(Runtime memory) {
        System.gc();
        return memory.totalMemory() - memory.freeMemory();
    }
}
