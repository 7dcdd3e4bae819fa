package io.github.rtmpflow.server.internal;

import io.github.rtmpflow.core.ProtocolException;
import io.github.rtmpflow.core.chunk.MessageTypes;
import io.github.rtmpflow.core.chunk.RawMessage;
import io.github.rtmpflow.core.message.AggregateUnpacker;
import io.github.rtmpflow.flv.FlvTag;
import io.github.rtmpflow.flv.ScriptData;
import io.github.rtmpflow.flv.TagType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Turns the media messages of a publish into FLV tags without copying: audio and video
 * payloads become tag bodies as they are (the message's read-only buffer), data messages
 * become script tags without the {@code @setDataFrame} string, aggregates are unpacked into
 * their sub-messages (slices of the aggregate).
 */
final class MediaRouter {

    private static final byte[] CLEAR_DATA_FRAME = "@clearDataFrame".getBytes(StandardCharsets.US_ASCII);
    private static final int AMF0_STRING_MARKER = 0x02;
    private static final int AMF3_FORMAT_BYTE = 0;

    private MediaRouter() {
    }

    /**
     * Publishes the tags {@code raw} carries to {@code stream}.
     *
     * @return false when a pausing subscriber asks to stop reading the publisher
     * @throws ProtocolException when an aggregate is malformed
     */
    static boolean route(RawMessage raw, LiveStreamImpl stream) throws ProtocolException {
        switch (raw.typeId()) {
            case MessageTypes.AUDIO:
                return stream.publish(FlvTag.of(TagType.AUDIO, raw.timestamp(), raw.payload()));
            case MessageTypes.VIDEO:
                return stream.publish(FlvTag.of(TagType.VIDEO, raw.timestamp(), raw.payload()));
            case MessageTypes.DATA_AMF0:
                return publishScript(raw.payload(), raw.timestamp(), stream);
            case MessageTypes.DATA_AMF3:
                return publishAmf3Data(raw, stream);
            case MessageTypes.AGGREGATE:
                return routeAggregate(raw, stream);
            default:
                return true;
        }
    }

    private static boolean routeAggregate(RawMessage raw, LiveStreamImpl stream) throws ProtocolException {
        List<RawMessage> parts = AggregateUnpacker.unpack(raw);
        boolean goOn = true;
        for (RawMessage part : parts) {
            // Every sub-message is published even when a subscriber asks for a pause: the
            // aggregate is already read, and a pause only stops further reads.
            goOn &= route(part, stream);
        }
        return goOn;
    }

    private static boolean publishAmf3Data(RawMessage raw, LiveStreamImpl stream) {
        ByteBuffer payload = raw.payload();
        // SPEC: 7.1.2: type 15 carries one format byte, then AMF0 values.
        if (payload.remaining() < 1 || payload.get(0) != AMF3_FORMAT_BYTE) {
            return true; // LENIENT: AMF3-encoded data is not an FLV script tag; dropped.
        }
        return publishScript(payload.slice(1, payload.remaining() - 1), raw.timestamp(), stream);
    }

    private static boolean publishScript(ByteBuffer body, long timestamp, LiveStreamImpl stream) {
        if (isClearDataFrame(body)) {
            return true; // a command to the server, not data for the stream
        }
        return stream.publish(FlvTag.of(TagType.SCRIPT, timestamp, ScriptData.toFlvScriptBody(body)));
    }

    private static boolean isClearDataFrame(ByteBuffer body) {
        int at = body.position();
        if (body.limit() - at < 3 + CLEAR_DATA_FRAME.length || body.get(at) != AMF0_STRING_MARKER
                || body.getShort(at + 1) != CLEAR_DATA_FRAME.length) {
            return false;
        }
        for (int i = 0; i < CLEAR_DATA_FRAME.length; i++) {
            if (body.get(at + 3 + i) != CLEAR_DATA_FRAME[i]) {
                return false;
            }
        }
        return true;
    }
}
