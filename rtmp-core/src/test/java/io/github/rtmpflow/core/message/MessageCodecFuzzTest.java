package io.github.rtmpflow.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.rtmpflow.core.ProtocolError;
import io.github.rtmpflow.core.ProtocolException;
import io.github.rtmpflow.core.RtmpLimits;
import io.github.rtmpflow.core.chunk.MessageTypes;
import io.github.rtmpflow.core.chunk.RawMessage;
import java.util.EnumSet;
import java.util.Set;

/**
 * Arbitrary type id and payload: decoding gives a message of that type or a ProtocolException
 * with a message-level code, never another exception; what decodes re-encodes and decodes to the
 * same message (AMF bounds aside, see below); aggregates unpack or fail cleanly. Seeds in {@code MessageCodecFuzzTestInputs/
 * fuzzDecode/}: a payload followed by one byte, the type id (consumed from the end).
 */
class MessageCodecFuzzTest {

    private static final RtmpLimits LIMITS = RtmpLimits.DEFAULTS.withMaxMessageLength(1 << 16);
    private static final Set<ProtocolError.Code> MESSAGE_ERRORS =
            EnumSet.of(ProtocolError.Code.BAD_MESSAGE, ProtocolError.Code.BAD_AMF, ProtocolError.Code.BAD_CHUNK_SIZE);

    @FuzzTest
    void fuzzDecode(FuzzedDataProvider data) {
        int typeId = data.consumeInt(0, 255);
        byte[] payload = data.consumeRemainingAsBytes();
        RawMessage raw = RawMessage.of(3, 0, typeId, 1, payload);

        RtmpMessage m;
        try {
            m = MessageCodec.decode(raw, LIMITS);
        } catch (ProtocolException e) {
            assertThat(e.error().code()).isIn(MESSAGE_ERRORS);
            return;
        }
        assertThat(m.typeId()).isEqualTo(typeId);
        RawMessage reencoded = MessageCodec.encode(m, 3, 0, 1);
        try {
            assertThat(MessageCodec.decode(reencoded, LIMITS)).isEqualTo(m);
        } catch (ProtocolException e) {
            // AMF references are expanded when decoding, so the re-encoding of a command or data
            // message can be deeper or longer than the original and break an AMF bound. Every
            // other message must come back.
            boolean amf = m instanceof CommandMessage || m instanceof DataMessage;
            if (!amf || e.error().code() != ProtocolError.Code.BAD_AMF) {
                throw new AssertionError("re-encoded message does not decode: " + e.error(), e);
            }
        }
        if (typeId == MessageTypes.AGGREGATE) {
            try {
                AggregateUnpacker.unpack(raw).forEach(sub -> assertThat(sub.typeId()).isIn(8, 9, 18));
            } catch (ProtocolException e) {
                assertThat(e.error().code()).isEqualTo(ProtocolError.Code.BAD_MESSAGE);
            }
        }
    }
}
