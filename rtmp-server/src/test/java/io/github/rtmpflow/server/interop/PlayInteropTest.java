package io.github.rtmpflow.server.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.flv.FlvReader;
import io.github.rtmpflow.flv.FlvTag;
import io.github.rtmpflow.server.RtmpServer;
import io.github.rtmpflow.server.client.RtmpClient;
import io.github.rtmpflow.server.testing.LogFile;
import io.github.rtmpflow.server.testing.Poll;
import io.github.rtmpflow.server.testing.TestServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Real RTMP players against rtmpflow: FFmpeg, ffprobe, rtmpdump, GStreamer rtmp2src and librtmp's
 * rtmpsrc. rtmpflow's own client publishes a real FFmpeg-made FLV (H.264 with B-frames, AAC; a
 * keyframe every second); each player joins after 1.5 s of it has been published, the rest
 * follows, then the publisher leaves. What the player wrote must be the sequence headers and then
 * a contiguous, byte-identical run of the published audio and video tags starting at the cached
 * keyframe (1 s), with the same intervals between timestamps, and the player must end by itself
 * when the publisher leaves (NetStream.Play.UnpublishNotify / StreamEOF), librtmp's rtmpsrc
 * excepted (it reconnects, so the test stops it).
 */
class PlayInteropTest {

    private static final Duration BUDGET = Duration.ofSeconds(60);
    private static final long JOIN_AT_MILLIS = 1500;
    private static final java.util.function.Supplier<List<FlvTag>> SOURCE = () -> {
        try {
            return readAll(TestMedia.h264Aac());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    };

    @Test
    void shouldServeFfmpegAContiguousByteIdenticalRunFromTheCachedKeyframe() throws Exception {
        Path out = TestPaths.freshDirectory("play", "ffmpeg").resolve("out.flv");
        Result r = play("ffmpeg", JOIN_AT_MILLIS, url -> new String[] {"ffmpeg", "-hide_banner", "-nostdin",
            "-v", "warning", "-i", url, "-c", "copy", "-f", "flv", out.toString()}, out, false);

        r.run().assertSuccess();
        assertContiguousRun("ffmpeg", SOURCE.get(), r.expected(), MediaTags.read(out), 0);
        assertThat(Ffprobe.assertReadable(out)).isEqualTo(r.expected().size());
        // What FFmpeg itself reads back, packet by packet: per stream, the end of the source.
        FrameMd5 source = FrameMd5.of(TestMedia.h264Aac());
        FrameMd5 received = FrameMd5.of(out);
        assertThat(received.header()).isEqualTo(source.header());
        for (String stream : List.of("0", "1")) {
            List<String> all = sizeAndMd5(source, stream);
            List<String> tail = sizeAndMd5(received, stream);
            assertThat(tail).as("stream " + stream).isNotEmpty().isEqualTo(all.subList(all.size() - tail.size(), all.size()));
        }
    }

    @Test
    void shouldLetFfprobeReadTheLiveStream() throws Exception {
        Result r = play("ffprobe", JOIN_AT_MILLIS, url -> new String[] {"ffprobe", "-hide_banner", "-v", "error",
            "-show_entries", "stream=codec_name,width,height,sample_rate", "-of", "csv=p=0", url}, null, false);

        String streams = r.run().assertSuccess().stdoutText();
        assertThat(streams.lines()).contains("h264,640,360", "aac,48000");
    }

    @Test
    void shouldServeRtmpdumpAContiguousByteIdenticalRun() throws Exception {
        Path out = TestPaths.freshDirectory("play", "rtmpdump").resolve("out.flv");
        // Joins before the publisher: it waits (NetStream.Play.PublishNotify) and gets the whole stream.
        Result r = play("rtmpdump", -1, url -> new String[] {"rtmpdump", "--live", "-r", url,
            "-o", out.toString()}, out, false);

        // rtmpdump ends with status 2 ("Download may be incomplete") when what it got is shorter
        // than 99.9 % of the duration in onMetaData: a file published as is announces its length
        // including the last frame's duration (4.07 s for 4.06 s of timestamps).
        if (r.run().exitCode() != 2 || !r.run().stderrText().contains("Download may be incomplete (downloaded about 99.")) {
            r.run().assertSuccess();
        }
        assertContiguousRun("rtmpdump", SOURCE.get(), r.expected(), MediaTags.read(out), 0);
    }

    @Test
    void shouldServeGstreamerRtmp2srcAContiguousByteIdenticalRun() throws Exception {
        ExternalTool.requireGstElement("rtmp2src");
        Path out = TestPaths.freshDirectory("play", "rtmp2src").resolve("out.flv");
        Result r = play("rtmp2src", JOIN_AT_MILLIS, url -> new String[] {"gst-launch-1.0", "-q", "rtmp2src",
            "location=" + url, "!", "filesink", "location=" + out}, out, false);

        r.run().assertSuccess();
        // rtmp2src hands messages to its streaming thread one at a time and stops at StreamEOF:
        // the message in hand then may be lost.
        assertContiguousRun("rtmp2src", SOURCE.get(), r.expected(), MediaTags.read(out), 1);
    }

    @Test
    void shouldServeGstreamerRtmpsrcAContiguousByteIdenticalRun() throws Exception {
        ExternalTool.requireGstElement("rtmpsrc");
        Path out = TestPaths.freshDirectory("play", "rtmpsrc").resolve("out.flv");
        Result r = play("rtmpsrc", JOIN_AT_MILLIS, url -> new String[] {"gst-launch-1.0", "-q", "rtmpsrc",
            "location=" + url, "!", "filesink", "buffer-mode=unbuffered", "location=" + out}, out, true);

        assertContiguousRun("rtmpsrc", SOURCE.get(), r.expected(), MediaTags.read(out), 0);
    }

    /** What a scenario produced: the player's run and the tags it should have received. */
    private record Result(ExternalTool.Result run, List<FlvTag> expected) {
    }

    /**
     * Plays {@code live/<label>} with {@code player}: it joins after the source was published up
     * to {@code joinAtMillis} (or, when negative, before the publisher starts), the rest follows
     * once the server has attached it, then the publisher leaves; waits for the player to end
     * (or, with {@code stopWhenComplete}, for {@code out} to hold every expected tag, and stops it).
     */
    private static Result play(String label, long joinAtMillis, Function<String, String[]> player, Path out,
            boolean stopWhenComplete) throws Exception {
        List<FlvTag> source = readAll(TestMedia.h264Aac());
        List<FlvTag> expected = expectedFrames(source, joinAtMillis);
        try (RtmpServer server = TestServers.builder().start()) {
            String url = TestServers.url(server, "live") + "/" + label;
            ExternalTool.Running running = null;
            if (joinAtMillis < 0) {
                running = ExternalTool.start(label, BUDGET, player.apply(url));
                awaitAttached(label, running);
            }
            try (RtmpClient publisher = RtmpClient.connect(TestServers.url(server, "live"))) {
                publisher.publish(label);
                int next = 0;
                while (running == null && next < source.size() && source.get(next).timestamp() < joinAtMillis) {
                    publisher.send(source.get(next++));
                }
                if (running == null) {
                    running = ExternalTool.start(label, BUDGET, player.apply(url));
                    awaitAttached(label, running);
                }
                for (; next < source.size(); next++) {
                    publisher.send(source.get(next));
                }
            }
            if (stopWhenComplete) {
                int count = expected.size() + 2;
                Poll.until(label + " to write every tag", () -> Files.exists(out) && readMedia(out) >= count);
                running.close();
            }
            return new Result(running.await(), expected);
        }
    }

    /** Waits until the server logged that it attached the player of {@code live/<label>} (or the player died). */
    private static void awaitAttached(String label, ExternalTool.Running running) {
        Poll.until(label + " to be attached", () -> !running.isAlive() || log().contains("playing live/" + label));
    }

    private static String log() {
        try {
            return LogFile.read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The published audio and video frames a player must receive: all of them when it joined
     * first, else those from the cached keyframe on (the last keyframe published before it joined).
     * Sequence ends are left out: librtmp and rtmp2src do not write them, FFmpeg writes its own.
     */
    private static List<FlvTag> expectedFrames(List<FlvTag> source, long joinAtMillis) {
        int keyframe = 0;
        for (int i = 0; i < source.size() && source.get(i).timestamp() < joinAtMillis; i++) {
            if (source.get(i).isKeyframe()) {
                keyframe = i;
            }
        }
        if (joinAtMillis >= 0) {
            assertThat(source.get(keyframe).timestamp()).isPositive();
        }
        return source.subList(keyframe, source.size()).stream().filter(PlayInteropTest::isFrame).toList();
    }

    private static boolean isFrame(FlvTag t) {
        return (t.isAudio() || t.isVideo()) && !t.isSequenceHeader() && !t.isSequenceEnd();
    }

    /**
     * Fails unless {@code received} holds the source's sequence headers and then exactly the
     * {@code expected} frames (bytes, order, intervals between timestamps), except that up to
     * {@code mayLoseAtEnd} of the last ones may be missing.
     */
    private static void assertContiguousRun(String what, List<FlvTag> source, List<FlvTag> expected,
            List<FlvTag> received, int mayLoseAtEnd) {
        List<FlvTag> headers = received.stream().filter(FlvTag::isSequenceHeader).toList();
        List<FlvTag> frames = received.stream().filter(PlayInteropTest::isFrame).toList();
        List<FlvTag> expectedHeaders = source.stream().filter(FlvTag::isSequenceHeader).toList();
        assertThat(headers).as(what + " sequence headers").hasSize(expectedHeaders.size());
        for (int i = 0; i < headers.size(); i++) {
            assertThat(headers.get(i).payload()).as(what + " sequence header " + i)
                    .isEqualTo(expectedHeaders.get(i).payload());
        }
        FlvTag firstVideo = frames.stream().filter(FlvTag::isVideo).findFirst().orElseThrow();
        assertThat(firstVideo.isKeyframe()).as(what + " starts at a keyframe").isTrue();
        MediaTags.assertPrefix(what, MediaTags.rebased(expected), MediaTags.rebased(frames),
                expected.size() - mayLoseAtEnd);
    }

    /** The "size, md5" of each packet of one stream, in file order. */
    private static List<String> sizeAndMd5(FrameMd5 frames, String stream) {
        List<String> result = new ArrayList<>();
        for (String line : frames.packets()) {
            String[] fields = line.split(",");
            if (fields[0].trim().equals(stream)) {
                result.add(fields[4].trim() + "," + fields[5].trim());
            }
        }
        return result;
    }

    private static int readMedia(Path flv) {
        try {
            return MediaTags.read(flv).size();
        } catch (UncheckedIOException | IllegalStateException e) {
            return 0; // a tag still being written
        }
    }

    private static List<FlvTag> readAll(Path flv) throws IOException {
        List<FlvTag> tags = new ArrayList<>();
        try (FlvReader reader = new FlvReader(FileChannel.open(flv))) {
            for (FlvTag tag = reader.next(); tag != null; tag = reader.next()) {
                tags.add(tag);
            }
        }
        return tags;
    }
}
