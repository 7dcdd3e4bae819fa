package io.github.rtmpflow.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.core.RtmpLimits;
import io.github.rtmpflow.core.chunk.ChunkDecoder;
import io.github.rtmpflow.core.chunk.MessageTypes;
import io.github.rtmpflow.core.chunk.RawMessage;
import io.github.rtmpflow.core.session.ClientCapabilities;
import io.github.rtmpflow.flv.AudioCodec;
import io.github.rtmpflow.flv.FlvTag;
import io.github.rtmpflow.flv.SubscribeOptions;
import io.github.rtmpflow.flv.TagFanout;
import io.github.rtmpflow.flv.TagType;
import io.github.rtmpflow.flv.VideoCodec;
import io.github.rtmpflow.server.testing.CaptureMessages;
import io.github.rtmpflow.server.testing.CaptureReplay;
import io.github.rtmpflow.server.testing.CollectingSubscriber;
import io.github.rtmpflow.server.testing.FlvFiles;
import io.github.rtmpflow.server.testing.TestServers;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * FFmpeg 7.1's Enhanced RTMP publishes (HEVC and AV1 with AAC, captured on loopback), replayed
 * through the server: the stream's codecs and resolution are detected, every audio and video
 * message reaches a subscriber byte for byte with its timestamp, and the recording holds the same
 * tags. The capture is decoded here independently of the server's pipeline (a bare chunk decoder
 * over the captured bytes) to know what the encoder sent.
 */
class EnhancedCaptureTest {

    @TempDir
    Path recordings;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "ffmpeg71_hevc_publish_c2s.bin, hevc, HEVC, 640, 360",
        "ffmpeg71_av1_publish_c2s.bin, av1, AV1, 640, 360",
    })
    void shouldDetectTheCodecsAndKeepEveryEnhancedTagByteForByte(String fixture, String name, VideoCodec codec,
            int width, int height) throws Exception {
        byte[] capture = CaptureReplay.fixture(fixture);
        List<FlvTag> sent = mediaMessages(capture);
        CollectingSubscriber subscriber = new CollectingSubscriber();
        CompletableFuture<LiveStream> ended = new CompletableFuture<>();
        RtmpServer server = TestServers.builder()
                .recordDirectory(recordings)
                .onPublish(stream -> stream.subscribe(subscriber, SubscribeOptions.defaults()))
                .onUnpublish(ended::complete)
                .start();
        try (CaptureReplay replay = CaptureReplay.open(server.localAddress().getPort())) {
            replay.send(capture, 0, capture.length, new Random(name.hashCode()), 4096);
            replay.finishSending();
            replay.serverClosed().get(30, TimeUnit.SECONDS);
            List<FlvTag> received = FlvFiles.media(subscriber.done().get(30, TimeUnit.SECONDS));
            StreamStatistics statistics = ended.get(30, TimeUnit.SECONDS).statistics();

            assertThat(statistics.videoCodec()).isEqualTo(codec);
            assertThat(statistics.audioCodec()).isEqualTo(AudioCodec.AAC);
            assertThat(statistics.width()).isEqualTo(width);
            assertThat(statistics.height()).isEqualTo(height);
            assertThat(statistics.videoTracks()).isEqualTo(Map.of(0, codec));
            assertThat(statistics.audioTracks()).isEqualTo(Map.of(0, AudioCodec.AAC));
            assertThat(statistics.keyframes()).isPositive();
            assertThat(statistics.publisherCapabilities()).as("FFmpeg 7.1 announces nothing by default")
                    .isEqualTo(ClientCapabilities.NONE);
            assertThat(received.get(0).isSequenceHeader()).isTrue();
            assertThat(received.stream().filter(FlvTag::isKeyframe).count()).isEqualTo(statistics.keyframes());
            PublishRoundTripTest.assertSameTags(received, sent);
            List<FlvTag> recorded = FlvFiles.media(FlvFiles.read(recordings.resolve("live/" + name + ".flv")));
            PublishRoundTripTest.assertSameMedia(recorded, received);
        } finally {
            server.close();
        }
    }

    @ParameterizedTest(name = "{0}, GOP replay {1}")
    @CsvSource({
        "ffmpeg71_hevc_publish_c2s.bin, false",
        "ffmpeg71_hevc_publish_c2s.bin, true",
        "ffmpeg71_av1_publish_c2s.bin, false",
        "ffmpeg71_av1_publish_c2s.bin, true",
    })
    void shouldStartALateJoinerWithTheSequenceHeadersAndMetadataThenAKeyframe(String fixture, boolean replayGop) {
        List<FlvTag> tags = mediaMessages(CaptureReplay.fixture(fixture));
        int half = tags.size() / 2;
        TagFanout fanout = new TagFanout("live/late");
        tags.subList(0, half).forEach(fanout::publish);
        CollectingSubscriber late = new CollectingSubscriber();
        fanout.subscribe(late, SubscribeOptions.defaults().withExecutor(SubscribeOptions.CALLER_THREAD)
                .withReplayGop(replayGop));
        tags.subList(half, tags.size()).forEach(fanout::publish);

        List<FlvTag> got = late.tags();
        assertThat(got.get(0)).as("video sequence header").isSameAs(tags.get(firstIndex(tags, t -> t.isVideo()
                && t.isSequenceHeader())));
        assertThat(got.get(1)).as("audio sequence header").isSameAs(tags.get(firstIndex(tags, t -> t.isAudio()
                && t.isSequenceHeader())));
        // Then FFmpeg's latest video Metadata packet (colorInfo-style state), then a keyframe.
        FlvTag latestConfiguration = null;
        for (FlvTag tag : tags.subList(0, half)) {
            latestConfiguration = tag.isTrackConfiguration() ? tag : latestConfiguration;
        }
        assertThat(latestConfiguration).as("FFmpeg 7.1 sends video Metadata packets").isNotNull();
        assertThat(got.get(2)).isSameAs(latestConfiguration);
        FlvTag start = got.get(3);
        assertThat(start.isKeyframe()).isTrue();
        int from = tags.indexOf(start);
        assertThat(from).as("a GOP replay starts before the join, otherwise after it")
                .matches(i -> replayGop ? i < half : i >= half);
        List<FlvTag> expected = new ArrayList<>();
        for (int i = from; i < tags.size(); i++) {
            // Track configuration is not part of a replayed GOP: it was replayed as state above.
            if (i >= half || !tags.get(i).isTrackConfiguration()) {
                expected.add(tags.get(i));
            }
        }
        assertThat(got.subList(3, got.size())).containsExactlyElementsOf(expected);
    }

    private static int firstIndex(List<FlvTag> tags, Predicate<FlvTag> p) {
        for (int i = 0; i < tags.size(); i++) {
            if (p.test(tags.get(i))) {
                return i;
            }
        }
        throw new AssertionError("no such tag");
    }

    /** The audio and video messages of a captured client stream, as tags, decoded directly. */
    static List<FlvTag> mediaMessages(byte[] capture) {
        List<FlvTag> tags = new ArrayList<>();
        ChunkDecoder decoder = new ChunkDecoder(RtmpLimits.DEFAULTS, message -> {
            addMedia(tags, message);
            return true;
        });
        decoder.feed(ByteBuffer.wrap(capture, CaptureMessages.HANDSHAKE_LENGTH,
                capture.length - CaptureMessages.HANDSHAKE_LENGTH));
        assertThat(decoder.failed()).as("capture decodes").isFalse();
        return tags;
    }

    private static void addMedia(List<FlvTag> tags, RawMessage message) {
        if (message.typeId() == MessageTypes.VIDEO) {
            tags.add(FlvTag.of(TagType.VIDEO, message.timestamp(), message.payload()));
        } else if (message.typeId() == MessageTypes.AUDIO) {
            tags.add(FlvTag.of(TagType.AUDIO, message.timestamp(), message.payload()));
        }
    }
}
