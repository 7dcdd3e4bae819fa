package io.github.rtmpflow.server.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.flv.FlvReader;
import io.github.rtmpflow.flv.FlvTag;
import io.github.rtmpflow.flv.SubscribeOptions;
import io.github.rtmpflow.flv.TagType;
import io.github.rtmpflow.server.LiveStream;
import io.github.rtmpflow.server.RtmpServer;
import io.github.rtmpflow.server.client.RtmpClient;
import io.github.rtmpflow.server.interop.ExternalTool;
import io.github.rtmpflow.server.interop.Ffprobe;
import io.github.rtmpflow.server.interop.MediaTags;
import io.github.rtmpflow.server.interop.Recordings;
import io.github.rtmpflow.server.interop.TestMedia;
import io.github.rtmpflow.server.testing.CollectingSubscriber;
import io.github.rtmpflow.server.testing.Poll;
import io.github.rtmpflow.server.testing.TestServers;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publishers whose clocks sit at the two boundaries of RTMP's timestamps: 0xFFFFFF ms (4 h 39 min,
 * where the 24-bit field gives way to the extended timestamp) and 2^32 ms (49.7 days, where the
 * 32-bit wire value wraps). Subscribers and recordings must see one monotonic timeline across
 * each. The publisher sends FFmpeg-made H.264 + AAC with shifted timestamps (the client writes
 * the low 32 bits on the wire, as an encoder whose clock wrapped does).
 */
class LongStreamTest {

    private static final long EXTENDED = 0xFFFFFFL;
    private static final long WRAP = 1L << 32;

    @TempDir
    Path recordings;

    @Test
    void shouldKeepOneTimelineAcrossTheExtendedTimestampBoundary() throws Exception {
        // The first second as it is, then a jump to 2 s before 0xFFFFFF (jumps are passed on as
        // they are): the wire crosses into extended timestamps, and so does the recording (it
        // starts at 0 already), whose tags then need FLV's upper timestamp byte.
        List<FlvTag> sent = new ArrayList<>();
        for (FlvTag tag : readAll(TestMedia.h264Aac())) {
            long t = tag.timestamp() < 1000 ? tag.timestamp() : tag.timestamp() + EXTENDED - 3000;
            sent.add(FlvTag.of(tag.type(), t, tag.payload()));
        }
        List<FlvTag> received = publishAndCollect(sent);
        assertThat(received).extracting(FlvTag::timestamp).isEqualTo(sent.stream().map(FlvTag::timestamp).toList());
        assertMonotonicPerTrack(received);

        List<FlvTag> recorded = readAll(recordings.resolve("live/long.flv"));
        assertThat(recorded).extracting(FlvTag::timestamp).isEqualTo(sent.stream().map(FlvTag::timestamp).toList());
        assertThat(recorded.get(recorded.size() - 1).timestamp()).isGreaterThan(EXTENDED);
        assertMonotonicPerTrack(recorded);
        assertSameBodies(sent, recorded);
        // ffprobe reads the upper timestamp byte too; it warns about the jump this test made, nothing else.
        ExternalTool.Result probe = ExternalTool.run("ffprobe", Duration.ofSeconds(60), "ffprobe", "-hide_banner",
                "-v", "warning", "-show_entries", "packet=dts", "-of", "csv=p=0",
                recordings.resolve("live/long.flv").toString()).assertSuccess();
        assertThat(probe.stderrText().lines().filter(l -> !l.isBlank()))
                .allMatch(l -> l.contains("DTS discontinuity"));
        long lastMedia = MediaTags.media(sent).stream().mapToLong(FlvTag::timestamp).max().orElseThrow();
        assertThat(probe.stdoutText().lines().filter(l -> !l.isBlank()).mapToLong(l -> Long.parseLong(l.strip())).max())
                .hasValue(lastMedia);
    }

    @Test
    void shouldUnwrapTheTimelineAcrossTheThirtyTwoBitWrap() throws Exception {
        List<FlvTag> sent = shifted(WRAP - 2000);
        assertThat(sent.get(sent.size() - 1).timestamp()).isGreaterThan(WRAP);
        List<FlvTag> received = publishAndCollect(sent);
        // Subscribers get the publisher's 64-bit timeline: past 2^32 it goes on, never back to 0.
        assertThat(received).extracting(FlvTag::timestamp).isEqualTo(sent.stream().map(FlvTag::timestamp).toList());
        assertMonotonicPerTrack(received);

        // The recording starts at 0 (rebased) and runs on across the wrap without a jump.
        List<FlvTag> recorded = readAll(recordings.resolve("live/long.flv"));
        long first = sent.get(0).timestamp();
        assertThat(recorded).extracting(FlvTag::timestamp)
                .isEqualTo(sent.stream().map(t -> t.timestamp() - first).toList());
        assertMonotonicPerTrack(recorded);
        assertSameBodies(sent, recorded);
        assertThat(Ffprobe.assertReadable(recordings.resolve("live/long.flv"))).isPositive();
    }

    /**
     * Each track's timeline never goes back (FFmpeg interleaves audio and video by a few
     * milliseconds, so the two tracks together need not be sorted).
     */
    private static void assertMonotonicPerTrack(List<FlvTag> tags) {
        for (TagType type : List.of(TagType.AUDIO, TagType.VIDEO)) {
            assertThat(tags).filteredOn(t -> t.type() == type).extracting(FlvTag::timestamp)
                    .as("%s timestamps", type).isSorted();
        }
    }

    private List<FlvTag> publishAndCollect(List<FlvTag> sent) throws Exception {
        CollectingSubscriber subscriber = new CollectingSubscriber();
        RtmpServer server = TestServers.builder().recordDirectory(recordings).start();
        try (RtmpClient publisher = RtmpClient.connect(TestServers.url(server, "live"))) {
            server.subscribe("live", "long", subscriber, SubscribeOptions.defaults());
            publisher.publish("long");
            LiveStream stream = server.stream("live", "long").orElseThrow();
            for (FlvTag tag : sent) {
                publisher.send(tag);
            }
            Poll.until("every tag read", () -> stream.statistics().tags() == sent.size());
            publisher.unpublish();
            Recordings.awaitFinished(recordings.resolve("live/long.flv"), Duration.ofSeconds(30));
            Poll.until("every tag received", () -> subscriber.tags().size() == sent.size());
        } finally {
            server.close();
        }
        return subscriber.tags();
    }

    /** FFmpeg's file with every timestamp moved by {@code offset}. */
    private static List<FlvTag> shifted(long offset) throws IOException {
        List<FlvTag> out = new ArrayList<>();
        for (FlvTag tag : readAll(TestMedia.h264Aac())) {
            out.add(FlvTag.of(tag.type(), tag.timestamp() + offset, tag.payload()));
        }
        return out;
    }

    private static void assertSameBodies(List<FlvTag> sent, List<FlvTag> recorded) {
        List<FlvTag> sentMedia = MediaTags.media(sent);
        List<FlvTag> recordedMedia = MediaTags.media(recorded);
        assertThat(recordedMedia).hasSameSizeAs(sentMedia);
        for (int i = 0; i < sentMedia.size(); i++) {
            assertThat(recordedMedia.get(i).payload()).as("body of media tag %d", i).isEqualTo(sentMedia.get(i).payload());
        }
    }

    private static List<FlvTag> readAll(Path file) throws IOException {
        List<FlvTag> tags = new ArrayList<>();
        try (FlvReader reader = new FlvReader(FileChannel.open(file))) {
            for (FlvTag tag = reader.next(); tag != null; tag = reader.next()) {
                tags.add(tag);
            }
        }
        return tags;
    }
}
