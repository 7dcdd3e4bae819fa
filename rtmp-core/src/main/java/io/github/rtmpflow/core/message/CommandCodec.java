package io.github.rtmpflow.core.message;

import io.github.rtmpflow.core.ProtocolError;
import io.github.rtmpflow.core.ProtocolException;
import io.github.rtmpflow.core.RtmpLimits;
import io.github.rtmpflow.core.amf.Amf0Reader;
import io.github.rtmpflow.core.amf.Amf0Writer;
import io.github.rtmpflow.core.amf.AmfNull;
import io.github.rtmpflow.core.amf.AmfNumber;
import io.github.rtmpflow.core.amf.AmfString;
import io.github.rtmpflow.core.amf.AmfValue;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Command (types 20/17) and data (types 18/15) messages: a sequence of AMF0 values; the AMF3
 * flavours (17, 15) start with one format byte.
 *
 * <pre>
 *  command: [format byte, type 17 only] name(string) transactionId(number) commandObject args...
 *  data:    [format byte, type 15 only] values...
 * </pre>
 */
final class CommandCodec {
    /** SPEC: 7.1.1 / 7.1.2: the format byte in front of type 17 and 15 payloads; 0 = AMF0 follows. */
    static final int FORMAT_BYTE_LENGTH = 1;

    private CommandCodec() {
    }

    static CommandMessage decodeCommand(ByteBuffer payload, boolean amf3, RtmpLimits limits)
            throws ProtocolException {
        List<AmfValue> values = new Amf0Reader(limits).readAll(afterFormatByte(payload, amf3));
        if (values.isEmpty() || values.get(0).asString() == null) {
            throw new ProtocolException(ProtocolError.Code.BAD_MESSAGE,
                    "command without a name: values=" + values.size());
        }
        String name = values.get(0).asString();
        double transactionId = 0;
        if (values.size() > 1) {
            AmfValue tid = values.get(1);
            transactionId = tid.asNumber();
            if (Double.isNaN(transactionId) && !(tid instanceof AmfNumber)) {
                throw new ProtocolException(ProtocolError.Code.BAD_MESSAGE,
                        "command transaction id is not a number: name=" + name);
            }
        }
        // LENIENT: a command without transaction id or command object (seen from old clients
        // for notifications) reads as transaction 0 with a null command object.
        AmfValue commandObject = values.size() > 2 ? values.get(2) : AmfNull.INSTANCE;
        List<AmfValue> arguments = values.size() > 3 ? values.subList(3, values.size()) : List.of();
        return new CommandMessage(name, transactionId, commandObject, arguments, amf3);
    }

    static DataMessage decodeData(ByteBuffer payload, boolean amf3, RtmpLimits limits) throws ProtocolException {
        ByteBuffer body = afterFormatByte(payload, amf3);
        List<AmfValue> values = new Amf0Reader(limits).readAll(body.duplicate());
        return new DataMessage(values, amf3, body);
    }

    /** Returns a view of the AMF0 part of the payload (position 0 = first value). */
    private static ByteBuffer afterFormatByte(ByteBuffer payload, boolean amf3) throws ProtocolException {
        ByteBuffer body = payload.duplicate();
        if (amf3) {
            // LENIENT: the format byte is skipped whatever its value, as SRS does.
            if (!body.hasRemaining()) {
                throw new ProtocolException(ProtocolError.Code.BAD_MESSAGE,
                        "AMF3 command or data message without its format byte: length=0");
            }
            body.position(body.position() + FORMAT_BYTE_LENGTH);
        }
        return body.slice();
    }

    static int encodedLength(CommandMessage m) {
        int length = (m.amf3() ? FORMAT_BYTE_LENGTH : 0)
                + Amf0Writer.encodedLength(new AmfString(m.name()))
                + Amf0Writer.encodedLength(new AmfNumber(m.transactionId()))
                + Amf0Writer.encodedLength(m.commandObject());
        for (AmfValue v : m.arguments()) {
            length += Amf0Writer.encodedLength(v);
        }
        return length;
    }

    static void write(CommandMessage m, ByteBuffer out) {
        if (m.amf3()) {
            out.put((byte) 0);
        }
        Amf0Writer.write(new AmfString(m.name()), out);
        Amf0Writer.write(new AmfNumber(m.transactionId()), out);
        Amf0Writer.write(m.commandObject(), out);
        for (AmfValue v : m.arguments()) {
            Amf0Writer.write(v, out);
        }
    }

    static int encodedLength(DataMessage m) {
        return (m.amf3() ? FORMAT_BYTE_LENGTH : 0) + m.body().remaining();
    }

    static void write(DataMessage m, ByteBuffer out) {
        if (m.amf3()) {
            out.put((byte) 0);
        }
        out.put(m.body().duplicate());
    }

    /** Returns the AMF0 encoding of {@code values}, back to back, in a new exact-size array. */
    static byte[] encodeValues(AmfValue... values) {
        return Amf0Writer.encode(values);
    }
}
