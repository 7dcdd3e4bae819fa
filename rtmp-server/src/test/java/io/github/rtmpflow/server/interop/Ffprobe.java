package io.github.rtmpflow.server.interop;

import java.nio.file.Path;
import java.time.Duration;

/** Asks the real {@code ffprobe} whether a file is readable. */
public final class Ffprobe {

    private Ffprobe() {
    }

    /**
     * Fails unless ffprobe reads every packet of {@code file} with exit status 0 and without
     * a single error or warning line.
     *
     * @return the number of packets ffprobe read
     */
    public static int assertReadable(Path file) {
        ExternalTool.Result result = ExternalTool.run("ffprobe", Duration.ofSeconds(60),
                "ffprobe", "-hide_banner", "-v", "warning", "-show_packets", "-of", "csv=p=0",
                file.toString()).assertSuccess();
        if (!result.stderrText().isBlank()) {
            throw new AssertionError(result.describe("warned reading " + file));
        }
        return (int) result.stdoutText().lines().filter(line -> !line.isBlank()).count();
    }

    /**
     * Decodes every frame of the first stream of {@code mediaType} ({@code v} or {@code a}) in
     * {@code file} and returns how many there were; fails on any decoding error.
     */
    public static int decodedFrames(Path file, String mediaType) {
        ExternalTool.Result result = ExternalTool.run("ffprobe-count-" + mediaType, Duration.ofSeconds(60),
                "ffprobe", "-hide_banner", "-v", "error", "-select_streams", mediaType + ":0", "-count_frames",
                "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", file.toString()).assertSuccess();
        if (!result.stderrText().isBlank()) {
            throw new AssertionError(result.describe("reported errors decoding " + file));
        }
        return Integer.parseInt(result.stdoutText().trim());
    }
}
