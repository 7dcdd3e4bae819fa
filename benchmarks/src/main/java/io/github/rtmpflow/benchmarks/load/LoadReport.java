package io.github.rtmpflow.benchmarks.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of one load run, printed as a table for people and as one {@code RESULT
 * key=value ...} line for scripts. MB means 10^6 bytes; latencies are in milliseconds.
 *
 * @param publishers publishers started
 * @param ok publishers that published for the whole duration and ended cleanly
 * @param failed publishers that never reached NetStream.Publish.Start (refused, timed out, error)
 * @param dropped publishers that published and then lost their connection
 * @param behind paced publishers whose worst lag exceeded the threshold
 * @param messages messages sent by publishers after Publish.Start (metadata, headers, frames)
 * @param bytes bytes publishers wrote to their sockets (handshake and commands included)
 * @param seconds the measurement window: first Publish.Start to last publisher's end
 * @param setupP50 connect to Publish.Start, median, ms
 * @param setupP90 same, 90th percentile
 * @param setupP99 same, 99th percentile
 * @param setupMax same, maximum
 * @param lagP99 paced: how late messages went out relative to their timestamp, 99th percentile
 *     over all messages, ms
 * @param lagMax paced: the worst lag of any message, ms
 * @param connectionLagP99 paced: each publisher's worst lag, 99th percentile over publishers, ms
 * @param players players started
 * @param playersOk players that played and ended cleanly
 * @param playMessages messages players received
 * @param playersNoDrops players that ended cleanly without a gap in their video timestamps
 * @param missedFrames video frames the players' gaps left out, all players together
 * @param latencyP50 publish-to-delivery latency of stamped video frames, median, ms
 * @param latencyP99 same, 99th percentile
 * @param latencyMax same, maximum
 * @param latencySamples stamped frames measured
 * @param failures a few failure reasons, for diagnosis
 */
public record LoadReport(int publishers, int ok, int failed, int dropped, int behind, long messages, long bytes,
        double seconds, double setupP50, double setupP90, double setupP99, double setupMax, double lagP99,
        double lagMax, double connectionLagP99, int players, int playersOk, long playMessages, int playersNoDrops, long missedFrames, double latencyP50, double latencyP99,
        double latencyMax, long latencySamples, List<String> failures) {

    private static final int MAX_FAILURES_KEPT = 5;

    /** Copies the failure list. */
    public LoadReport {
        failures = List.copyOf(failures);
    }

    /** Returns throughput in MB/s (10^6 bytes). */
    public double megabytesPerSecond() {
        return seconds > 0 ? bytes / seconds / 1e6 : 0;
    }

    /** Returns messages per second. */
    public double messagesPerSecond() {
        return seconds > 0 ? messages / seconds : 0;
    }

    /** Returns whether every publisher and player succeeded and no paced publisher fell behind. */
    public boolean allOk() {
        return ok == publishers && playersOk == players && behind == 0;
    }

    /** Collects the statistics of finished loops (call after their threads ended). */
    static LoadReport from(LoadOptions options, List<LoadLoop> loops) {
        LatencyHistogram setup = new LatencyHistogram();
        LatencyHistogram lag = new LatencyHistogram();
        LatencyHistogram connectionLag = new LatencyHistogram();
        LatencyHistogram latency = new LatencyHistogram();
        int publishers = 0, ok = 0, failed = 0, dropped = 0, behind = 0, players = 0, playersOk = 0, noDrops = 0;
        long missed = 0;
        long messages = 0, bytes = 0, playMessages = 0, first = Long.MAX_VALUE, last = Long.MIN_VALUE;
        List<String> failures = new ArrayList<>();
        for (LoadLoop loop : loops) {
            lag.add(loop.lag());
            latency.add(loop.playLatency());
            for (ClientConnection c : loop.connections()) {
                if (c.failure() != null && failures.size() < MAX_FAILURES_KEPT) {
                    failures.add(c.streamName + (c instanceof PlayerConnection ? " (player)" : "") + ": " + c.failure());
                }
                if (c instanceof PlayerConnection p) {
                    players++;
                    playersOk += p.succeeded() ? 1 : 0;
                    playMessages += p.messages();
                    noDrops += p.succeeded() && p.videoGaps() == 0 ? 1 : 0;
                    missed += p.missedFrames();
                    continue;
                }
                PublisherConnection p = (PublisherConnection) c;
                publishers++;
                ok += p.succeeded() ? 1 : 0;
                dropped += p.dropped() ? 1 : 0;
                failed += !p.everActive() ? 1 : 0;
                behind += options.paced() && p.maxLagNanos() > options.maxLagMillis() * 1_000_000L ? 1 : 0;
                messages += p.messages();
                bytes += p.bytesWritten();
                if (p.setupNanos() >= 0) {
                    setup.recordNanos(p.setupNanos());
                }
                if (p.everActive()) {
                    connectionLag.recordNanos(p.maxLagNanos());
                    first = Math.min(first, p.activeAt);
                    last = Math.max(last, p.endedAt());
                }
            }
        }
        double seconds = last > first ? (last - first) / 1e9 : 0;
        return new LoadReport(publishers, ok, failed, dropped, behind, messages, bytes, seconds,
                ms(setup.percentileMicros(0.5)), ms(setup.percentileMicros(0.9)), ms(setup.percentileMicros(0.99)),
                ms(setup.maxMicros()), ms(lag.percentileMicros(0.99)), ms(lag.maxMicros()),
                ms(connectionLag.percentileMicros(0.99)), players, playersOk,
                playMessages, noDrops, missed, ms(latency.percentileMicros(0.5)), ms(latency.percentileMicros(0.99)),
                ms(latency.maxMicros()), latency.count(), failures);
    }

    /** Returns the human-readable table. */
    public String table() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "connections   ok %d  failed %d  dropped %d  behind %d  (of %d publishers)%n",
                ok, failed, dropped, behind, publishers));
        b.append(String.format(Locale.ROOT, "sent          %d messages, %.1f MB in %.2f s: %.1f MB/s, %.0f msg/s%n",
                messages, bytes / 1e6, seconds, megabytesPerSecond(), messagesPerSecond()));
        b.append(String.format(Locale.ROOT, "setup ms      p50 %.1f  p90 %.1f  p99 %.1f  max %.1f%n",
                setupP50, setupP90, setupP99, setupMax));
        b.append(String.format(Locale.ROOT, "lag ms        p99 %.1f  max %.1f  (worst per publisher: p99 %.1f)%n",
                lagP99, lagMax, connectionLagP99));
        if (players > 0) {
            b.append(String.format(Locale.ROOT, "players       ok %d of %d, %d without drops (%d frames missed), %d"
                    + " messages received%n", playersOk, players, playersNoDrops, missedFrames, playMessages));
            b.append(String.format(Locale.ROOT, "latency ms    p50 %.2f  p99 %.2f  max %.2f  (%d frames)%n",
                    latencyP50, latencyP99, latencyMax, latencySamples));
        }
        for (String f : failures) {
            b.append("failure       ").append(f).append(System.lineSeparator());
        }
        return b.toString();
    }

    /** Returns the machine-readable line, starting with {@code RESULT }. */
    public String resultLine() {
        return String.format(Locale.ROOT, "RESULT publishers=%d ok=%d failed=%d dropped=%d behind=%d messages=%d bytes=%d"
                        + " seconds=%.3f mb_per_s=%.2f msg_per_s=%.0f setup_p50_ms=%.2f setup_p90_ms=%.2f"
                        + " setup_p99_ms=%.2f setup_max_ms=%.2f lag_p99_ms=%.2f lag_max_ms=%.2f lag_connection_p99_ms=%.2f"
                        + " players=%d"
                        + " players_ok=%d play_messages=%d latency_p50_ms=%.3f latency_p99_ms=%.3f"
                        + " latency_max_ms=%.3f latency_samples=%d players_no_drops=%d play_missed_frames=%d",
                publishers, ok, failed, dropped, behind, messages, bytes, seconds, megabytesPerSecond(),
                messagesPerSecond(), setupP50, setupP90, setupP99, setupMax, lagP99, lagMax, connectionLagP99, players,
                playersOk,
                playMessages, latencyP50, latencyP99, latencyMax, latencySamples, playersNoDrops, missedFrames);
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
