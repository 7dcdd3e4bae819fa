package io.github.rtmpflow.core.message;

import io.github.rtmpflow.core.ProtocolError;
import io.github.rtmpflow.core.ProtocolException;
import io.github.rtmpflow.core.chunk.MessageTypes;
import io.github.rtmpflow.core.chunk.RawMessage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Unpacks an aggregate message (type 22) into the audio, video and data messages it carries.
 *
 * <p>SPEC: RTMP 1.0 section 7.1.6: the body is FLV tags back to back:
 * <pre>
 *  type u8 | data size u24 | timestamp u24 | timestamp extended u8 | stream id u24 |
 *  data (data size bytes) | back pointer u32 (PreviousTagSize, 11 + data size)
 * </pre>
 * The sub-messages' timestamps are relative: the first sub-message gets the aggregate's
 * timestamp and each later one keeps its offset from the first. Each sub-message inherits the
 * aggregate's chunk stream id and message stream id (the tags' stream id field is 0 in FLV).
 *
 * <p>The sub-messages' payloads are read-only slices of the aggregate's payload, never copies.
 */
public final class AggregateUnpacker {
    /** Bytes of an FLV tag header: type, size u24, timestamp u24 + u8, stream id u24. */
    public static final int TAG_HEADER_LENGTH = 11;
    /** Bytes of the back pointer (PreviousTagSize) after each tag. */
    public static final int BACK_POINTER_LENGTH = 4;

    private AggregateUnpacker() {
    }

    /**
     * Returns the sub-messages of {@code aggregate}, in order.
     *
     * @param aggregate a message of type 22; its payload is only read
     * @return the sub-messages (audio 8, video 9, data 18); empty for an empty aggregate
     * @throws ProtocolException {@code BAD_MESSAGE} when a tag header or a tag's data runs past
     *     the end of the aggregate, or a tag is not audio, video or script data
     * @throws IllegalArgumentException when {@code aggregate} is not of type 22
     */
    public static List<RawMessage> unpack(RawMessage aggregate) throws ProtocolException {
        if (aggregate.typeId() != MessageTypes.AGGREGATE) {
            throw new IllegalArgumentException("not an aggregate message: typeId=" + aggregate.typeId());
        }
        ByteBuffer p = aggregate.payload();
        int end = p.limit();
        int pos = p.position();
        List<RawMessage> out = new ArrayList<>();
        long firstTagTimestamp = -1;
        while (pos < end) {
            if (end - pos < TAG_HEADER_LENGTH) {
                throw overrun("tag header", pos, end, TAG_HEADER_LENGTH);
            }
            int type = p.get(pos) & 0xFF;
            int size = u24(p, pos + 1);
            long tagTimestamp = (u24(p, pos + 4) | (p.get(pos + 7) & 0xFFL) << 24) & 0xFFFF_FFFFL;
            int dataStart = pos + TAG_HEADER_LENGTH;
            if (size > end - dataStart) {
                throw overrun("tag data", dataStart, end, size);
            }
            if (type != MessageTypes.AUDIO && type != MessageTypes.VIDEO && type != MessageTypes.DATA_AMF0) {
                throw new ProtocolException(ProtocolError.Code.BAD_MESSAGE,
                        "aggregate holds a tag that is not audio, video or data: tagType=" + type + " offset=" + pos);
            }
            if (firstTagTimestamp < 0) {
                firstTagTimestamp = tagTimestamp;
            }
            out.add(new RawMessage(aggregate.chunkStreamId(),
                    rebase(aggregate.timestamp(), firstTagTimestamp, tagTimestamp), type,
                    aggregate.messageStreamId(), p.slice(dataStart, size)));
            pos = dataStart + size;
            int left = end - pos;
            if (left >= BACK_POINTER_LENGTH) {
                // LENIENT: the back pointer's value is not checked; encoders get it wrong and it
                // carries nothing the tag header did not already say.
                pos += BACK_POINTER_LENGTH;
            } else if (left > 0) {
                throw overrun("back pointer", pos, end, BACK_POINTER_LENGTH);
            }
            // LENIENT: a last tag without its back pointer is accepted (left == 0).
        }
        return out;
    }

    /**
     * Returns the aggregate's timestamp plus the tag's offset from the first tag. The offset is
     * the 32-bit difference read as signed, so tags that straddle the 32-bit wrap still work.
     */
    private static long rebase(long aggregateTimestamp, long firstTagTimestamp, long tagTimestamp) {
        int offset = (int) (tagTimestamp - firstTagTimestamp);
        // LENIENT: a tag that would land before time 0 is clamped to 0.
        return Math.max(0, aggregateTimestamp + offset);
    }

    private static int u24(ByteBuffer p, int at) {
        return (p.get(at) & 0xFF) << 16 | (p.get(at + 1) & 0xFF) << 8 | p.get(at + 2) & 0xFF;
    }

    private static ProtocolException overrun(String what, int offset, int end, int needed) {
        return new ProtocolException(ProtocolError.Code.BAD_MESSAGE, "aggregate " + what
                + " overruns the message: offset=" + offset + " needed=" + needed + " available=" + (end - offset));
    }
}
