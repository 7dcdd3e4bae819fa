package io.github.rtmpflow.server.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.server.RtmpServer;
import io.github.rtmpflow.server.testing.LogFile;
import io.github.rtmpflow.server.testing.ManualTime;
import io.github.rtmpflow.server.testing.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** One hostile behaviour, run against a server while {@link HealthyStream} streams. */
@FunctionalInterface
interface Attack {

    /** Attacks; returns once the offender has been dealt with (closed, or proven harmless). */
    void run(Context ctx) throws Exception;

    /** What an attack works with. */
    final class Context {
        private final RtmpServer server;
        private final ManualTime time;
        private final HealthyStream healthy;

        Context(RtmpServer server, ManualTime time, HealthyStream healthy) {
            this.server = server;
            this.time = time;
            this.healthy = healthy;
        }

        RtmpServer server() {
            return server;
        }

        int port() {
            return server.localAddress().getPort();
        }

        HealthyStream healthy() {
            return healthy;
        }

        /**
         * Moves the server's clock forward in steps of one second; after each step the healthy
         * publisher must get two more tags through, so it is never silent for a whole step.
         */
        void advance(Duration by) {
            for (Duration left = by; !left.isNegative() && !left.isZero(); left = left.minusSeconds(1)) {
                time.advance(left.compareTo(Duration.ofSeconds(1)) < 0 ? left : Duration.ofSeconds(1));
                healthy.awaitProgress(2);
            }
        }

        /** Waits for a log line about the peer on local port {@code port} that contains {@code fragment}. */
        String awaitLog(int port, String fragment) {
            return awaitLog(List.of(port), fragment);
        }

        /** Waits for a log line about any peer on one of {@code ports} that contains {@code fragment}. */
        String awaitLog(Collection<Integer> ports, String fragment) {
            Set<Integer> wanted = Set.copyOf(ports);
            String[] found = new String[1];
            Poll.until("a log line with '" + fragment + "' about ports " + ports, () -> {
                for (String line : log().split("\n")) {
                    int at = line.indexOf("127.0.0.");
                    if (at >= 0 && line.contains(fragment)) {
                        int colon = line.indexOf(':', at);
                        int end = colon + 1;
                        while (end < line.length() && Character.isDigit(line.charAt(end))) {
                            end++;
                        }
                        if (colon > 0 && end > colon + 1 && wanted.contains(Integer.parseInt(line.substring(colon + 1, end)))) {
                            found[0] = line;
                            return true;
                        }
                    }
                }
                return false;
            });
            return found[0];
        }

        /** Returns whether a log line about the peer on local port {@code port} contains {@code fragment} already. */
        boolean logged(int port, String fragment) {
            for (String line : log().split("\n")) {
                if (line.contains("127.0.0.1:" + port + " ") && line.contains(fragment)) {
                    return true;
                }
            }
            return false;
        }

        /** Asserts that no log line names the peer on local port {@code port} with {@code fragment}. */
        void assertNotLogged(int port, String fragment) {
            for (String line : log().split("\n")) {
                assertThat(line.contains("127.0.0.1:" + port + " ") && line.contains(fragment))
                        .as("unexpected log line: %s", line).isFalse();
            }
        }

        private static String log() {
            try {
                return LogFile.read();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
