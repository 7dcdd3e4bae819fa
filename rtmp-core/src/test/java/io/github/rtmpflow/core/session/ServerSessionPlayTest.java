package io.github.rtmpflow.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.core.ProtocolException;
import io.github.rtmpflow.core.amf.AmfBoolean;
import io.github.rtmpflow.core.amf.AmfNull;
import io.github.rtmpflow.core.amf.AmfNumber;
import io.github.rtmpflow.core.amf.AmfObject;
import io.github.rtmpflow.core.amf.AmfString;
import io.github.rtmpflow.core.amf.AmfValue;
import org.junit.jupiter.api.Test;

/** The play side of {@link ServerSession} after the play was accepted: notifications, pause, seek. */
class ServerSessionPlayTest {

    private static final AmfValue NULL = AmfNull.INSTANCE;
    private static final AmfObject CONNECT = AmfObject.builder().put("app", "live").put("type", "nonprivate")
            .put("tcUrl", "rtmp://host/live").build();

    private final SessionDriver driver = new SessionDriver();

    /** connect + createStream (stream 1) + play "cam1", accepted; output and events cleared. */
    private void playing() throws ProtocolException {
        driver.command(0, "connect", 1, CONNECT);
        driver.command(0, "createStream", 2, NULL);
        driver.command(1, "play", 3, NULL, new AmfString("cam1"), new AmfNumber(-2000));
        driver.takeOutgoing();
        driver.takeEvents();
    }

    @Test
    void shouldNotifyUnpublishAsStreamEofThenUnpublishNotify() throws ProtocolException {
        playing();

        assertThat(driver.session.playUnpublished(1)).isTrue();
        driver.drain();

        assertThat(driver.takeOutgoing()).containsExactly(
                "2/0 StreamEof[messageStreamId=1]",
                "5/1 onStatus(0) status NetStream.Play.UnpublishNotify");
    }

    @Test
    void shouldNotifyRepublishAsStreamBeginThenPublishNotify() throws ProtocolException {
        playing();

        assertThat(driver.session.playPublished(1)).isTrue();
        driver.drain();

        assertThat(driver.takeOutgoing()).containsExactly(
                "2/0 StreamBegin[messageStreamId=1]",
                "5/1 onStatus(0) status NetStream.Play.PublishNotify");
    }

    @Test
    void shouldRaisePauseAndUnpauseAndAnswerThem() throws ProtocolException {
        playing();

        driver.command(1, "pause", 0, NULL, AmfBoolean.TRUE, new AmfNumber(1500));
        driver.command(1, "pause", 0, NULL, AmfBoolean.FALSE, new AmfNumber(1500));
        PlayRequest play = driver.session.playing(1);

        assertThat(driver.takeEvents()).containsExactly(
                new SessionEvent.PauseRequested(play, true, 1500),
                new SessionEvent.PauseRequested(play, false, 1500));
        assertThat(driver.takeOutgoing()).isEmpty();
        driver.session.playPaused(1, true);
        driver.session.playPaused(1, false);
        driver.drain();
        assertThat(driver.takeOutgoing()).containsExactly(
                "2/0 StreamEof[messageStreamId=1]",
                "5/1 onStatus(0) status NetStream.Pause.Notify",
                "2/0 StreamBegin[messageStreamId=1]",
                "5/1 onStatus(0) status NetStream.Unpause.Notify");
    }

    @Test
    void shouldRaiseSeekAndAnswerWithSeekNotifyThenPlayStart() throws ProtocolException {
        playing();

        driver.command(1, "seek", 0, NULL, new AmfNumber(4000));

        assertThat(driver.takeEvents()).containsExactly(new SessionEvent.SeekRequested(driver.session.playing(1), 4000));
        driver.session.playSeeked(1, 4000);
        driver.drain();
        assertThat(driver.takeOutgoing()).containsExactly(
                "5/1 onStatus(0) status NetStream.Seek.Notify",
                "5/1 onStatus(0) status NetStream.Play.Start");
    }

    @Test
    void shouldOnlyAcknowledgePauseOnAStreamThatIsNotPlaying() throws ProtocolException {
        driver.command(0, "connect", 1, CONNECT);
        driver.command(0, "createStream", 2, NULL);
        driver.takeOutgoing();
        driver.takeEvents();

        driver.command(1, "pause", 7, NULL, AmfBoolean.TRUE, new AmfNumber(0));

        assertThat(driver.takeEvents()).isEmpty();
        assertThat(driver.takeOutgoing()).containsExactly("3/1 _result(7)");
        assertThat(driver.session.playPaused(1, true)).isFalse();
        assertThat(driver.session.playUnpublished(1)).isFalse();
    }

    @Test
    void shouldEndThePlayOnCloseStream() throws ProtocolException {
        playing();

        driver.command(1, "closeStream", 0, NULL);

        assertThat(driver.takeEvents()).hasSize(1).first().isInstanceOf(SessionEvent.PlayStopped.class);
        assertThat(driver.session.playing(1)).isNull();
        assertThat(driver.session.playPublished(1)).isFalse();
    }
}
