package io.github.rtmpflow.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.core.amf.AmfObject;
import io.github.rtmpflow.core.message.CommandMessage;
import io.github.rtmpflow.core.session.Commands;
import io.github.rtmpflow.core.session.EnhancedRtmp;
import io.github.rtmpflow.core.session.StatusCodes;
import io.github.rtmpflow.flv.FlvTag;
import io.github.rtmpflow.server.client.RtmpClient;
import io.github.rtmpflow.server.testing.CaptureReplay;
import io.github.rtmpflow.server.testing.EnhancedTags;
import io.github.rtmpflow.server.testing.RawPlayer;
import io.github.rtmpflow.server.testing.TestServers;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RTMP players of Enhanced RTMP streams, over sockets: a player that announced capsEx
 * Multitrack gets a multitrack stream as published, byte for byte; a player that did not (every
 * legacy player) gets the default track in the plain single-track form, byte-identical to the
 * single-track original. Both join before the publisher, so they receive everything.
 */
class EnhancedPlaybackTest {

    private static List<FlvTag> original() {
        return EnhancedCaptureTest.mediaMessages(CaptureReplay.fixture("ffmpeg71_hevc_publish_c2s.bin"));
    }

    private static List<FlvTag> twoTracks(List<FlvTag> original) {
        List<FlvTag> out = new ArrayList<>();
        for (FlvTag tag : original) {
            out.add(tag.isVideo() && (tag.byteAt(0) & 0x0F) <= 3 ? EnhancedTags.twoTracks(tag) : tag);
        }
        return out;
    }

    /** connect (announcing {@code capsEx}), createStream, play {@code name}. */
    private static void play(RawPlayer player, int capsEx, String name) throws Exception {
        AmfObject object = AmfObject.builder().put("app", "live").put("tcUrl", "rtmp://127.0.0.1/live")
                .put(EnhancedRtmp.CAPS_EX, capsEx).build();
        player.send(Commands.connect(1, object), 3, 0);
        player.await("connect _result", r -> r.message() instanceof CommandMessage c && c.name().equals("_result")
                && c.transactionId() == 1);
        player.send(Commands.createStream(2), 3, 0);
        RawPlayer.Received created = player.await("createStream _result", r -> r.message() instanceof CommandMessage c
                && c.name().equals("_result") && c.transactionId() == 2);
        int streamId = (int) ((CommandMessage) created.message()).arguments().get(0).asNumber();
        player.send(Commands.play(0, name, -2), 8, streamId);
        player.awaitStatus(StatusCodes.PLAY_START);
    }

    @Test
    void shouldServeMultitrackAsPublishedOnlyToPlayersThatAnnouncedMultitrack() throws Exception {
        List<FlvTag> original = original();
        List<FlvTag> published = twoTracks(original);
        try (RtmpServer server = TestServers.builder().start();
                RawPlayer multitrack = RawPlayer.open(server.localAddress().getPort());
                RawPlayer legacy = RawPlayer.open(server.localAddress().getPort())) {
            multitrack.resumeReading();
            legacy.resumeReading();
            play(multitrack, EnhancedRtmp.CAPS_EX_MULTITRACK, "multi");
            play(legacy, 0, "multi");
            try (RtmpClient publisher = RtmpClient.connect(TestServers.url(server, "live"))) {
                publisher.publish("multi");
                for (FlvTag tag : published) {
                    publisher.send(tag);
                }
            }
            multitrack.awaitStatus(StatusCodes.PLAY_UNPUBLISH_NOTIFY);
            legacy.awaitStatus(StatusCodes.PLAY_UNPUBLISH_NOTIFY);

            assertSameBodies(multitrack.media(), published);
            assertSameBodies(legacy.media(), original);
        }
    }

    private static void assertSameBodies(List<FlvTag> received, List<FlvTag> expected) {
        assertThat(received).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(received.get(i).type()).as("type of tag %d", i).isEqualTo(expected.get(i).type());
            assertThat(received.get(i).payload()).as("body of tag %d", i).isEqualTo(expected.get(i).payload());
        }
    }
}
