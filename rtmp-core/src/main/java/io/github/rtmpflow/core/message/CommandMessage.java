package io.github.rtmpflow.core.message;

import io.github.rtmpflow.core.amf.AmfNull;
import io.github.rtmpflow.core.amf.AmfObject;
import io.github.rtmpflow.core.amf.AmfValue;
import io.github.rtmpflow.core.chunk.MessageTypes;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A command message (type 20, AMF0; or type 17, whose payload starts with one format byte 0
 * and then continues in AMF0, AMF3 values appearing only behind marker 0x11): the command name,
 * the transaction id, the command object and the optional arguments.
 *
 * <p>SPEC: RTMP 1.0 section 7.1.1. Transaction id 0 means the sender expects no answer;
 * {@code _result}/{@code _error} answers carry the id of the command they answer.
 *
 * @param name the command name, e.g. {@code "connect"}, {@code "_result"}, {@code "onStatus"}
 * @param transactionId the transaction id
 * @param commandObject the command object (often {@link AmfNull#INSTANCE}); a missing one on the
 *     wire decodes as null-the-AMF-value
 * @param arguments the values after the command object, unmodifiable
 * @param amf3 true for message type 17, false for 20
 */
public record CommandMessage(String name, double transactionId, AmfValue commandObject,
        List<AmfValue> arguments, boolean amf3) implements RtmpMessage {

    /** Requires a name and copies the arguments; a Java null command object becomes AMF null. */
    public CommandMessage {
        Objects.requireNonNull(name, "name");
        commandObject = commandObject == null ? AmfNull.INSTANCE : commandObject;
        arguments = List.copyOf(arguments);
    }

    /** Returns an AMF0 (type 20) command. */
    public static CommandMessage of(String name, double transactionId, AmfValue commandObject,
            AmfValue... arguments) {
        return new CommandMessage(name, transactionId, commandObject, Arrays.asList(arguments), false);
    }

    @Override
    public int typeId() {
        return amf3 ? MessageTypes.COMMAND_AMF3 : MessageTypes.COMMAND_AMF0;
    }

    /** Returns argument {@code index} (0 is the first value after the command object), or null. */
    public AmfValue argument(int index) {
        return index >= 0 && index < arguments.size() ? arguments.get(index) : null;
    }

    /** Returns argument {@code index} if it is an AMF string, else null. */
    public String stringArgument(int index) {
        AmfValue v = argument(index);
        return v == null ? null : v.asString();
    }

    /** Returns argument {@code index} if it is an AMF number, else NaN. */
    public double numberArgument(int index) {
        AmfValue v = argument(index);
        return v == null ? Double.NaN : v.asNumber();
    }

    /** Returns argument {@code index} if it is an AMF object, else null. */
    public AmfObject objectArgument(int index) {
        return argument(index) instanceof AmfObject o ? o : null;
    }
}
