package io.github.rtmpflow.server.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.core.chunk.RawMessage;
import io.github.rtmpflow.flv.FlvReader;
import io.github.rtmpflow.flv.FlvTag;
import io.github.rtmpflow.flv.SubscribeOptions;
import io.github.rtmpflow.server.LiveStream;
import io.github.rtmpflow.server.RtmpServer;
import io.github.rtmpflow.server.ServerLimits;
import io.github.rtmpflow.server.ServerTimeouts;
import io.github.rtmpflow.server.client.RtmpClient;
import io.github.rtmpflow.server.interop.Ffprobe;
import io.github.rtmpflow.server.interop.MediaTags;
import io.github.rtmpflow.server.interop.Recordings;
import io.github.rtmpflow.server.interop.TestMedia;
import io.github.rtmpflow.server.testing.CollectingSubscriber;
import io.github.rtmpflow.server.testing.LogFile;
import io.github.rtmpflow.server.testing.Poll;
import io.github.rtmpflow.server.testing.RawPeer;
import io.github.rtmpflow.server.testing.TestServers;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults around a publisher whose stream is recorded: it is killed mid-message, its network is
 * cut without FIN, the disk fills up, the server closes under it. After each, the recording ends
 * at a whole tag, holds exactly the tags the server read, and the real ffprobe reads it; the
 * other stream and subscribers go on. The publisher sends FFmpeg-made H.264 + AAC
 * ({@link TestMedia}) so ffprobe has real media to read.
 */
class FaultsTest {

    private static final Duration FINISH_DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path recordings;

    @Test
    void shouldKeepWholeTagsWhenThePublisherIsKilledMidMessage() throws Exception {
        List<FlvTag> media = realMedia();
        int whole = media.size() / 2;
        HostileInputTest.run(ServerLimits.DEFAULTS, recordings, ctx -> {
            RawPeer victim = RawPeer.open(ctx.port());
            int streamId = Wire.publish(victim, "live", "victim");
            LiveStream stream = ctx.server().stream("live", "victim").orElseThrow();
            for (FlvTag tag : media.subList(0, whole)) {
                victim.send(asMessage(tag, streamId));
            }
            // The first chunk of the next tag only, then the process dies: the kernel sends FIN.
            FlvTag next = media.get(whole);
            byte[] body = new byte[next.size()];
            next.payload().get(0, body);
            victim.sendRaw(Wire.fmt0(6, body.length, next.type().id(), streamId, Arrays.copyOf(body, 128)));
            Poll.until("the whole tags read", () -> stream.statistics().tags() == whole);
            victim.close();
            Poll.until("the victim stream to end", () -> ctx.server().stream("live", "victim").isEmpty());
        });
        assertRecordingHolds(recordings.resolve("live/victim.flv"), media.subList(0, whole));
    }

    @Test
    void shouldCloseAndFinishTheRecordingWhenTheNetworkIsCutWithoutFin() throws Exception {
        List<FlvTag> media = realMedia();
        int before = media.size() / 2;
        HostileInputTest.run(ServerLimits.DEFAULTS, recordings, ctx -> {
            try (BlackholeProxy proxy = new BlackholeProxy(ctx.server().localAddress());
                    RtmpClient victim = RtmpClient.connect("rtmp://127.0.0.1:" + proxy.port() + "/live")) {
                victim.publish("victim");
                LiveStream stream = ctx.server().stream("live", "victim").orElseThrow();
                for (FlvTag tag : media.subList(0, before)) {
                    victim.send(tag);
                }
                Poll.until("the tags before the cut read", () -> stream.statistics().tags() == before);
                proxy.cut();
                for (FlvTag tag : media.subList(before, media.size())) {
                    victim.send(tag); // into the void
                }
                // Only silence reaches the server: its idle timeout is what ends the session.
                ctx.advance(ServerTimeouts.DEFAULTS.idle().plusSeconds(2));
                Poll.until("the victim stream to end", () -> ctx.server().stream("live", "victim").isEmpty());
                ctx.awaitLog(proxy.upstreamLocalPort(), "sent nothing for");
                victim.abort();
            }
        });
        assertRecordingHolds(recordings.resolve("live/victim.flv"), media.subList(0, before));
    }

    @Test
    void shouldStopOnlyTheRecordingWhenTheDiskIsFull() throws Exception {
        List<FlvTag> media = realMedia();
        Path disk = recordings.resolve("disk");
        Files.createDirectories(disk);
        // A real ENOSPC: a 48 KiB tmpfs, smaller than the 83 KB of the publisher's media.
        Tmpfs.mount(disk, "48k");
        try {
            fillTheDisk(disk, media);
        } finally {
            Tmpfs.unmount(disk);
        }
    }

    private void fillTheDisk(Path disk, List<FlvTag> media) throws Exception {
        CollectingSubscriber subscriber = new CollectingSubscriber();
        RtmpServer server = TestServers.builder().recordDirectory(disk).start();
        try (RtmpClient victim = RtmpClient.connect(TestServers.url(server, "live"))) {
            server.subscribe("live", "victim", subscriber, SubscribeOptions.defaults());
            victim.publish("victim");
            LiveStream stream = server.stream("live", "victim").orElseThrow();
            for (FlvTag tag : media) {
                victim.send(tag);
            }
            Poll.until("every tag read", () -> stream.statistics().tags() == media.size());
            assertThat(stream.isLive()).as("the stream goes on after the recording failed").isTrue();
            // The subscriber gets every tag, byte-identical, also those after the disk filled up.
            Poll.until("the subscriber to get every tag", () -> subscriber.tags().size() == media.size());
            MediaTags.assertSame("subscriber", MediaTags.media(media), MediaTags.media(subscriber.tags()));
            victim.unpublish();
            Poll.until("the victim stream to end", () -> server.stream("live", "victim").isEmpty());
        } finally {
            server.close();
        }
        assertThat(LogFile.read()).contains("victim.flv] recording stopped after")
                .contains("java.io.IOException: No space left on device");
        Path file = disk.resolve("live/victim.flv");
        List<FlvTag> recorded = readWholeTags(file);
        assertThat(recorded.size()).as("tags recorded before the disk filled up").isBetween(1, media.size() - 1);
        MediaTags.assertSame("recording", MediaTags.rebased(MediaTags.media(media).subList(0, recorded.size())),
                recorded);
        assertThat(Ffprobe.assertReadable(copyOffTheFullDisk(file))).isPositive();
    }

    @Test
    void shouldFinishTheRecordingWhenTheServerClosesDuringPublishing() throws Exception {
        List<FlvTag> media = realMedia();
        int before = media.size() / 2;
        CollectingSubscriber subscriber = new CollectingSubscriber();
        RtmpServer server = TestServers.builder().recordDirectory(recordings).start();
        try (RtmpClient victim = RtmpClient.connect(TestServers.url(server, "live"))) {
            server.subscribe("live", "victim", subscriber, SubscribeOptions.defaults());
            victim.publish("victim");
            LiveStream stream = server.stream("live", "victim").orElseThrow();
            for (FlvTag tag : media.subList(0, before)) {
                victim.send(tag);
            }
            Poll.until("the first half read", () -> stream.statistics().tags() == before);
            // What the command-line server's SIGTERM handler does: a graceful close.
            server.close();
            subscriber.done().get(30, TimeUnit.SECONDS);
            victim.abort();
        } finally {
            server.close();
        }
        assertThat(subscriber.tags()).hasSize(before);
        assertRecordingHolds(recordings.resolve("live/victim.flv"), media.subList(0, before));
    }

    /**
     * The file is finished (onMetaData filesize = length), ends exactly after a whole tag, holds
     * exactly {@code sent}'s tags rebased to 0, and ffprobe reads every frame without a warning.
     */
    private static void assertRecordingHolds(Path file, List<FlvTag> sent) throws IOException {
        Recordings.awaitFinished(file, FINISH_DEADLINE);
        List<FlvTag> recorded = readWholeTags(file);
        MediaTags.assertSame("recording", MediaTags.rebased(MediaTags.media(sent)), recorded);
        // ffprobe counts frames: the sequence headers are codec configuration, not packets.
        long frames = recorded.stream().filter(t -> !t.isSequenceHeader()).count();
        assertThat(Ffprobe.assertReadable(file)).isEqualTo(frames);
    }

    /** Reads every audio and video tag; fails unless the file ends right after a whole tag. */
    private static List<FlvTag> readWholeTags(Path file) throws IOException {
        List<FlvTag> media = new ArrayList<>();
        try (FlvReader reader = new FlvReader(FileChannel.open(file))) {
            for (FlvTag tag = reader.next(); tag != null; tag = reader.next()) {
                if (tag.isAudio() || tag.isVideo()) {
                    media.add(tag);
                }
            }
            assertThat(reader.offset()).as("the file ends after a whole tag").isEqualTo(Files.size(file));
        }
        return media;
    }

    /** ffprobe writes nothing, but copying keeps the test independent of the mount's lifetime. */
    private Path copyOffTheFullDisk(Path file) throws IOException {
        Path copy = recordings.resolve("victim-copy.flv");
        Files.copy(file, copy);
        return copy;
    }

    /** Every tag of FFmpeg's 4 s H.264 + AAC file, metadata first. */
    private static List<FlvTag> realMedia() throws IOException {
        List<FlvTag> tags = new ArrayList<>();
        try (FlvReader reader = new FlvReader(FileChannel.open(TestMedia.h264Aac()))) {
            for (FlvTag tag = reader.next(); tag != null; tag = reader.next()) {
                tags.add(tag);
            }
        }
        return tags;
    }

    private static RawMessage asMessage(FlvTag tag, int streamId) {
        byte[] body = new byte[tag.size()];
        tag.payload().get(0, body);
        int chunkStreamId = tag.isVideo() ? 6 : tag.isAudio() ? 4 : 5;
        return RawMessage.of(chunkStreamId, tag.timestamp(), tag.type().id(), streamId, body);
    }
}
