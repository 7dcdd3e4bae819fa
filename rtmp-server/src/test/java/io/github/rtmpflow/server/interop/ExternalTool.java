package io.github.rtmpflow.server.interop;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs real external programs (FFmpeg, GStreamer, rtmpdump) for the interoperability tests.
 *
 * <p>Every run is wrapped in coreutils {@code timeout -k 5 N} (a failing FFmpeg can ignore
 * SIGTERM) and additionally bounded on the Java side; its standard output and error go to files
 * under {@code target/interop-logs/}, so a failure can be read after the fact, and a failure
 * message carries the tail of the tool's standard error.
 *
 * <p>A missing tool never skips a test: {@link #require(String)} fails it with a message that
 * stands out, because interoperability cannot be proven without the real client.
 */
public final class ExternalTool {

    /** Extra time the Java side waits beyond the {@code timeout} budget before it kills. */
    private static final long JAVA_SIDE_GRACE_SECONDS = 10;
    private static final int STDERR_TAIL_LINES = 25;
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    /** Debian packages that provide each tool, for the failure message. */
    private static final Map<String, String> PACKAGES = Map.of(
            "ffmpeg", "ffmpeg",
            "ffprobe", "ffmpeg",
            "gst-launch-1.0", "gstreamer1.0-tools gstreamer1.0-plugins-base gstreamer1.0-plugins-good "
                    + "gstreamer1.0-plugins-bad gstreamer1.0-plugins-ugly gstreamer1.0-libav",
            "gst-inspect-1.0", "gstreamer1.0-tools",
            "rtmpdump", "rtmpdump",
            "timeout", "coreutils");

    private ExternalTool() {
    }

    /**
     * Returns the path of {@code tool} on the {@code PATH}, or fails the calling test with a
     * loud message naming the package to install.
     */
    public static Path require(String tool) {
        String pathVariable = System.getenv().getOrDefault("PATH", "");
        for (String dir : pathVariable.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, tool);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(banner(tool + " not found: install it (apt-get install "
                + PACKAGES.getOrDefault(tool, tool) + ") - interoperability cannot be proven without it"));
    }

    /**
     * Fails the calling test loudly unless GStreamer has {@code element} (for example
     * {@code rtmp2sink} from gst-plugins-bad).
     */
    public static void requireGstElement(String element) {
        require("gst-inspect-1.0");
        Result result = run("gst-inspect-" + element, Duration.ofSeconds(30), "gst-inspect-1.0", element);
        if (result.exitCode() != 0) {
            throw new AssertionError(banner("GStreamer element " + element + " not found: install it (apt-get install "
                    + PACKAGES.get("gst-launch-1.0") + ") - interoperability cannot be proven without it"));
        }
    }

    /**
     * Runs {@code command} to completion within {@code budget} and returns its result (whatever
     * the exit status; see {@link Result#assertSuccess()}).
     *
     * @param label a short name for the log files
     */
    public static Result run(String label, Duration budget, String... command) {
        Running running = start(label, budget, command);
        return running.await();
    }

    /**
     * Starts {@code command} in the background, bounded by {@code budget}; the caller must
     * {@link Running#await()} or {@link Running#close()} it.
     */
    public static Running start(String label, Duration budget, String... command) {
        require(command[0]);
        List<String> full = new ArrayList<>();
        full.add("timeout");
        full.add("-k");
        full.add("5");
        full.add(Long.toString(Math.max(1, budget.toSeconds())));
        full.addAll(Arrays.asList(command));
        Path dir = logDirectory();
        String base = String.format("%03d-%s", SEQUENCE.incrementAndGet(), label.replaceAll("[^A-Za-z0-9._-]", "_"));
        Path stdout = dir.resolve(base + ".out");
        Path stderr = dir.resolve(base + ".err");
        ProcessBuilder builder = new ProcessBuilder(full)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        try {
            Process process = builder.start();
            return new Running(List.copyOf(Arrays.asList(command)), process, budget, stdout, stderr);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
        }
    }

    /** Returns {@code target/interop-logs}, created if needed. */
    public static Path logDirectory() {
        Path dir = TestPaths.target().resolve("interop-logs");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    static String banner(String message) {
        String bar = "!".repeat(Math.min(120, message.length() + 4));
        return "\n" + bar + "\n!!! " + message + "\n" + bar;
    }

    /** A program started by {@link #start}; closing it kills it and its children. */
    public static final class Running implements AutoCloseable {
        private final List<String> command;
        private final Process process;
        private final Duration budget;
        private final Path stdout;
        private final Path stderr;

        private Running(List<String> command, Process process, Duration budget, Path stdout, Path stderr) {
            this.command = command;
            this.process = process;
            this.budget = budget;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        /** Returns whether the program still runs. */
        public boolean isAlive() {
            return process.isAlive();
        }

        /** Waits for the program to end (killing it past its budget) and returns its result. */
        public Result await() {
            try {
                if (!process.waitFor(budget.toSeconds() + JAVA_SIDE_GRACE_SECONDS, TimeUnit.SECONDS)) {
                    killHard();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                killHard();
                throw new AssertionError("interrupted while waiting for " + command, e);
            }
            int exit = process.isAlive() ? -1 : process.exitValue();
            return new Result(command, exit, stdout, stderr);
        }

        /**
         * Kills the program and every process it started with SIGKILL at once (an abrupt
         * disconnect: no FCUnpublish, no TCP shutdown from the program itself).
         */
        public void killHard() {
            // The program runs under `timeout`: kill the real tool first, then the wrapper.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                killHard();
            }
        }
    }

    /**
     * The outcome of one run.
     *
     * @param command the program and its arguments (without the {@code timeout} wrapper)
     * @param exitCode its exit status (124 when {@code timeout} stopped it, -1 if it would not die)
     * @param stdout the file with its standard output
     * @param stderr the file with its standard error
     */
    public record Result(List<String> command, int exitCode, Path stdout, Path stderr) {

        /** Returns this result if the exit status is 0, else fails with the stderr tail. */
        public Result assertSuccess() {
            if (exitCode != 0) {
                throw new AssertionError(describe("exited with status " + exitCode));
            }
            return this;
        }

        /** Returns this result if the exit status is not 0, else fails. */
        public Result assertFailure() {
            if (exitCode == 0) {
                throw new AssertionError(describe("succeeded but was expected to fail"));
            }
            return this;
        }

        /** Returns a failure description: what ran, the verdict, the logs and the stderr tail. */
        public String describe(String verdict) {
            return command.get(0) + " " + verdict + "\n  command: " + String.join(" ", command)
                    + "\n  stdout: " + stdout + "\n  stderr: " + stderr
                    + "\n  ---- last lines of stderr ----\n" + stderrTail(STDERR_TAIL_LINES);
        }

        /** Returns the whole standard output as text. */
        public String stdoutText() {
            return read(stdout);
        }

        /** Returns the whole standard error as text. */
        public String stderrText() {
            return read(stderr);
        }

        /** Returns the last {@code lines} lines of standard error, indented. */
        public String stderrTail(int lines) {
            List<String> all = stderrText().lines().toList();
            List<String> tail = all.subList(Math.max(0, all.size() - lines), all.size());
            StringBuilder text = new StringBuilder();
            for (String line : tail) {
                text.append("  | ").append(line).append('\n');
            }
            return text.toString();
        }

        private static String read(Path file) {
            try {
                // Tools may print bytes that are not UTF-8: replace them instead of failing.
                return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
