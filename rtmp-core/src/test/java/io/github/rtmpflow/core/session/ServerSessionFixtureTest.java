package io.github.rtmpflow.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.core.ProtocolException;
import io.github.rtmpflow.core.amf.AmfNull;
import io.github.rtmpflow.core.amf.AmfObject;
import io.github.rtmpflow.core.chunk.RawMessage;
import io.github.rtmpflow.core.message.CommandMessage;
import io.github.rtmpflow.core.message.FixtureMessages;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each real client's captured session (fixtures/README.md) replayed into a ServerSession that
 * accepts everything: the replies are the ones PROTOCOL.md lists, in order, and every media and
 * data message is routed to the publish.
 */
class ServerSessionFixtureTest {

    private static final List<String> CONNECT_REPLY = List.of(
            "2/0 WindowAcknowledgementSize[windowSize=2500000]",
            "2/0 SetPeerBandwidth[windowSize=2500000, limitType=DYNAMIC]",
            "2/0 SetChunkSize[chunkSize=4096]",
            "3/0 _result(1) status NetConnection.Connect.Success");

    /** FFmpeg, OBS and librtmp number their transactions 1..7. */
    private static final List<String> NUMBERED_TRANSACTIONS = concat(CONNECT_REPLY, List.of(
            "3/0 _result(2)",
            "3/0 onFCPublish(0) status NetStream.Publish.Start",
            "3/0 _result(3)",
            "3/0 _result(4) 1.0",
            "2/0 StreamBegin[messageStreamId=1]",
            "5/1 onStatus(0) status NetStream.Publish.Start",
            "5/1 onStatus(0) status NetStream.Unpublish.Success",
            "3/0 _result(6)"));

    /** GStreamer rtmp2sink sends releaseStream, FCPublish, publish, FCUnpublish, deleteStream with transaction 0. */
    private static final List<String> GSTREAMER = concat(CONNECT_REPLY, List.of(
            "3/0 onFCPublish(0) status NetStream.Publish.Start",
            "3/0 _result(2) 1.0",
            "2/0 StreamBegin[messageStreamId=1]",
            "5/1 onStatus(0) status NetStream.Publish.Start",
            "5/1 onStatus(0) status NetStream.Unpublish.Success"));

    static Stream<Arguments> captures() {
        return Stream.of(
                Arguments.of("ffmpeg_publish_c2s.bin", "ffmpeg3s", "FMLE/3.0 (compatible; Lavf59.27.100)", 92 + 143 + 1,
                        NUMBERED_TRANSACTIONS),
                Arguments.of("gst_rtmp2sink_publish_c2s.bin", "gst2", "LNX 10,0,32,18", 92 + 143 + 36, GSTREAMER),
                Arguments.of("gst_rtmpsink_librtmp_publish_c2s.bin", "gstlib", null, 92 + 143 + 37,
                        NUMBERED_TRANSACTIONS),
                Arguments.of("obs29_publish_c2s.bin", "obs", "FMLE/3.0 (compatible; FMSc/1.0)", 364 + 564 + 1,
                        NUMBERED_TRANSACTIONS),
                Arguments.of("ffmpeg71_hevc_publish_c2s.bin", "hevc", "FMLE/3.0 (compatible; Lavf61.7.103)",
                        92 + 143 + 1, NUMBERED_TRANSACTIONS),
                Arguments.of("ffmpeg71_av1_publish_c2s.bin", "av1", "FMLE/3.0 (compatible; Lavf61.7.103)",
                        92 + 143 + 1, NUMBERED_TRANSACTIONS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void shouldAnswerTheClientAndRouteItsMedia(String capture, String name, String flashVer, int mediaMessages,
            List<String> replies) throws ProtocolException {
        SessionDriver driver = new SessionDriver();

        for (RawMessage raw : FixtureMessages.decode(capture, -1)) {
            PublishRequest route = driver.receive(raw);
            if (route != null) {
                assertThat(route.name()).isEqualTo(name);
                assertThat(raw.messageStreamId()).isEqualTo(1);
            }
        }

        assertThat(driver.takeOutgoing()).containsExactlyElementsOf(replies);
        assertThat(driver.routed).isEqualTo(mediaMessages);
        assertThat(driver.session.droppedMessages()).isZero();
        assertThat(driver.session.openStreams()).as("deleteStream freed the stream").isZero();
        List<SessionEvent> events = driver.takeEvents().stream()
                .filter(e -> !(e instanceof SessionEvent.WindowAcknowledgementSizeChanged))
                .collect(Collectors.toList());
        assertThat(events).hasSize(3);
        ConnectRequest connect = ((SessionEvent.ConnectRequested) events.get(0)).request();
        assertThat(connect.app()).isEqualTo("live");
        assertThat(connect.tcUrl()).matches("rtmp://127\\.0\\.0\\.1:193[56]0/live");
        assertThat(connect.flashVer()).isEqualTo(flashVer);
        assertThat(connect.enhancedRtmp()).isFalse();
        PublishRequest publish = new PublishRequest(1, name, "", "live");
        assertThat(events.get(1)).isEqualTo(new SessionEvent.PublishRequested(publish));
        assertThat(events.get(2)).isEqualTo(new SessionEvent.Unpublished(publish, true));
    }

    @Test
    void shouldReportTheWindowGStreamerSets() throws ProtocolException {
        SessionDriver driver = new SessionDriver();

        for (RawMessage raw : FixtureMessages.decode("gst_rtmp2sink_publish_c2s.bin", 20_240_601)) {
            driver.receive(raw);
        }

        assertThat(driver.events).contains(new SessionEvent.WindowAcknowledgementSizeChanged(5_000_000));
        assertThat(driver.session.peerWindowAcknowledgementSize()).isEqualTo(5_000_000);
        assertThat(driver.session.peerChunkSize()).isEqualTo(128);
    }

    @Test
    void shouldSendTheConnectReplyNginxSends() throws ProtocolException {
        SessionDriver driver = new SessionDriver();

        driver.receive(FixtureMessages.decode("ffmpeg_publish_c2s.bin", -1).get(0));

        CommandMessage result = (CommandMessage) driver.outgoing.get(3).message();
        assertThat(result).isEqualTo(CommandMessage.of("_result", 1,
                AmfObject.builder().put("fmsVer", "FMS/3,0,1,123").put("capabilities", 31).build(),
                AmfObject.builder().put("level", "status").put("code", "NetConnection.Connect.Success")
                        .put("description", "Connection succeeded.").put("objectEncoding", 0).build()));
        assertThat(result.commandObject()).isNotEqualTo(AmfNull.INSTANCE);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).collect(Collectors.toList());
    }
}
