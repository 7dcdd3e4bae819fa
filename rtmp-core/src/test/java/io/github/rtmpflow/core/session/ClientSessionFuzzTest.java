package io.github.rtmpflow.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.rtmpflow.core.ProtocolError;
import io.github.rtmpflow.core.ProtocolException;
import io.github.rtmpflow.core.RtmpLimits;
import io.github.rtmpflow.core.chunk.RawMessage;
import java.util.EnumSet;
import java.util.Set;

/**
 * Arbitrary server replies against a client session that has asked to connect and publish (or
 * play): receive returns or throws a ProtocolException with a message-level code, never another
 * exception, and what it queues to send always encodes. Each message is (type id u8, message
 * stream id 0..3, payload length u8, payload); seeds in {@code ClientSessionFuzzTestInputs/fuzzReplies/}.
 */
class ClientSessionFuzzTest {

    private static final Set<ProtocolError.Code> MESSAGE_ERRORS =
            EnumSet.of(ProtocolError.Code.BAD_MESSAGE, ProtocolError.Code.BAD_AMF, ProtocolError.Code.BAD_CHUNK_SIZE,
                    ProtocolError.Code.BAD_COMMAND);

    @FuzzTest
    void fuzzReplies(FuzzedDataProvider data) {
        ClientSession session = new ClientSession(RtmpLimits.DEFAULTS);
        session.connect("live", "rtmp://127.0.0.1/live");
        if (data.consumeBoolean()) {
            session.publish("cam1");
        } else {
            session.play("cam1");
        }
        while (data.remainingBytes() > 0) {
            int typeId = data.consumeInt(0, 255);
            int messageStreamId = data.consumeInt(0, 3);
            byte[] payload = data.consumeBytes(data.consumeInt(0, 255));
            try {
                session.receive(RawMessage.of(3, 0, typeId, messageStreamId, payload));
            } catch (ProtocolException e) {
                assertThat(e.error().code()).isIn(MESSAGE_ERRORS);
                return;
            }
            for (OutgoingMessage m = session.pollOutgoing(); m != null; m = session.pollOutgoing()) {
                assertThat(m.toRawMessage().typeId()).isEqualTo(m.message().typeId());
            }
            while (session.pollEvent() != null) {
                // drained: events are values, nothing to check beyond not throwing
            }
        }
    }
}
