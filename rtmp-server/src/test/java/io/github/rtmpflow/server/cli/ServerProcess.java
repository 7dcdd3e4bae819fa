package io.github.rtmpflow.server.cli;

import io.github.rtmpflow.server.interop.ExternalTool;
import io.github.rtmpflow.server.interop.TestPaths;
import io.github.rtmpflow.server.testing.Poll;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built command-line jar ({@code target/rtmpflow-server.jar}) running as its own process,
 * as a user starts it: {@code java -jar rtmpflow-server.jar ARGS}. Standard output and error go
 * to files under {@code target/it-logs/}. Closing it kills what is left of it.
 */
final class ServerProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on rtmp://([^\\s]+):(\\d+)");
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final List<String> args;

    private ServerProcess(Process process, Path stdout, Path stderr, List<String> args) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        this.args = args;
    }

    /** Returns the jar under test; fails if {@code package} has not built it. */
    static Path jar() {
        Path jar = TestPaths.target().resolve("rtmpflow-server.jar");
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("missing " + jar + ": run the integration tests with ./mvnw verify");
        }
        return jar;
    }

    /** Starts {@code java -jar rtmpflow-server.jar args} with the JVM running the tests. */
    static ServerProcess start(String label, String... args) {
        return start(label, List.of(), args);
    }

    /**
     * Starts {@code java JVM_OPTIONS -jar rtmpflow-server.jar args} with the JVM running the
     * tests, under {@code env --default-signal=INT}: a process started from a background job
     * inherits SIGINT ignored, and the JVM then never sees it; a user at a terminal does not.
     */
    static ServerProcess start(String label, List<String> jvmOptions, String... args) {
        Path dir = TestPaths.target().resolve("it-logs");
        String base = String.format("%03d-%s", SEQUENCE.incrementAndGet(), label);
        Path out = dir.resolve(base + ".out");
        Path err = dir.resolve(base + ".err");
        List<String> command = new ArrayList<>();
        command.add("env");
        command.add("--default-signal=INT");
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:TieredStopAtLevel=1");
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of(args));
        try {
            Files.createDirectories(dir);
            Process process = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            return new ServerProcess(process, out, err, List.of(args));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the {@code listening on rtmp://HOST:PORT} line and returns the port. */
    int awaitListening() {
        Matcher[] found = new Matcher[1];
        Poll.until("the 'listening on' line of " + this, Duration.ofSeconds(30), () -> {
            if (!process.isAlive()) {
                throw new AssertionError("the server exited with " + process.exitValue() + " before listening\n"
                        + describe());
            }
            Matcher matcher = LISTENING.matcher(stdoutText());
            if (matcher.find()) {
                found[0] = matcher;
                return true;
            }
            return false;
        });
        return Integer.parseInt(found[0].group(2));
    }

    /** Waits for a line of standard output matching {@code regex} and returns it. */
    String awaitLine(String regex) {
        Pattern pattern = Pattern.compile(regex);
        String[] line = new String[1];
        Poll.until("a line matching " + regex + " from " + this, Duration.ofSeconds(30), () -> {
            for (String l : stdoutText().lines().toList()) {
                if (pattern.matcher(l).find()) {
                    line[0] = l;
                    return true;
                }
            }
            return false;
        });
        return line[0];
    }

    /** Returns the process id (for signals other than SIGTERM). */
    long pid() {
        return process.pid();
    }

    /** Sends signal {@code name} ({@code INT}, {@code TERM}, ...) with {@code kill}. */
    void signal(String name) {
        ExternalTool.run("kill-" + name, Duration.ofSeconds(10), "kill", "-s", name, Long.toString(pid()))
                .assertSuccess();
    }

    /** Sends SIGTERM (what {@link Process#destroy()} does on Unix) and returns the exit status. */
    int terminate() {
        process.destroy();
        return awaitExit();
    }

    /** Waits up to 60 s for the process to end and returns its exit status. */
    int awaitExit() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("the server did not exit within 60 s\n" + describe());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return process.exitValue();
    }

    /** Returns everything written to standard output so far. */
    String stdoutText() {
        return read(stdout);
    }

    /** Returns everything written to standard error so far. */
    String stderrText() {
        return read(stderr);
    }

    /** Returns the arguments, logs and output, for a failure message. */
    String describe() {
        return "rtmpflow-server " + String.join(" ", args) + "\n  stdout (" + stdout + "):\n"
                + indent(stdoutText()) + "  stderr (" + stderr + "):\n" + indent(stderrText());
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return "rtmpflow-server " + String.join(" ", args);
    }

    private static String indent(String text) {
        StringBuilder b = new StringBuilder();
        text.lines().forEach(l -> b.append("  | ").append(l).append('\n'));
        return b.toString();
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails the test loudly if FFmpeg is missing (the ITs publish with it). */
    static void requireFfmpeg() {
        ExternalTool.require("ffmpeg");
        ExternalTool.require("ffprobe");
    }
}
