package io.github.rtmpflow.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.rtmpflow.core.ProtocolException;
import io.github.rtmpflow.core.chunk.RawMessage;

/**
 * Arbitrary message sequences against a server session that accepts everything: receive returns
 * or throws ProtocolException, never another exception, and once failed it stays failed. Each
 * message is (type id u8, message stream id 0..3, payload length u8, payload); seeds in
 * {@code ServerSessionFuzzTestInputs/fuzzSession/}.
 */
class ServerSessionFuzzTest {

    @FuzzTest
    void fuzzSession(FuzzedDataProvider data) {
        ServerSession session = new ServerSession(ServerSessionConfig.DEFAULTS.withMaxMessageStreams(2));
        while (data.remainingBytes() > 0) {
            int typeId = data.consumeInt(0, 255);
            int messageStreamId = data.consumeInt(0, 3);
            byte[] payload = data.consumeBytes(data.consumeInt(0, 255));
            try {
                session.receive(RawMessage.of(3, 0, typeId, messageStreamId, payload));
            } catch (ProtocolException e) {
                assertThat(session.error()).isEqualTo(e.error());
                return;
            }
            acceptEverything(session);
        }
        session.transportClosed();
        assertThat(session.state()).isEqualTo(ServerSession.State.CLOSED);
    }

    private static void acceptEverything(ServerSession session) {
        for (SessionEvent e = session.pollEvent(); e != null; e = session.pollEvent()) {
            if (e instanceof SessionEvent.ConnectRequested) {
                session.acceptConnect();
            } else if (e instanceof SessionEvent.PublishRequested p) {
                session.acceptPublish(p.request().streamId());
            } else if (e instanceof SessionEvent.PlayRequested p) {
                session.acceptPlay(p.request().streamId());
            }
        }
        for (OutgoingMessage m = session.pollOutgoing(); m != null; m = session.pollOutgoing()) {
            assertThat(m.toRawMessage().typeId()).isEqualTo(m.message().typeId());
        }
    }
}
