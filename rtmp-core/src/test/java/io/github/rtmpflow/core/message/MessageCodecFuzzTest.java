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
 * same message; aggregates unpack or fail cleanly. Seeds in {@code MessageCodecFuzzTestInputs/
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
        try {
            assertThat(MessageCodec.decode(MessageCodec.encode(m, 3, 0, 1), LIMITS)).isEqualTo(m);
        } catch (ProtocolException e) {
            throw new AssertionError("re-encoded message does not decode: " + e.error(), e);
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
