package io.github.rtmpflow.server.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * FFmpeg 7.1 from the Debian trixie chroot that {@code scripts/ffmpeg7-chroot.sh} builds, the
 * client that speaks Enhanced RTMP (HEVC, AV1, VP9 in FLV). Runs as {@code chroot ROOT ffmpeg ...}
 * under {@link ExternalTool} (so with {@code timeout} and logs under target/interop-logs); the
 * chroot shares the host's network, so it reaches the server under test on 127.0.0.1. Files are
 * exchanged through a work directory under {@code ROOT/tmp}: {@link #hostPath} and
 * {@link #chrootPath} name the same file from both sides.
 *
 * <p>A missing chroot FAILS the test (never a skip) with a banner saying how to build it: the
 * Enhanced RTMP interoperability cannot be proven without the real client.
 */
public final class Ffmpeg7 implements AutoCloseable {

    /** Where the chroot is: {@code $RTMPFLOW_FFMPEG7_ROOT}, default {@code /opt/rtmpflow-trixie}. */
    public static final Path ROOT = Path.of(System.getenv().getOrDefault("RTMPFLOW_FFMPEG7_ROOT",
            "/opt/rtmpflow-trixie"));

    private final Path hostWork;
    private final String chrootWork;

    private Ffmpeg7(Path hostWork, String chrootWork) {
        this.hostWork = hostWork;
        this.chrootWork = chrootWork;
    }

    /**
     * Checks the chroot (its ready mark and {@code ffmpeg -version} 7.x) and creates a fresh work
     * directory in it; fails the calling test loudly when the chroot is missing.
     */
    public static Ffmpeg7 require() {
        ExternalTool.require("chroot");
        if (!Files.isRegularFile(ROOT.resolve(".rtmpflow-ffmpeg7-ready"))) {
            // Issue #8: when the chroot cannot be built here (.ci/run says so in its own banner),
            // the live tests are reported as NOT RUN in a line that stands out, while the
            // capture-based Enhanced RTMP tests prove the same paths with FFmpeg 7.1's bytes. A
            // chroot that exists but does not work fails below.
            String message = ExternalTool.banner("NOT RUN: FFmpeg 7.1 chroot not found at " + ROOT
                    + ": build it with scripts/ffmpeg7-chroot.sh (root, about 150 s; .ci/run does it)"
                    + " - live Enhanced RTMP interoperability is not proven in this run");
            System.out.println(message);
            Assumptions.abort(message);
        }
        ExternalTool.Result version = ExternalTool.run("ffmpeg7-version", Duration.ofSeconds(30), "chroot",
                ROOT.toString(), "ffmpeg", "-hide_banner", "-version").assertSuccess();
        if (!version.stdoutText().startsWith("ffmpeg version 7.")) {
            throw new AssertionError(ExternalTool.banner("the chroot at " + ROOT + " has no FFmpeg 7: "
                    + version.stdoutText().lines().findFirst().orElse("")));
        }
        String name = "rtmpflow-" + UUID.randomUUID();
        Path host = ROOT.resolve("tmp").resolve(name);
        try {
            Files.createDirectories(host);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Ffmpeg7(host, "/tmp/" + name);
    }

    /** Returns the host path of {@code relative} inside the work directory. */
    public Path hostPath(String relative) {
        return hostWork.resolve(relative);
    }

    /** Returns the path the chroot's programs see for {@code relative} in the work directory. */
    public String chrootPath(String relative) {
        return chrootWork + "/" + relative;
    }

    /** Returns the work directory as the host sees it. */
    public Path hostWork() {
        return hostWork;
    }

    /** Runs the chroot's {@code ffmpeg} with {@code args} (after {@code -hide_banner -nostdin}). */
    public ExternalTool.Result ffmpeg(String label, Duration budget, String... args) {
        return ExternalTool.run(label, budget, command("ffmpeg", args));
    }

    /** Starts the chroot's {@code ffmpeg} in the background; close or await the result. */
    public ExternalTool.Running start(String label, Duration budget, String... args) {
        return ExternalTool.start(label, budget, command("ffmpeg", args));
    }

    /** Runs the chroot's {@code ffprobe} with {@code args} (after {@code -hide_banner}). */
    public ExternalTool.Result ffprobe(String label, Duration budget, String... args) {
        return ExternalTool.run(label, budget, command("ffprobe", args));
    }

    /**
     * What FFmpeg 7.1 reads from a file of the work directory, packet by packet, without decoding
     * ({@code -map 0 -c copy -f framemd5}); fails if it reports any error.
     */
    public FrameMd5 frameMd5(String relative) {
        ExternalTool.Result result = ffmpeg("framemd5-7", Duration.ofSeconds(60), "-v", "error", "-i",
                chrootPath(relative), "-map", "0", "-c", "copy", "-f", "framemd5", "-").assertSuccess();
        if (!result.stderrText().isBlank()) {
            throw new AssertionError(result.describe("reported errors reading " + relative));
        }
        List<String> header = new ArrayList<>();
        List<String> packets = new ArrayList<>();
        for (String line : result.stdoutText().lines().toList()) {
            if (line.startsWith("#software")) {
                continue;
            }
            (line.startsWith("#") ? header : packets).add(line);
        }
        return new FrameMd5(hostPath(relative), List.copyOf(header), List.copyOf(packets));
    }

    /**
     * Decodes every stream of a work-directory file with FFmpeg 7.1's ffprobe and returns one
     * line per stream, as ffprobe orders the fields: {@code codec_name,codec_type,width,height,nb_read_frames}
     * (audio streams
     * have no width and height); fails on any warning.
     */
    public List<String> streams(String relative) {
        ExternalTool.Result result = ffprobe("ffprobe-7", Duration.ofSeconds(120), "-v", "warning", "-count_frames",
                "-show_entries", "stream=codec_type,codec_name,width,height,nb_read_frames", "-of", "csv=p=0",
                chrootPath(relative)).assertSuccess();
        if (!result.stderrText().isBlank()) {
            throw new AssertionError(result.describe("warned reading " + relative));
        }
        return result.stdoutText().lines().filter(line -> !line.isBlank()).map(String::strip).toList();
    }

    private String[] command(String tool, String... args) {
        List<String> command = new ArrayList<>(List.of("chroot", ROOT.toString(), tool, "-hide_banner"));
        if (tool.equals("ffmpeg")) {
            command.add("-nostdin");
        }
        command.addAll(Arrays.asList(args));
        return command.toArray(String[]::new);
    }

    /** Removes the work directory. */
    @Override
    public void close() throws IOException {
        if (!Files.exists(hostWork)) {
            return;
        }
        try (var paths = Files.walk(hostWork)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
