package io.github.rtmpflow.benchmarks.tls;

import io.github.rtmpflow.benchmarks.load.LoadGenerator;
import io.github.rtmpflow.benchmarks.load.LoadOptions;
import io.github.rtmpflow.benchmarks.load.LoadReport;
import io.github.rtmpflow.server.RtmpServer;
import io.github.rtmpflow.server.TlsCredentials;
import io.github.rtmpflow.server.TlsOptions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * RTMPS against plain RTMP ingest, on one in-process server with both listeners: the load
 * generator ({@link LoadGenerator}, {@code rtmps://} for TLS) publishes as fast as the server
 * reads, alternating plain and TLS runs; per run it reports the ingest rate and the CPU time
 * of the server's event loop threads (per second of wall time and per GB ingested).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.rtmpflow.benchmarks.tls.RtmpsIngestComparison \
 *     [--publishers 4] [--duration 10] [--repeats 3] [--warmups 2] [--loops 2] [--key-type rsa|ec]
 * </pre>
 *
 * <p>The generator runs in the same JVM and on the same cores, encrypting too: the MB/s figures
 * are what one machine does end to end; the CPU per GB is the server's own cost. A self-signed
 * certificate is made with {@code openssl} in a temporary directory.
 */
public final class RtmpsIngestComparison {

    private RtmpsIngestComparison() {
    }

    /**
     * Runs the comparison and prints a table with medians.
     *
     * @param args see the class documentation
     */
    public static void main(String[] args) throws Exception {
        int publishers = intArg(args, "--publishers", 4);
        int duration = intArg(args, "--duration", 10);
        int repeats = intArg(args, "--repeats", 3);
        int loops = intArg(args, "--loops", 2);
        int warmups = intArg(args, "--warmups", 2);
        String keyType = stringArg(args, "--key-type", "ec");
        Path dir = Files.createTempDirectory("rtmps-bench");
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        makeCertificate(keyType, cert, key);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (RtmpServer server = RtmpServer.builder()
                .bind(new InetSocketAddress(loopback, 0))
                .eventLoops(loops)
                .rtmps(TlsOptions.of(new InetSocketAddress(loopback, 0), TlsCredentials.pem(cert, key)))
                .start()) {
            String plain = "rtmp://127.0.0.1:" + server.localAddress().getPort() + "/live";
            String tls = "rtmps://127.0.0.1:" + server.rtmpsAddress().orElseThrow().getPort() + "/live";
            System.out.printf(Locale.ROOT, "rtmps vs rtmp: %d publishers as fast as possible, %d s, %d event loops,"
                    + " %s certificate, %d repeats (after %d warm-ups of each)%n", publishers, duration, loops,
                    keyType, repeats, warmups);
            // The JIT needs a while for the AES-GCM paths (the generator's encryption runs in this JVM
            // too): the first TLS runs are several times slower than the later ones.
            for (int w = 0; w < warmups; w++) {
                run("warm-up", plain, publishers, duration, "wp" + w + "-");
                run("warm-up", tls, publishers, duration, "wt" + w + "-");
            }
            List<double[]> plainRuns = new ArrayList<>();
            List<double[]> tlsRuns = new ArrayList<>();
            for (int r = 0; r < repeats; r++) {
                plainRuns.add(run("rtmp", plain, publishers, duration, "p" + r + "-"));
                tlsRuns.add(run("rtmps", tls, publishers, duration, "t" + r + "-"));
            }
            summarize("rtmp", plainRuns);
            summarize("rtmps", tlsRuns);
        }
    }

    /** Returns {MB/s, server loop CPU % of one core, server loop CPU s per GB}. */
    private static double[] run(String label, String url, int publishers, int duration, String prefix)
            throws InterruptedException {
        long cpuBefore = loopCpuNanos();
        long wallBefore = System.nanoTime();
        LoadReport report = LoadGenerator.run(LoadOptions.parse("--url", url, "--publishers",
                Integer.toString(publishers), "--duration", Integer.toString(duration), "--stream-prefix", prefix));
        double wall = (System.nanoTime() - wallBefore) / 1e9;
        double cpu = (loopCpuNanos() - cpuBefore) / 1e9;
        double gigabytes = report.bytes() / 1e9;
        double[] figures = {report.megabytesPerSecond(), 100 * cpu / wall, gigabytes > 0 ? cpu / gigabytes : 0};
        System.out.printf(Locale.ROOT, "%-8s %8.1f MB/s  server loops %6.1f %% of a core  %6.2f CPU s/GB  ok=%d/%d%n",
                label, figures[0], figures[1], figures[2], report.ok(), report.publishers());
        if (!report.allOk()) {
            System.out.println("  failures: " + report.failures());
        }
        return figures;
    }

    private static void summarize(String label, List<double[]> runs) {
        System.out.printf(Locale.ROOT, "MEDIAN %-6s %8.1f MB/s  server loops %6.1f %% of a core  %6.2f CPU s/GB%n",
                label, median(runs, 0), median(runs, 1), median(runs, 2));
    }

    private static double median(List<double[]> runs, int index) {
        List<Double> values = new ArrayList<>();
        for (double[] run : runs) {
            values.add(run[index]);
        }
        Collections.sort(values);
        int n = values.size();
        return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
    }

    /** CPU time of the server's event loop threads so far. */
    private static long loopCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("rtmpflow-loop-")) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                total += Math.max(0, cpu);
            }
        }
        return total;
    }

    private static void makeCertificate(String keyType, Path cert, Path key) throws IOException, InterruptedException {
        String newKey = keyType.equals("rsa") ? "rsa:2048" : "ec";
        List<String> command = new ArrayList<>(List.of("timeout", "60", "openssl", "req", "-x509", "-newkey", newKey));
        if (!keyType.equals("rsa")) {
            command.addAll(List.of("-pkeyopt", "ec_paramgen_curve:prime256v1"));
        }
        command.addAll(List.of("-nodes", "-keyout", key.toString(), "-out", cert.toString(), "-days", "2", "-subj",
                "/CN=localhost"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(70, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("openssl could not make a certificate: " + command);
        }
    }

    private static int intArg(String[] args, String name, int fallback) {
        return Integer.parseInt(stringArg(args, name, Integer.toString(fallback)));
    }

    private static String stringArg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
