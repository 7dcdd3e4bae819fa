package io.github.rtmpflow.server.interop;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What FFmpeg itself reads from a media file, packet by packet, without decoding:
 * {@code ffmpeg -i FILE -map 0 -c copy -f framemd5 -}. Each packet line holds the stream index,
 * dts, pts, duration, size and the MD5 of the packet bytes; the header holds the codec
 * parameters and the MD5 of each stream's extradata (the AVC and AAC configuration records).
 *
 * @param file the file read
 * @param header the {@code #} lines except {@code #software} (the writer's version)
 * @param packets one line per packet, in file order
 */
public record FrameMd5(Path file, List<String> header, List<String> packets) {

    /** Runs FFmpeg on {@code file}; fails the test if FFmpeg reports any error. */
    public static FrameMd5 of(Path file) {
        ExternalTool.Result result = ExternalTool.run("framemd5", Duration.ofSeconds(60),
                "ffmpeg", "-hide_banner", "-nostdin", "-v", "error", "-i", file.toString(),
                "-map", "0", "-c", "copy", "-f", "framemd5", "-").assertSuccess();
        if (!result.stderrText().isBlank()) {
            throw new AssertionError(result.describe("reported errors reading " + file));
        }
        List<String> header = new ArrayList<>();
        List<String> packets = new ArrayList<>();
        for (String line : result.stdoutText().lines().toList()) {
            if (line.startsWith("#software")) {
                continue;
            }
            (line.startsWith("#") ? header : packets).add(line);
        }
        return new FrameMd5(file, List.copyOf(header), List.copyOf(packets));
    }

    /** Fails unless {@code other} has the same header and exactly the same packets. */
    public void assertSameAs(FrameMd5 other) {
        assertSameHeader(other);
        if (!packets.equals(other.packets)) {
            throw new AssertionError("packets differ between " + file + " (" + packets.size() + ") and "
                    + other.file + " (" + other.packets.size() + ")" + firstDifference(other));
        }
    }

    /**
     * Fails unless {@code other} has the same header and its packets are the first packets of
     * this file (a recording cut short by an abrupt disconnect), at least {@code minimum}.
     */
    public void assertPrefixIs(FrameMd5 other, int minimum) {
        assertSameHeader(other);
        if (other.packets.size() < minimum || other.packets.size() > packets.size()
                || !packets.subList(0, other.packets.size()).equals(other.packets)) {
            throw new AssertionError(other.file + " (" + other.packets.size() + " packets) is not a prefix of at least "
                    + minimum + " packets of " + file + " (" + packets.size() + ")" + firstDifference(other));
        }
    }

    /**
     * Fails unless {@code other} has the same packets by stream, size and MD5 of their bytes,
     * whatever their timestamps and the codec configuration: the coded frames are the same,
     * the container around them may differ (a remuxing client such as GStreamer's flvmux).
     */
    public void assertSamePayloadsAs(FrameMd5 other) {
        List<String> mine = payloads();
        List<String> theirs = other.payloads();
        if (!mine.equals(theirs)) {
            int n = Math.min(mine.size(), theirs.size());
            int i = 0;
            while (i < n && mine.get(i).equals(theirs.get(i))) {
                i++;
            }
            throw new AssertionError("packet payloads differ between " + file + " (" + mine.size() + ") and "
                    + other.file + " (" + theirs.size() + "), first at packet " + i
                    + (i < n ? ": " + mine.get(i) + " vs " + theirs.get(i) : ""));
        }
    }

    /**
     * Returns "stream,size,md5" per audio and video packet, ordered by stream then file order.
     * Other streams are left out: FFmpeg turns script tags after the first (GStreamer re-sends
     * onMetaData) into a text stream.
     */
    private List<String> payloads() {
        List<String> media = new ArrayList<>();
        for (String line : header) {
            if (line.startsWith("#media_type") && (line.endsWith(": video") || line.endsWith(": audio"))) {
                media.add(line.substring("#media_type ".length(), line.indexOf(':')).trim());
            }
        }
        List<String> result = new ArrayList<>();
        for (String line : packets) {
            String[] fields = line.split(",");
            if (media.contains(fields[0].trim())) {
                result.add(fields[0].trim() + "," + fields[4].trim() + "," + fields[5].trim());
            }
        }
        // Interleaving of audio and video may differ after remuxing; each stream's order may not.
        // A stable sort: per stream, file order is kept.
        result.sort(Comparator.comparing((String s) -> s.substring(0, s.indexOf(','))));
        return result;
    }

    private void assertSameHeader(FrameMd5 other) {
        if (!header.equals(other.header)) {
            throw new AssertionError("stream parameters differ between " + file + " and " + other.file
                    + "\n  " + String.join("\n  ", header) + "\n  versus\n  " + String.join("\n  ", other.header));
        }
    }

    private String firstDifference(FrameMd5 other) {
        int n = Math.min(packets.size(), other.packets.size());
        for (int i = 0; i < n; i++) {
            if (!packets.get(i).equals(other.packets.get(i))) {
                return "\n  first difference at packet " + i + ":\n  " + packets.get(i) + "\n  " + other.packets.get(i);
            }
        }
        return "\n  identical for the first " + n + " packets";
    }
}
