package io.github.rtmpflow.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.rtmpflow.core.ProtocolError;
import io.github.rtmpflow.core.ProtocolException;
import io.github.rtmpflow.core.amf.AmfBoolean;
import io.github.rtmpflow.core.amf.AmfEcmaArray;
import io.github.rtmpflow.core.amf.AmfNull;
import io.github.rtmpflow.core.amf.AmfNumber;
import io.github.rtmpflow.core.amf.AmfObject;
import io.github.rtmpflow.core.amf.AmfStrictArray;
import io.github.rtmpflow.core.amf.AmfString;
import io.github.rtmpflow.core.amf.AmfValue;
import io.github.rtmpflow.core.message.Acknowledgement;
import io.github.rtmpflow.core.message.AudioMessage;
import io.github.rtmpflow.core.message.CommandMessage;
import io.github.rtmpflow.core.message.DataMessage;
import io.github.rtmpflow.core.message.MessageCodec;
import io.github.rtmpflow.core.message.PingRequest;
import io.github.rtmpflow.core.message.PingResponse;
import io.github.rtmpflow.core.message.SetBufferLength;
import io.github.rtmpflow.core.message.SetPeerBandwidth;
import io.github.rtmpflow.core.message.VideoMessage;
import io.github.rtmpflow.core.message.WindowAcknowledgementSize;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerSessionTest {

    private static final AmfValue NULL = AmfNull.INSTANCE;
    private static final AmfObject CONNECT = AmfObject.builder().put("app", "live").put("type", "nonprivate")
            .put("tcUrl", "rtmp://host/live").build();

    private final SessionDriver driver = new SessionDriver();

    private static AmfString str(String s) {
        return new AmfString(s);
    }

    private static AmfNumber num(double n) {
        return new AmfNumber(n);
    }

    private static AudioMessage audio() {
        return new AudioMessage(ByteBuffer.wrap(new byte[] {(byte) 0xaf, 1, 0x21}));
    }

    private void connect() throws ProtocolException {
        driver.command(0, "connect", 1, CONNECT);
    }

    /** connect + createStream (stream 1) + publish, output and events cleared. */
    private void publishing(String fullName) throws ProtocolException {
        connect();
        driver.command(0, "createStream", 2, NULL);
        driver.command(1, "publish", 3, NULL, str(fullName), str("live"));
        driver.takeOutgoing();
        driver.takeEvents();
    }

    private ProtocolError.Code errorOf(ThrowingStep step) {
        try {
            step.run();
        } catch (ProtocolException e) {
            return e.error().code();
        }
        throw new AssertionError("no protocol error");
    }

    @FunctionalInterface
    private interface ThrowingStep {
        void run() throws ProtocolException;
    }

    @Test
    void shouldSplitTheStreamKeyOffThePublishName() throws ProtocolException {
        publishing("cam1?key=SECRET");

        PublishRequest publish = driver.session.publishing(1);

        assertThat(publish).isEqualTo(new PublishRequest(1, "cam1", "key=SECRET", "live"));
        assertThat(publish.toString()).doesNotContain("SECRET");
    }

    @Test
    void shouldRouteMediaOfAnAcceptedPublishOnly() throws ProtocolException {
        publishing("cam1");

        assertThat(driver.message(1, audio())).isEqualTo(driver.session.publishing(1));
        assertThat(driver.message(1, DataMessage.of(str("@setDataFrame")))).isNotNull();
        assertThat(driver.session.droppedMessages()).isZero();
    }

    @Test
    void shouldDropMediaWhileThePublishWaitsForTheApplication() throws ProtocolException {
        driver.autoAccept = false;
        connect();
        driver.session.acceptConnect();
        driver.command(0, "createStream", 2, NULL);
        driver.command(1, "publish", 3, NULL, str("cam1"), str("live"));

        assertThat(driver.message(1, audio())).isNull();
        assertThat(driver.message(1, new VideoMessage(ByteBuffer.allocate(2)))).isNull();

        assertThat(driver.session.droppedMessages()).isEqualTo(2);
        assertThat(driver.session.acceptPublish(1)).isTrue();
        assertThat(driver.message(1, audio())).isNotNull();
    }

    @Test
    void shouldFailOnMediaForAStreamThatIsNotOpen() throws ProtocolException {
        connect();

        assertThat(errorOf(() -> driver.message(1, audio()))).isEqualTo(ProtocolError.Code.BAD_COMMAND);
    }

    @Test
    void shouldFailOnMediaBeforeConnect() {
        assertThat(errorOf(() -> driver.message(0, audio()))).isEqualTo(ProtocolError.Code.BAD_COMMAND);
    }

    @Test
    void shouldIgnoreDataMessagesOutsideAPublish() throws ProtocolException {
        connect();

        assertThat(driver.message(0, DataMessage.of(str("onTextData")))).isNull();
        assertThat(driver.session.droppedMessages()).isEqualTo(1);
        assertThat(driver.session.error()).isNull();
    }

    @Test
    void shouldRefuseCommandsBeforeConnect() {
        assertThat(errorOf(() -> driver.command(0, "createStream", 2, NULL))).isEqualTo(ProtocolError.Code.BAD_COMMAND);
        assertThat(driver.session.error().detail()).isEqualTo("command before connect: name=createStream");
    }

    @Test
    void shouldRefusePublishBeforeConnect() {
        assertThat(errorOf(() -> driver.command(1, "publish", 0, NULL, str("cam1")))).isEqualTo(ProtocolError.Code.BAD_COMMAND);
    }

    @Test
    void shouldStayFailedAfterAProtocolError() {
        errorOf(() -> driver.command(0, "publish", 0, NULL, str("cam1")));

        assertThat(errorOf(() -> connect())).isEqualTo(ProtocolError.Code.BAD_COMMAND);
        assertThat(driver.session.error().detail()).contains("name=publish");
    }

    @Test
    void shouldRefuseASecondConnect() throws ProtocolException {
        connect();

        assertThat(errorOf(() -> connect())).isEqualTo(ProtocolError.Code.BAD_COMMAND);
    }

    @Test
    void shouldRefuseConnectWithoutCommandObject() {
        assertThat(errorOf(() -> driver.command(0, "connect", 1, NULL))).isEqualTo(ProtocolError.Code.BAD_COMMAND);
    }

    @Test
    void shouldAcceptConnectPropertiesSentAsEcmaArray() throws ProtocolException {
        driver.command(0, "connect", 1, new AmfEcmaArray(Map.<String, AmfValue>of("app", str("live/"))));

        assertThat(driver.session.connectRequest().app()).isEqualTo("live");
        assertThat(driver.session.state()).isEqualTo(ServerSession.State.CONNECTED);
    }

    @Test
    void shouldTakeTheQueryFromTheAppWhenTcUrlHasNone() throws ProtocolException {
        driver.command(0, "connect", 1, AmfObject.builder().put("app", "live?token=T").build());

        ConnectRequest request = driver.session.connectRequest();

        assertThat(request.app()).isEqualTo("live");
        assertThat(request.tcUrl()).isNull();
        assertThat(request.tcUrlQuery()).isEqualTo("token=T");
        assertThat(request.toString()).doesNotContain("token");
    }

    @Test
    void shouldRefuseMoreStreamsThanTheLimit() throws ProtocolException {
        SessionDriver small = new SessionDriver(ServerSessionConfig.DEFAULTS.withMaxMessageStreams(2));
        small.command(0, "connect", 1, CONNECT);
        small.command(0, "createStream", 2, NULL);
        small.command(0, "createStream", 3, NULL);

        assertThat(errorOf(() -> small.command(0, "createStream", 4, NULL))).isEqualTo(ProtocolError.Code.BAD_COMMAND);
        assertThat(small.session.error().detail()).contains("maxMessageStreams=2");
    }

    @Test
    void shouldReuseTheLowestFreeStreamId() throws ProtocolException {
        connect();
        driver.command(0, "createStream", 2, NULL);
        driver.command(0, "createStream", 3, NULL);
        driver.command(0, "deleteStream", 4, NULL, num(1));
        driver.takeOutgoing();

        driver.command(0, "createStream", 5, NULL);

        assertThat(driver.takeOutgoing()).containsExactly("3/0 _result(5) 1.0");
    }

    @Test
    void shouldRefusePublishOnAStreamThatWasNotCreated() throws ProtocolException {
        connect();

        assertThat(errorOf(() -> driver.command(1, "publish", 0, NULL, str("cam1")))).isEqualTo(ProtocolError.Code.BAD_COMMAND);
    }

    @Test
    void shouldRefuseASecondPublishOnTheSameStream() throws ProtocolException {
        publishing("cam1");

        assertThat(errorOf(() -> driver.command(1, "publish", 4, NULL, str("cam2"))))
                .isEqualTo(ProtocolError.Code.BAD_COMMAND);
    }

    @Test
    void shouldRefusePublishWithoutAName() throws ProtocolException {
        connect();
        driver.command(0, "createStream", 2, NULL);

        assertThat(errorOf(() -> driver.command(1, "publish", 3, NULL))).isEqualTo(ProtocolError.Code.BAD_COMMAND);
    }

    @Test
    void shouldRejectPublishWithErrorStatusAndAskToClose() throws ProtocolException {
        driver.autoAccept = false;
        connect();
        driver.session.acceptConnect();
        driver.command(0, "createStream", 2, NULL);
        driver.command(1, "publish", 3, NULL, str("cam1?key=wrong"), str("live"));
        driver.takeOutgoing();
        driver.takeEvents();

        assertThat(driver.session.rejectPublish(1, StatusCodes.PUBLISH_UNAUTHORIZED, "bad key")).isTrue();
        driver.drain();

        assertThat(driver.takeOutgoing()).containsExactly("5/1 onStatus(0) error NetStream.Publish.Unauthorized");
        assertThat(driver.takeEvents()).containsExactly(
                new SessionEvent.CloseRequested("publish rejected: code=NetStream.Publish.Unauthorized"));
        assertThat(driver.session.state()).isEqualTo(ServerSession.State.CLOSING);
        assertThat(driver.message(1, audio())).isNull();
        assertThat(driver.session.acceptPublish(1)).isFalse();
    }

    @Test
    void shouldRejectConnectWithError() throws ProtocolException {
        driver.autoAccept = false;
        connect();
        driver.takeEvents();

        assertThat(driver.session.rejectConnect("no such app")).isTrue();
        driver.drain();

        CommandMessage error = (CommandMessage) driver.outgoing.get(0).message();
        assertThat(error).isEqualTo(CommandMessage.of("_error", 1, NULL,
                Commands.statusInfo("error", "NetConnection.Connect.Rejected", "no such app")));
        assertThat(driver.takeEvents()).containsExactly(new SessionEvent.CloseRequested("connect rejected"));
        assertThat(driver.session.acceptConnect()).isFalse();
    }

    @Test
    void shouldHoldCommandsUntilTheConnectIsAccepted() throws ProtocolException {
        driver.autoAccept = false;
        connect();
        driver.command(0, "releaseStream", 0, NULL, str("cam1"));
        driver.command(0, "FCPublish", 0, NULL, str("cam1"));
        driver.command(0, "createStream", 2, NULL);

        assertThat(driver.takeOutgoing()).isEmpty();
        driver.session.acceptConnect();
        driver.drain();

        assertThat(driver.takeOutgoing()).endsWith("3/0 _result(1) status NetConnection.Connect.Success",
                "3/0 onFCPublish(0) status NetStream.Publish.Start", "3/0 _result(2) 1.0");
    }

    @Test
    void shouldRefuseTooManyCommandsWhileConnectIsPending() throws ProtocolException {
        driver.autoAccept = false;
        connect();
        for (int i = 0; i < ServerSessionConfig.DEFAULTS.maxQueuedCommands(); i++) {
            driver.command(0, "releaseStream", 0, NULL, str("cam1"));
        }

        assertThat(errorOf(() -> driver.command(0, "releaseStream", 0, NULL, str("cam1"))))
                .isEqualTo(ProtocolError.Code.BAD_COMMAND);
    }

    @Test
    void shouldCloseWhenAHeldCommandTurnsOutInvalid() throws ProtocolException {
        driver.autoAccept = false;
        connect();
        driver.command(7, "publish", 0, NULL, str("cam1"));

        assertThat(driver.session.acceptConnect()).isTrue();
        driver.drain();

        assertThat(driver.session.state()).isEqualTo(ServerSession.State.CLOSING);
        assertThat(driver.session.error().code()).isEqualTo(ProtocolError.Code.BAD_COMMAND);
        assertThat(driver.events).last().isInstanceOf(SessionEvent.CloseRequested.class);
    }

    @Test
    void shouldDeleteAStreamNamedByGStreamer() throws ProtocolException {
        publishing("gst2");

        driver.command(0, "deleteStream", 0, NULL, str("gst2"));

        assertThat(driver.takeOutgoing()).containsExactly("5/1 onStatus(0) status NetStream.Unpublish.Success");
        assertThat(driver.takeEvents()).containsExactly(
                new SessionEvent.Unpublished(new PublishRequest(1, "gst2", "", "live"), true));
        assertThat(driver.session.openStreams()).isZero();
    }

    @Test
    void shouldEndThePublishOnceForFcUnpublishThenDeleteStream() throws ProtocolException {
        publishing("cam1?key=k");

        driver.command(0, "FCUnpublish", 6, NULL, str("cam1?key=k"));
        driver.command(0, "deleteStream", 7, NULL, num(1));

        assertThat(driver.takeOutgoing()).containsExactly("5/1 onStatus(0) status NetStream.Unpublish.Success",
                "3/0 _result(6)");
        assertThat(driver.takeEvents()).hasSize(1).allMatch(e -> e instanceof SessionEvent.Unpublished u && u.started());
        assertThat(driver.session.openStreams()).isZero();
    }

    @Test
    void shouldEndThePublishButKeepTheStreamOnCloseStream() throws ProtocolException {
        publishing("cam1");

        driver.command(1, "closeStream", 0, NULL);

        assertThat(driver.session.publishing(1)).isNull();
        assertThat(driver.session.openStreams()).isEqualTo(1);
        assertThat(driver.takeEvents()).hasSize(1);
        assertThat(driver.message(1, audio())).isNull();
    }

    @Test
    void shouldTellThatAPendingPublishWasWithdrawn() throws ProtocolException {
        driver.autoAccept = false;
        connect();
        driver.session.acceptConnect();
        driver.command(0, "createStream", 2, NULL);
        driver.command(1, "publish", 3, NULL, str("cam1"), str("live"));
        driver.takeEvents();

        driver.command(0, "deleteStream", 4, NULL, num(1));

        assertThat(driver.takeEvents()).containsExactly(
                new SessionEvent.Unpublished(new PublishRequest(1, "cam1", "", "live"), false));
        assertThat(driver.session.acceptPublish(1)).isFalse();
    }

    @Test
    void shouldEndEverythingWhenTheTransportCloses() throws ProtocolException {
        publishing("cam1");
        driver.command(0, "createStream", 4, NULL);
        driver.command(2, "play", 5, NULL, str("other"));
        driver.takeEvents();

        driver.session.transportClosed();
        driver.drain();

        assertThat(driver.takeEvents()).containsExactly(
                new SessionEvent.Unpublished(new PublishRequest(1, "cam1", "", "live"), true),
                new SessionEvent.PlayStopped(new PlayRequest(2, "other", "", -2, -1, true), true));
        assertThat(driver.session.state()).isEqualTo(ServerSession.State.CLOSED);
        assertThat(driver.session.receive(MessageCodec.encode(audio(), 4, 0, 1)))
                .isNull();
    }

    @Test
    void shouldStartPlaybackLikeSrs() throws ProtocolException {
        connect();
        driver.command(0, "createStream", 2, NULL);
        driver.takeOutgoing();
        driver.takeEvents();

        driver.command(1, "play", 3, NULL, str("cam1?token=t"), num(-1000), num(-1), AmfBoolean.FALSE);

        assertThat(driver.takeEvents()).containsExactly(new SessionEvent.PlayRequested(
                new PlayRequest(1, "cam1", "token=t", -1000, -1, false)));
        assertThat(driver.takeOutgoing()).containsExactly(
                "2/0 StreamBegin[messageStreamId=1]",
                "5/1 onStatus(0) status NetStream.Play.Start",
                "5/1 data [AmfString[value=|RtmpSampleAccess], AmfBoolean[value=true], AmfBoolean[value=true]]",
                "5/1 data [AmfString[value=onStatus], AmfObject[properties={code=AmfString[value=NetStream.Data.Start]}]]");
        assertThat(driver.session.playing(1).name()).isEqualTo("cam1");
    }

    @Test
    void shouldResetBeforeStartingPlaybackByDefault() throws ProtocolException {
        connect();
        driver.command(0, "createStream", 2, NULL);
        driver.takeOutgoing();

        driver.command(1, "play", 3, NULL, str("cam1"));

        assertThat(driver.takeOutgoing()).element(1).isEqualTo("5/1 onStatus(0) status NetStream.Play.Reset");
    }

    @Test
    void shouldRejectPlay() throws ProtocolException {
        driver.autoAccept = false;
        connect();
        driver.session.acceptConnect();
        driver.command(0, "createStream", 2, NULL);
        driver.command(1, "play", 3, NULL, str("nothing"));
        driver.takeOutgoing();

        assertThat(driver.session.rejectPlay(1, StatusCodes.PLAY_STREAM_NOT_FOUND, "no such stream")).isTrue();
        driver.drain();

        assertThat(driver.takeOutgoing()).containsExactly("5/1 onStatus(0) error NetStream.Play.StreamNotFound");
        assertThat(driver.session.state()).isEqualTo(ServerSession.State.CLOSING);
    }

    @Test
    void shouldAnswerPingsAndRecordTheirAnswers() throws ProtocolException {
        driver.message(0, new PingRequest(77));
        driver.session.pingRequest(0x1_0000_0005L);
        driver.drain();
        driver.message(0, new PingResponse(5));

        assertThat(driver.takeOutgoing()).containsExactly("2/0 PingResponse[timestamp=77]", "2/0 PingRequest[timestamp=5]");
        assertThat(driver.session.lastPingResponse()).hasValue(5);
    }

    @Test
    void shouldRecordThePeersBandwidthAndAcknowledgements() throws ProtocolException {
        driver.message(0, new SetPeerBandwidth(1_000_000, SetPeerBandwidth.LimitType.HARD));
        driver.message(0, new Acknowledgement(12_345));

        assertThat(driver.session.peerBandwidth()).isEqualTo(new SetPeerBandwidth(1_000_000, SetPeerBandwidth.LimitType.HARD));
        assertThat(driver.session.lastAcknowledgement()).hasValue(12_345);
        assertThat(driver.takeOutgoing()).isEmpty();
    }

    @Test
    void shouldSendAcknowledgements() {
        driver.session.acknowledge(5_000_000);
        driver.drain();

        assertThat(driver.takeOutgoing()).containsExactly("2/0 Acknowledgement[sequenceNumber=5000000]");
    }

    @Test
    void shouldReportThePeersWindowAndTolerateBufferLengths() throws ProtocolException {
        driver.message(0, new WindowAcknowledgementSize(1_000_000));
        connect();
        driver.command(0, "createStream", 2, NULL);
        driver.message(0, new SetBufferLength(1, 3000));

        assertThat(driver.events).contains(new SessionEvent.WindowAcknowledgementSizeChanged(1_000_000));
        assertThat(driver.session.peerWindowAcknowledgementSize()).isEqualTo(1_000_000);
        assertThat(driver.session.error()).isNull();
    }

    @Test
    void shouldAnswerUnknownCommandsHarmlessly() throws ProtocolException {
        connect();
        driver.takeOutgoing();

        driver.command(0, "someCustomCall", 9, NULL);
        driver.command(0, "notification", 0, NULL);
        driver.command(0, "getStreamLength", 10, NULL, str("cam1"));
        driver.command(0, "_checkbw", 11, NULL);
        driver.command(0, "releaseStream", 0, NULL, str("cam1"));
        driver.command(0, "onStatus", 0, NULL);

        assertThat(driver.takeOutgoing()).containsExactly("3/0 _error(9) error NetConnection.Call.Failed",
                "3/0 _result(10) 0.0", "3/0 _result(11)");
        assertThat(driver.session.error()).isNull();
    }

    @Test
    void shouldNegotiateEnhancedRtmp() throws ProtocolException {
        AmfObject enhanced = AmfObject.builder().put("app", "live").put("tcUrl", "rtmp://h/live")
                .put("fourCcList", new AmfStrictArray(
                        List.of(str("hvc1"), str("av01"), str("Opus"))))
                .put("videoFourCcInfoMap", AmfObject.builder().put("hvc1", 3).build())
                .put("capsEx", 3)
                .build();

        driver.command(0, "connect", 1, enhanced);

        ConnectRequest request = driver.session.connectRequest();
        assertThat(request.enhancedRtmp()).isTrue();
        assertThat(request.fourCcList()).containsExactly("hvc1", "av01", "Opus");
        assertThat(request.videoFourCcInfoMap()).containsEntry("hvc1", 3);
        assertThat(request.audioFourCcInfoMap()).isEmpty();
        assertThat(request.supportsReconnect()).isTrue();
        AmfObject properties = (AmfObject) ((CommandMessage) driver.outgoing.get(3).message()).commandObject();
        assertThat(properties.getNumber("capsEx")).as("reconnect, multitrack, ModEx, nano offset").isEqualTo(15);
        assertThat(properties.get("fourCcList")).isInstanceOf(AmfStrictArray.class);
        assertThat(((AmfStrictArray) properties.get("fourCcList")).items())
                .extracting(AmfValue::asString)
                .containsExactly("avc1", "hvc1", "av01", "vp09", "vp08", "vvc1", "Opus", "fLaC", "ac-3", "ec-3", "mp4a",
                        ".mp3", "*");
        AmfObject video = (AmfObject) properties.get("videoFourCcInfoMap");
        AmfObject audio = (AmfObject) properties.get("audioFourCcInfoMap");
        assertThat(video.getNumber("*")).as("can forward any video codec").isEqualTo(4);
        assertThat(video.getNumber("hvc1")).isEqualTo(4);
        assertThat(audio.getNumber("*")).as("can forward any audio codec").isEqualTo(4);
        assertThat(audio.getNumber("Opus")).isEqualTo(4);
        assertThat(request.capabilities().canForwardVideo("hvc1")).isFalse();
        assertThat(request.capabilities().videoFlags("hvc1")).isEqualTo(3);
        assertThat(request.capabilities().audioFlags("Opus")).as("listed in fourCcList: all flags").isEqualTo(7);
    }

    @Test
    void shouldNotAdvertiseEnhancedRtmpToLegacyClients() throws ProtocolException {
        connect();

        AmfObject properties = (AmfObject) ((CommandMessage) driver.outgoing.get(3).message()).commandObject();
        assertThat(properties.properties()).containsOnlyKeys("fmsVer", "capabilities");
        assertThat(driver.session.connectRequest().supportsReconnect()).isFalse();
    }

    @Test
    void shouldAskToReconnectOnlyWhenConnected() throws ProtocolException {
        assertThat(driver.session.requestReconnect(null, "maintenance")).isFalse();
        connect();
        driver.takeOutgoing();

        assertThat(driver.session.requestReconnect("rtmp://other/live", "maintenance")).isTrue();
        driver.drain();

        CommandMessage status = (CommandMessage) driver.outgoing.get(0).message();
        assertThat(status.objectArgument(0).getString("code")).isEqualTo("NetConnection.Connect.ReconnectRequest");
        assertThat(status.objectArgument(0).getString("tcUrl")).isEqualTo("rtmp://other/live");
        assertThat(driver.outgoing.get(0).messageStreamId()).isZero();
    }

    @Test
    void shouldRefuseMisuseOfTheConfiguration() {
        assertThatThrownBy(() -> ServerSessionConfig.DEFAULTS.withChunkSize(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("chunkSize out of range: chunkSize=0");
    }
}
