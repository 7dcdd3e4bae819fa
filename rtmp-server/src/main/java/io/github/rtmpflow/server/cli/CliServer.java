package io.github.rtmpflow.server.cli;

import io.github.rtmpflow.server.LiveStream;
import io.github.rtmpflow.server.RtmpServer;
import io.github.rtmpflow.server.ServerLimits;
import io.github.rtmpflow.server.StreamStatistics;
import io.github.rtmpflow.server.TlsCredentialsException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command-line server's wiring: an {@link RtmpServer} configured from {@link CliOptions},
 * reporting on standard output one line per listener ({@code listening on rtmp://HOST:PORT}),
 * per stream start ({@code publishing app/name from ADDR}) and per stream end (a summary: tags,
 * bytes, duration, drops).
 *
 * <p>The lines are printed by a thread of their own: the server's callbacks run on its event
 * loops, which must never wait for a full pipe on standard output.
 */
final class CliServer {

    private static final Logger LOG = LoggerFactory.getLogger(CliServer.class);
    /** How long {@link #shutdown()} waits for the last report lines. */
    private static final long REPORT_DRAIN_SECONDS = 5;

    private final RtmpServer server;
    private final ExecutorService reporter;
    private final PrintStream out;
    private final Duration drain;
    private final Path recordDirectory;
    private final CountDownLatch closed = new CountDownLatch(1);

    private CliServer(RtmpServer server, ExecutorService reporter, PrintStream out, Duration drain,
            Path recordDirectory) {
        this.server = server;
        this.reporter = reporter;
        this.out = out;
        this.drain = drain;
        this.recordDirectory = recordDirectory;
    }

    /**
     * Starts the server described by {@code options}; {@link #announce()} prints its listening line.
     *
     * @throws StartFailure when the record directory is unusable, the address cannot be bound or the
     *     TLS files cannot be used
     */
    static CliServer start(CliOptions options, PrintStream out) throws StartFailure {
        Path recordDirectory = options.recordDirectory() == null ? null : prepare(options.recordDirectory());
        ExecutorService reporter = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "rtmpflow-cli-report");
            thread.setDaemon(true);
            return thread;
        });
        RtmpServer.Builder builder = RtmpServer.builder()
                .bind(new InetSocketAddress(options.bindAddress(), options.port()))
                .recordDirectory(recordDirectory)
                .onPublish(stream -> reporter.execute(() -> out.println(startLine(stream))))
                .onUnpublish(stream -> {
                    StreamStatistics statistics = stream.statistics();
                    Instant ended = Instant.now();
                    reporter.execute(() -> out.println(summaryLine(statistics, ended)));
                });
        if (options.streamKey() != null) {
            builder.authorizer(new StreamKeyAuthorizer(options.streamKey()));
        }
        if (options.tls() != null) {
            builder.rtmps(options.tls().serverOptions(options.bindAddress()));
        }
        if (options.maxConnections().isPresent()) {
            builder.limits(ServerLimits.DEFAULTS.withMaxConnections(options.maxConnections().getAsInt()));
        }
        RtmpServer server;
        try {
            server = builder.start();
        } catch (TlsCredentialsException e) {
            reporter.shutdownNow();
            throw new StartFailure(e.getMessage());
        } catch (IOException | RuntimeException e) {
            reporter.shutdownNow();
            throw new StartFailure("cannot listen on " + hostPort(options.bindAddress().getHostAddress(),
                    options.bindAddress() instanceof Inet6Address, options.port()) + ": " + e.getMessage());
        }
        return new CliServer(server, reporter, out, Duration.ofSeconds(options.drainSeconds()), recordDirectory);
    }

    /**
     * Prints the listening line ({@code listening on rtmp://HOST:PORT}, with the port actually
     * bound) and where recordings go. Called once the shutdown handling is in place, so a script
     * that signals the server as soon as it sees the line gets a clean shutdown.
     */
    void announce() {
        out.println("listening on " + url("rtmp", server.localAddress()));
        server.rtmpsAddress().ifPresent(address -> out.println("listening on " + url("rtmps", address)));
        if (recordDirectory != null) {
            out.println("recording every stream to " + recordDirectory + "/<app>/<name>.flv");
        }
        out.flush();
    }

    /**
     * Stops accepting, asks reconnect-capable publishers to move and waits up to the drain time,
     * ends the remaining streams, finishes the recordings and prints the last lines. Idempotent
     * in effect: the server's close is.
     *
     * @return whether everything closed without an error
     */
    boolean shutdown() {
        boolean clean = true;
        out.println("shutting down: draining for up to " + drain.toSeconds() + " s");
        try {
            server.close(drain);
        } catch (RuntimeException e) {
            LOG.warn("closing the server failed", e);
            clean = false;
        }
        reporter.shutdown();
        try {
            if (!reporter.awaitTermination(REPORT_DRAIN_SECONDS, TimeUnit.SECONDS)) {
                clean = false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            clean = false;
        }
        out.println("stopped");
        out.flush();
        closed.countDown();
        return clean;
    }

    /** Blocks the calling thread until {@link #shutdown()} has finished. */
    void awaitClosed() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Returns the running server (for tests in this package). */
    RtmpServer server() {
        return server;
    }

    /** Returns {@code publishing app/name from HOST:PORT}; never holds the query (the key). */
    static String startLine(LiveStream stream) {
        InetSocketAddress peer = stream.publisherAddress();
        return "publishing " + stream.path() + " from "
                + hostPort(peer.getAddress().getHostAddress(), peer.getAddress() instanceof Inet6Address, peer.getPort());
    }

    /**
     * Returns the summary of an ended stream: {@code ended app/name: tags=N video=N audio=N
     * keyframes=N bytes=N duration=S.SSSs wall=S.SSSs dropped=N}, the duration on the media
     * timeline, the wall time from publish to end, the tags dropped for all subscribers (the
     * recorder among them) together.
     */
    static String summaryLine(StreamStatistics s, Instant ended) {
        Duration wall = Duration.between(s.startTime(), ended);
        return String.format(Locale.ROOT,
                "ended %s: tags=%d video=%d audio=%d keyframes=%d bytes=%d duration=%.3fs wall=%.3fs dropped=%d",
                s.path(), s.tags(), s.videoTags(), s.audioTags(), s.keyframes(), s.bytes(),
                s.mediaDurationMillis() / 1000.0, Math.max(0, wall.toMillis()) / 1000.0, s.droppedTags());
    }

    /** Returns {@code scheme://HOST:PORT} with IPv6 hosts in brackets. */
    static String url(String scheme, InetSocketAddress address) {
        return scheme + "://" + hostPort(address.getAddress().getHostAddress(),
                address.getAddress() instanceof Inet6Address, address.getPort());
    }

    private static String hostPort(String host, boolean ipv6, int port) {
        return (ipv6 ? "[" + host + "]" : host) + ":" + port;
    }

    private static Path prepare(Path directory) throws StartFailure {
        Path absolute = directory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute);
        } catch (IOException e) {
            throw new StartFailure("cannot create the record directory " + absolute + ": " + e);
        }
        if (!Files.isWritable(absolute)) {
            throw new StartFailure("the record directory " + absolute + " is not writable");
        }
        return absolute;
    }

    /** The server could not start; the message is for the user and holds no secret. */
    static final class StartFailure extends Exception {
        private static final long serialVersionUID = 1L;

        StartFailure(String message) {
            super(message, null, false, false);
        }
    }
}
