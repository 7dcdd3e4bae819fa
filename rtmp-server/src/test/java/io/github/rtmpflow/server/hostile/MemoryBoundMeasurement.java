package io.github.rtmpflow.server.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.core.chunk.MessageTypes;
import io.github.rtmpflow.core.message.PingRequest;
import io.github.rtmpflow.core.message.PingResponse;
import io.github.rtmpflow.server.ServerLimits;
import io.github.rtmpflow.server.testing.Poll;
import io.github.rtmpflow.server.testing.RawPeer;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A measurement, not a test of the build: how much heap one client address can pin with
 * announced-but-never-sent messages, each of its connections reserving just under the
 * per-connection {@code maxBufferedBytes}; the address budget (twice that) cuts it short. Run with
 * {@code ./mvnw -B -pl rtmp-server -am test -Dtest=MemoryBoundMeasurement -Drtmpflow.measure=true
 * -Dsurefire.failIfNoSpecifiedTests=false}; it prints the figures the README quotes.
 */
@EnabledIfSystemProperty(named = "rtmpflow.measure", matches = "true")
class MemoryBoundMeasurement {

    private static final int ALMOST_16_MIB = (16 << 20) - 64;

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
                    // Two messages of 16 MiB - 64 announced, 128 bytes each sent: just under the 32 MiB
                    // per-connection bound, with room for a ping that shows when the server read them.
                    try {
                        peer.sendRaw(Wire.fmt0(3, ALMOST_16_MIB, MessageTypes.VIDEO, 1, new byte[128]));
                        peer.sendRaw(Wire.fmt0(4, ALMOST_16_MIB, MessageTypes.VIDEO, 1, new byte[128]));
                        peer.send(new PingRequest(i), 2, 0);
                    } catch (IOException e) {
                        // closed by the server: over the address budget
                    }
                    Poll.until("the headers read or the connection closed", () -> peer.serverClosed()
                            || peer.received().stream().anyMatch(m -> m instanceof PingResponse));
                }
                ctx.healthy().awaitProgress(20);
                long open = peers.stream().filter(p -> !p.serverClosed()).count();
                long during = usedAfterGc(memory);
                long sent = peers.stream().mapToLong(RawPeer::bytesSent).sum();
                System.out.printf("MEASURED: %d connections from one address sent %d bytes; %d still open; heap"
                                + " pinned %d MiB (bound per connection %d MiB, per address %d MiB); max heap %d MiB%n",
                        peers.size(), sent, open, (during - before) >> 20, limits.protocol().maxBufferedBytes() >> 20,
                        2 * limits.protocol().maxBufferedBytes() >> 20, memory.maxMemory() >> 20);
                assertThat(open).isLessThan(limits.maxConnectionsPerAddress());
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
