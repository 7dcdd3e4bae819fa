package io.github.rtmpflow.benchmarks.server;

import io.github.rtmpflow.benchmarks.load.LatencyHistogram;
import io.github.rtmpflow.benchmarks.load.LatencyStamp;
import io.github.rtmpflow.flv.FlvTag;
import io.github.rtmpflow.flv.TagListener;
import io.github.rtmpflow.server.LiveStream;
import io.github.rtmpflow.server.RtmpServer;
import io.github.rtmpflow.server.ServerLimits;
import io.github.rtmpflow.server.StreamStatistics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Runs rtmpflow for the load generator and {@code scripts/compare-nginx.sh}: an {@link RtmpServer}
 * with the defaults except the connection and stream counts (a load test opens thousands), and
 * optionally one {@link TagListener} per stream that counts tags and reads the generator's
 * latency stamps, so the run also proves delivery to a consumer.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.rtmpflow.benchmarks.server.BenchServer \
 *     --bind 127.0.0.1 --port 1935 [--max-connections 20000] [--event-loops N] [--listener]
 * </pre>
 *
 * <p>Prints {@code listening on rtmp://host:port} once it accepts, then after every ended
 * publish session one cumulative line {@code TOTAL streams=.. tags=.. bytes=.. listener_tags=..
 * latency_samples=.. latency_p50_ms=.. latency_p99_ms=.. latency_max_ms=..}; a script diffs two
 * of them to check that a run lost no tag. SIGTERM or SIGINT close the server.
 */
public final class BenchServer {

    private final Object lock = new Object();
    private final LatencyHistogram latency = new LatencyHistogram();
    private long streams;
    private long tags;
    private long bytes;
    private long listenerTags;

    private BenchServer() {
    }

    /**
     * Starts the server and runs until the JVM is told to stop.
     *
     * @param args {@code [--bind ADDR] [--port N] [--max-connections N] [--event-loops N] [--listener]}
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        String bind = "127.0.0.1";
        int port = 1935;
        int maxConnections = 20_000;
        int eventLoops = 0;
        boolean listener = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--bind" -> bind = args[++i];
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--max-connections" -> maxConnections = Integer.parseInt(args[++i]);
                case "--event-loops" -> eventLoops = Integer.parseInt(args[++i]);
                case "--listener" -> listener = true;
                default -> {
                    System.err.println("usage: BenchServer [--bind ADDR] [--port N] [--max-connections N]"
                            + " [--event-loops N] [--listener]");
                    System.exit(2);
                }
            }
        }
        new BenchServer().run(new InetSocketAddress(bind, port), maxConnections, eventLoops, listener);
    }

    private void run(InetSocketAddress bind, int maxConnections, int eventLoops, boolean listener)
            throws IOException, InterruptedException {
        ServerLimits limits = ServerLimits.DEFAULTS.withMaxConnections(maxConnections)
                .withMaxStreams(maxConnections)
                .withMaxConnectionsInHandshake(Math.min(maxConnections, 4096));
        RtmpServer.Builder builder = RtmpServer.builder().bind(bind).limits(limits)
                .onUnpublish(this::onUnpublish);
        if (eventLoops > 0) {
            builder.eventLoops(eventLoops);
        }
        if (listener) {
            builder.onPublish(s -> s.addListener(new Probe()));
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

    private void onUnpublish(LiveStream stream) {
        StreamStatistics s = stream.statistics();
        synchronized (lock) {
            streams++;
            tags += s.tags();
            bytes += s.bytes();
        }
        report();
    }

    // Printed after each stream's end and each listener's end, whichever comes last, so the last
    // line of a run holds every stream's figures.
    private void report() {
        String line;
        synchronized (lock) {
            line = String.format(Locale.ROOT, "TOTAL streams=%d tags=%d bytes=%d listener_tags=%d latency_samples=%d"
                            + " latency_p50_ms=%.3f latency_p99_ms=%.3f latency_max_ms=%.3f",
                    streams, tags, bytes, listenerTags, latency.count(), latency.percentileMicros(0.5) / 1000.0,
                    latency.percentileMicros(0.99) / 1000.0, latency.maxMicros() / 1000.0);
        }
        System.out.println(line);
    }

    /** One stream's listener: runs on that stream's event loop, merges its figures when the stream ends. */
    private final class Probe implements TagListener {
        private final LatencyHistogram own = new LatencyHistogram();
        private long count;

        @Override
        public void onTag(FlvTag tag) {
            count++;
            if (tag.isVideo()) {
                long sent = LatencyStamp.read(tag.payload());
                if (sent > 0) { // 0: an unstamped frame (fast mode)
                    own.recordNanos(System.nanoTime() - sent);
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
                listenerTags += count;
                latency.add(own);
            }
            report();
        }
    }
}
