package io.github.rtmpflow.server.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.flv.FlvTag;
import io.github.rtmpflow.flv.SubscribeOptions;
import io.github.rtmpflow.server.RtmpServer;
import io.github.rtmpflow.server.testing.TestServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The real FFmpeg publishing through a connection that breaks in the middle of an RTMP message
 * (no unpublish, no end of stream): the subscriber gets the tags before the break, unaltered,
 * and the recording ends at the last whole tag and is, for FFmpeg, the first packets of the
 * source.
 */
class AbruptDisconnectInteropTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    /** About half of the 4 s source: the break falls in the middle of the stream. */
    private static final long CUT_AFTER_BYTES = 40_000;

    @Test
    void shouldKeepEveryWholeTagBeforeAnFfmpegConnectionBreaksMidMessage() throws Exception {
        ExternalTool.require("ffmpeg");
        Path source = TestMedia.h264Aac();
        Path records = TestPaths.freshDirectory("interop-records", "cut");
        CollectingSubscriber subscriber = new CollectingSubscriber("cut");
        RtmpServer server = TestServers.builder()
                .recordDirectory(records)
                .onPublish(stream -> stream.subscribe(subscriber, SubscribeOptions.defaults().withName("collector")))
                .start();
        long delivered;
        try (CuttingProxy proxy = new CuttingProxy(server.localAddress(), CUT_AFTER_BYTES)) {
            // FFmpeg's own exit status says nothing here: without -re the whole file may sit in
            // socket buffers before the cut, and it exits 0 having "sent" it.
            Publishers.ffmpeg("ffmpeg-cut", source, "rtmp://127.0.0.1:" + proxy.port() + "/live/cam");
            delivered = proxy.cut().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            subscriber.awaitEnd(DEADLINE);
        } finally {
            server.close();
        }
        Path recording = records.resolve("live/cam.flv");
        Recordings.awaitFinished(recording, DEADLINE);

        List<FlvTag> sent = MediaTags.read(source);
        assertThat(delivered).isGreaterThan(CUT_AFTER_BYTES);
        MediaTags.assertPrefix("subscriber", sent, subscriber.mediaTags(), 20);
        assertThat(subscriber.mediaTags().size()).isLessThan(sent.size());
        MediaTags.assertSame("recording", MediaTags.rebased(subscriber.mediaTags()), MediaTags.read(recording));
        FrameMd5 recorded = FrameMd5.of(recording);
        FrameMd5.of(source).assertPrefixIs(recorded, 20);
        assertThat(Ffprobe.assertReadable(recording)).isEqualTo(recorded.packets().size());
    }
}
