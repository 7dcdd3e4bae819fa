package io.github.rtmpflow.benchmarks.server;

import io.github.rtmpflow.benchmarks.load.LatencyHistogram;
import io.github.rtmpflow.benchmarks.load.LatencyStamp;
import io.github.rtmpflow.flv.FanoutOptions;
import io.github.rtmpflow.flv.FlvTag;
import io.github.rtmpflow.flv.TagListener;
import io.github.rtmpflow.server.LiveStream;
import io.github.rtmpflow.server.RtmpServer;
import io.github.rtmpflow.server.ServerLimits;
import io.github.rtmpflow.server.StreamStatistics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Runs rtmpflow for the load generator and {@code scripts/compare-nginx.sh}: an {@link RtmpServer}
 * with the defaults except the connection and stream counts (a load test opens thousands), and
 * optionally one {@link TagListener} per stream that counts tags and reads the generator's
 * latency stamps (publish-to-listener latency), so a run also proves delivery to a consumer.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.rtmpflow.benchmarks.server.BenchServer \
 *     --bind 127.0.0.1 --port 1935 [--max-connections 20000] [--event-loops N] [--listener] [--gop-cache-tags N]
 * </pre>
 *
 * <p>Prints {@code listening on rtmp://host:port} once it accepts. After every ended publish
 * session (and listener) it prints one cumulative line {@code TOTAL streams=.. tags=.. bytes=..
 * listener_tags=..}: a script diffs two of them to check that a run lost no tag. When the last
 * live stream has ended it prints {@code RUN streams=.. tags=.. listener_tags=..
 * latency_samples=.. latency_p50_ms=.. latency_p99_ms=.. latency_max_ms=..} for the streams
 * since the previous such moment (one load run, when runs are separated by idle time) and starts
 * counting afresh. SIGTERM or SIGINT close the server.
 */
public final class BenchServer {

    private final Object lock = new Object();
    /** One histogram per event loop thread (listeners run there), so nothing is shared per tag. */
    private final List<LatencyHistogram> histograms = new ArrayList<>();
    private final ThreadLocal<LatencyHistogram> loopHistogram = ThreadLocal.withInitial(this::newHistogram);
    private long streams;
    private long tags;
    private long bytes;
    private long listenerTags;
    private int live;
    private int openProbes;
    private long runStreams;
    private long runTags;
    private long runListenerTags;

    private BenchServer() {
    }

    /**
     * Starts the server and runs until the JVM is told to stop.
     *
     * @param args {@code [--bind ADDR] [--port N] [--max-connections N] [--event-loops N] [--listener]
     *     [--gop-cache-tags N]} (the late-joiner GOP cache bound, default {@link FanoutOptions#DEFAULTS}; 0: off)
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        String bind = "127.0.0.1";
        int port = 1935;
        int maxConnections = 20_000;
        int eventLoops = 0;
        boolean listener = false;
        int gopTags = FanoutOptions.DEFAULTS.maxGopTags();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--bind" -> bind = args[++i];
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--max-connections" -> maxConnections = Integer.parseInt(args[++i]);
                case "--event-loops" -> eventLoops = Integer.parseInt(args[++i]);
                case "--listener" -> listener = true;
                case "--gop-cache-tags" -> gopTags = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: BenchServer [--bind ADDR] [--port N] [--max-connections N]"
                            + " [--event-loops N] [--listener] [--gop-cache-tags N]");
                    System.exit(2);
                }
            }
        }
        FanoutOptions fanout = gopTags == 0 ? new FanoutOptions(0, 0)
                : new FanoutOptions(gopTags, FanoutOptions.DEFAULTS.maxGopBytes());
        new BenchServer().run(new InetSocketAddress(bind, port), maxConnections, eventLoops, listener, fanout);
    }

    private void run(InetSocketAddress bind, int maxConnections, int eventLoops, boolean listener,
            FanoutOptions fanout) throws IOException, InterruptedException {
        ServerLimits limits = ServerLimits.DEFAULTS.withMaxConnections(maxConnections)
                .withMaxStreams(maxConnections)
                .withMaxConnectionsInHandshake(Math.min(maxConnections, 4096));
        RtmpServer.Builder builder = RtmpServer.builder().bind(bind).limits(limits)
                .onPublish(this::onPublish).onUnpublish(this::onUnpublish).fanoutOptions(fanout);
        if (eventLoops > 0) {
            builder.eventLoops(eventLoops);
        }
        if (listener) {
            builder.onPublish(s -> {
                synchronized (lock) {
                    openProbes++;
                }
                s.addListener(new Probe());
            });
        }
        RtmpServer server = builder.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        System.out.println("listening on rtmp://" + bind.getHostString() + ":" + server.localAddress().getPort());
        System.out.flush();
        stopped.await();
    }

    private void onPublish(LiveStream stream) {
        synchronized (lock) {
            live++;
        }
    }

    private void onUnpublish(LiveStream stream) {
        StreamStatistics s = stream.statistics();
        synchronized (lock) {
            live--;
            streams++;
            tags += s.tags();
            bytes += s.bytes();
            runStreams++;
            runTags += s.tags();
        }
        report();
    }

    private LatencyHistogram newHistogram() {
        LatencyHistogram h = new LatencyHistogram();
        synchronized (lock) {
            histograms.add(h);
        }
        return h;
    }

    // Called after each stream's end and each listener's end, whichever comes last, so the last
    // TOTAL line holds every stream's figures. The loop threads' histograms are read (and reset)
    // only when no stream is live and every listener has ended: their writes happened before
    // their last synchronized merge.
    private void report() {
        List<String> lines = new ArrayList<>(2);
        synchronized (lock) {
            lines.add(String.format(Locale.ROOT, "TOTAL streams=%d tags=%d bytes=%d listener_tags=%d", streams, tags,
                    bytes, listenerTags));
            if (live == 0 && openProbes == 0) {
                LatencyHistogram run = new LatencyHistogram();
                for (LatencyHistogram h : histograms) {
                    run.add(h);
                    h.reset();
                }
                lines.add(String.format(Locale.ROOT, "RUN streams=%d tags=%d listener_tags=%d latency_samples=%d"
                                + " latency_p50_ms=%.3f latency_p99_ms=%.3f latency_max_ms=%.3f",
                        runStreams, runTags, runListenerTags, run.count(), run.percentileMicros(0.5) / 1000.0,
                        run.percentileMicros(0.99) / 1000.0, run.maxMicros() / 1000.0));
                runStreams = 0;
                runTags = 0;
                runListenerTags = 0;
            }
        }
        for (String line : lines) {
            System.out.println(line);
        }
    }

    /** One stream's listener: runs on that stream's event loop; merges its count when the stream ends. */
    private final class Probe implements TagListener {
        private long count;
        private boolean ended;

        @Override
        public void onTag(FlvTag tag) {
            count++;
            if (tag.isVideo()) {
                long sent = LatencyStamp.read(tag.payload());
                if (sent > 0) { // 0: an unstamped frame (fast runs without players)
                    loopHistogram.get().recordNanos(System.nanoTime() - sent);
                }
            }
        }

        @Override
        public void onComplete() {
            merge();
        }

        @Override
        public void onError(Throwable error) {
            merge();
        }

        private void merge() {
            synchronized (lock) {
                if (ended) {
                    return;
                }
                ended = true;
                openProbes--;
                listenerTags += count;
                runListenerTags += count;
            }
            report();
        }
    }
}
