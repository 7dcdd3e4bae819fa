package io.github.rtmpflow.flv;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real ffmpeg and ffprobe. A missing tool fails the test with a clear message: these
 * tests prove interoperability and must not silently pass without it.
 */
final class MediaTools {
    private static final long TIMEOUT_SECONDS = 60;

    private MediaTools() {
    }

    /** Runs ffmpeg with {@code args} (after {@code -hide_banner -loglevel error -y}). */
    static void ffmpeg(String... args) {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y"));
        command.addAll(List.of(args));
        run(command);
    }

    /** Returns ffprobe's JSON for the streams (with counted frames) and the format of {@code file}. */
    static String ffprobe(Path file) {
        return run(List.of("ffprobe", "-v", "error", "-count_frames", "-show_streams", "-show_format", "-of", "json",
                file.toString()));
    }

    /**
     * Generates a 2 s FLV with H.264 (640x360, 30 fps, B-frames, a keyframe every 30 frames) and
     * AAC (44.1 kHz mono sine), as the issue prescribes.
     */
    static Path h264AacFlv(Path dir) {
        Path out = dir.resolve("h264_aac.flv");
        if (!Files.exists(out)) {
            ffmpeg("-f", "lavfi", "-i", "testsrc=size=640x360:rate=30", "-f", "lavfi", "-i", "sine", "-t", "2",
                    "-c:v", "libx264", "-bf", "2", "-g", "30", "-sc_threshold", "0", "-c:a", "aac", out.toString());
        }
        return out;
    }

    private static String run(List<String> command) {
        List<String> full = new ArrayList<>(List.of("timeout", "-k", "5", String.valueOf(TIMEOUT_SECONDS)));
        full.addAll(command);
        Process process;
        try {
            process = new ProcessBuilder(full).redirectErrorStream(false).start();
        } catch (IOException e) {
            return fail("cannot start " + command.get(0) + " (is it installed? apt-get install ffmpeg): " + e);
        }
        try {
            process.getOutputStream().close();
            byte[] stdout = process.getInputStream().readAllBytes();
            byte[] stderr = process.getErrorStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_SECONDS + 10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return fail(command.get(0) + " did not finish");
            }
            int code = process.exitValue();
            if (code == 127) {
                return fail(command.get(0) + " is not installed: these tests need the real ffmpeg and ffprobe "
                        + "(apt-get install ffmpeg)");
            }
            if (code != 0) {
                return fail(command + " failed with exit code " + code + ": "
                        + new String(stderr, StandardCharsets.UTF_8));
            }
            return new String(stdout, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return fail("cannot run " + command.get(0) + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while running " + command.get(0));
        }
    }
}
