package io.github.rtmpflow.server.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Source FLV files made by the real FFmpeg, once per build directory, under
 * {@code target/test-media/}: 4 s of 640x360@30 test pattern as H.264 with B-frames (so
 * composition time offsets are non-zero) and a 440 Hz tone as AAC or MP3.
 *
 * <p>A file is reused while the command that made it is unchanged (its {@code .cmd} file
 * says which); it is written to a temporary name and moved into place, so concurrent test
 * JVMs never read half a file.
 */
public final class TestMedia {

    private static final List<String> VIDEO_INPUT = List.of(
            "-f", "lavfi", "-i", "testsrc=size=640x360:rate=30");
    private static final List<String> VIDEO_CODEC = List.of(
            "-c:v", "libx264", "-bf", "2", "-g", "30", "-pix_fmt", "yuv420p");

    private TestMedia() {
    }

    /** Returns 4 s of H.264 (B-frames, GOP 30) + AAC 48 kHz mono in FLV. */
    public static Path h264Aac() {
        List<String> args = new ArrayList<>(VIDEO_INPUT);
        args.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "4"));
        args.addAll(VIDEO_CODEC);
        args.addAll(List.of("-c:a", "aac", "-ar", "48000"));
        return generate("h264-aac.flv", args);
    }

    /**
     * Returns 4 s of H.264 (B-frames, GOP 30) + MP3 44.1 kHz mono in FLV (FLV's audio header
     * cannot say 48 kHz for MP3, so FFmpeg's FLV muxer refuses it).
     */
    public static Path h264Mp3() {
        List<String> args = new ArrayList<>(VIDEO_INPUT);
        args.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-t", "4"));
        args.addAll(VIDEO_CODEC);
        args.addAll(List.of("-c:a", "libmp3lame", "-ar", "44100"));
        return generate("h264-mp3.flv", args);
    }

    private static synchronized Path generate(String fileName, List<String> encodeArgs) {
        Path dir = TestPaths.target().resolve("test-media");
        Path file = dir.resolve(fileName);
        Path commandFile = dir.resolve(fileName + ".cmd");
        String command = String.join(" ", encodeArgs);
        try {
            Files.createDirectories(dir);
            if (Files.isRegularFile(file) && Files.isRegularFile(commandFile)
                    && Files.readString(commandFile, StandardCharsets.UTF_8).equals(command)) {
                return file;
            }
            Path temporary = Files.createTempFile(dir, fileName + "-", ".partial");
            List<String> full = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostdin", "-y"));
            full.addAll(encodeArgs);
            full.addAll(List.of("-f", "flv", temporary.toString()));
            ExternalTool.run("make-" + fileName, Duration.ofSeconds(60), full.toArray(String[]::new)).assertSuccess();
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(commandFile, command, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make test media " + file, e);
        }
    }
}
