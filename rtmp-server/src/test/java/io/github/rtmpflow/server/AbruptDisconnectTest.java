package io.github.rtmpflow.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.core.chunk.MessageTypes;
import io.github.rtmpflow.flv.FlvTag;
import io.github.rtmpflow.flv.SubscribeOptions;
import io.github.rtmpflow.server.testing.CaptureMessages;
import io.github.rtmpflow.server.testing.CaptureMessages.MessageEnd;
import io.github.rtmpflow.server.testing.CaptureReplay;
import io.github.rtmpflow.server.testing.CollectingSubscriber;
import io.github.rtmpflow.server.testing.FlvFiles;
import io.github.rtmpflow.server.testing.TestServers;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A publisher that vanishes mid-message leaves a recording of its whole tags. */
class AbruptDisconnectTest {

    @TempDir
    Path recordings;

    @Test
    void shouldEndTheRecordingAtTheLastWholeTagWhenThePublisherVanishesMidMessage() throws Exception {
        byte[] capture = CaptureReplay.fixture("ffmpeg_publish_c2s.bin");
        List<MessageEnd> ends = CaptureMessages.of(capture);
        // Cut inside the first large video message after the middle of the capture.
        int cutIndex = 0;
        for (int i = 1; i < ends.size(); i++) {
            MessageEnd end = ends.get(i);
            if (end.offset() > capture.length / 2 && end.typeId() == MessageTypes.VIDEO && end.length() > 2000) {
                cutIndex = i;
                break;
            }
        }
        int cut = (int) (ends.get(cutIndex - 1).offset() + ends.get(cutIndex).length() / 2);
        long wholeMediaMessages = ends.subList(0, cutIndex).stream()
                .filter(e -> e.typeId() == MessageTypes.AUDIO || e.typeId() == MessageTypes.VIDEO).count();

        CollectingSubscriber subscriber = new CollectingSubscriber();
        RtmpServer server = TestServers.builder()
                .recordDirectory(recordings)
                .onPublish(stream -> stream.subscribe(subscriber, SubscribeOptions.defaults()))
                .start();
        try (CaptureReplay replay = CaptureReplay.open(server.localAddress().getPort())) {
            replay.send(capture, 0, cut, new Random(9), 4096);
            // Wait until the server read everything sent, then vanish without a goodbye.
            io.github.rtmpflow.server.testing.Poll.until("the server to read the capture",
                    () -> server.stream("live", "ffmpeg3s")
                            .map(s -> s.statistics().videoTags() + s.statistics().audioTags()).orElse(0L)
                            >= wholeMediaMessages);
            replay.close();
            subscriber.done().get(30, TimeUnit.SECONDS);
        } finally {
            server.close();
        }
        List<FlvTag> recordedMedia = FlvFiles.media(FlvFiles.read(recordings.resolve("live/ffmpeg3s.flv")));
        assertThat(recordedMedia).hasSize((int) wholeMediaMessages);
        PublishRoundTripTest.assertSameMedia(recordedMedia, FlvFiles.media(subscriber.tags()));
    }
}
