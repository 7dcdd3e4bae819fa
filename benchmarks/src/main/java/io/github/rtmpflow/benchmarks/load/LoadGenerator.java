package io.github.rtmpflow.benchmarks.load;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The RTMP load generator: N concurrent publishers (and optionally players) over java.nio, on
 * one or two selector threads, sending a synthetic H.264/AAC stream generated once.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.rtmpflow.benchmarks.load.LoadGenerator \
 *     --url rtmp://127.0.0.1:1935/live --publishers 16 --duration 10
 * </pre>
 *
 * <p>Prints a table and one {@code RESULT key=value ...} line (see {@link LoadReport}); exits 0
 * when every connection succeeded, 1 otherwise, 2 for bad options.
 */
public final class LoadGenerator {

    private static final int MIN_OUTPUT_BUFFER_BYTES = 256 * 1024;
    private static final int MAX_CHUNK_HEADER_BYTES = 18;
    private static final int CONTINUATION_HEADER_BYTES = 3 + 4;
    private static final int CONTROL_SLACK_BYTES = 4096;

    private LoadGenerator() {
    }

    /**
     * Runs the generator from the command line.
     *
     * @param args options, see {@link LoadOptions#usage()}
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length == 0 || List.of(args).contains("--help")) {
            System.out.println(LoadOptions.usage());
            return;
        }
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(LoadOptions.usage());
            System.exit(2);
            return;
        }
        System.out.println(describe(options));
        LoadReport report = run(options);
        System.out.print(report.table());
        System.out.println(report.resultLine());
        System.out.flush();
        System.exit(report.allOk() ? 0 : 1);
    }

    /**
     * Runs one load to completion: every connection publishes (or plays) for the duration and
     * ends, or fails; returns when all are closed.
     *
     * @param options what to run
     * @return the statistics
     * @throws InterruptedException when interrupted while waiting for the loops
     */
    public static LoadReport run(LoadOptions options) throws InterruptedException {
        SyntheticMedia media = new SyntheticMedia(options);
        InetSocketAddress address = new InetSocketAddress(options.url().host(), options.url().port());
        if (options.sourceAddresses() > 0 && (address.isUnresolved() || !address.getAddress().isLoopbackAddress())) {
            throw new IllegalArgumentException("--source-addresses needs a loopback server address: url=" + options.url());
        }
        int bufferBytes = outputBufferBytes(options, media.maxPayloadLength());
        List<LoadLoop> loops = new ArrayList<>();
        for (int t = 0; t < options.effectiveThreads(); t++) {
            loops.add(new LoadLoop(address, bufferBytes, options.seed() + t));
        }
        long start = System.nanoTime();
        List<PublisherConnection> publishers = new ArrayList<>();
        for (int i = 0; i < options.publishers(); i++) {
            LoadLoop loop = loops.get(i % loops.size());
            PublisherConnection p = new PublisherConnection(loop, options, i, media);
            p.startAt = start + (long) (options.rampSeconds() * 1e9 * i / options.publishers());
            loop.add(p);
            publishers.add(p);
        }
        for (int i = 0; i < options.players(); i++) {
            int stream = i % options.publishers();
            LoadLoop loop = loops.get((options.publishers() + i) % loops.size());
            PlayerConnection player = new PlayerConnection(loop, options, options.publishers() + i, stream);
            publishers.get(stream).attachPlayer(player);
            loop.add(player);
        }
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < loops.size(); t++) {
            Thread thread = new Thread(loops.get(t), "load-loop-" + t);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return LoadReport.from(options, loops);
    }

    /** One line saying what runs. */
    static String describe(LoadOptions o) {
        return String.format(Locale.ROOT,
                "rtmpflow load: %d publishers, %d players -> %s (%s, %d kbit/s video, %d kbit/s audio, %dx%d@%d,"
                        + " gop %d, %s handshake, chunk size %d, %s s, %d threads%s)",
                o.publishers(), o.players(), o.url(), o.paced() ? "paced" : "as fast as possible", o.videoKbps(),
                o.audioKbps(), o.width(), o.height(), o.fps(), o.gop(), o.handshake(),
                o.chunkSize() == 0 ? 128 : o.chunkSize(), o.durationSeconds(), o.effectiveThreads(),
                o.extendedTimestampStart() ? ", timestamps from 0xFFFFFF-1000" : "");
    }

    /** One output buffer must hold the largest message with all its chunk headers. */
    private static int outputBufferBytes(LoadOptions o, int maxPayload) {
        int chunk = o.chunkSize() == 0 ? 128 : o.chunkSize();
        long encoded = MAX_CHUNK_HEADER_BYTES + maxPayload + (long) (maxPayload / chunk + 1) * CONTINUATION_HEADER_BYTES;
        return (int) Math.max(MIN_OUTPUT_BUFFER_BYTES, encoded + CONTROL_SLACK_BYTES);
    }
}
