package io.github.rtmpflow.core.session;

import io.github.rtmpflow.core.amf.AmfBoolean;
import io.github.rtmpflow.core.amf.AmfNull;
import io.github.rtmpflow.core.amf.AmfNumber;
import io.github.rtmpflow.core.amf.AmfObject;
import io.github.rtmpflow.core.amf.AmfString;
import io.github.rtmpflow.core.amf.AmfValue;
import io.github.rtmpflow.core.message.CommandMessage;
import io.github.rtmpflow.core.message.DataMessage;

/**
 * Factories for the commands the sessions send, and the command names they react to. All
 * commands are AMF0 (type 20).
 */
public final class Commands {
    /** Client: open the NetConnection. */
    public static final String CONNECT = "connect";
    /** Client: ask for a message stream. */
    public static final String CREATE_STREAM = "createStream";
    /** Client: free a message stream. */
    public static final String DELETE_STREAM = "deleteStream";
    /** Client: stop publishing or playing on the stream the command travels on. */
    public static final String CLOSE_STREAM = "closeStream";
    /** Client: start publishing on the stream the command travels on. */
    public static final String PUBLISH = "publish";
    /** Client: start playing on the stream the command travels on. */
    public static final String PLAY = "play";
    /** Client: pause or resume a played stream. */
    public static final String PAUSE = "pause";
    /** Client: seek in a played stream. */
    public static final String SEEK = "seek";
    /** Client (FMLE style): release a name before publishing it. */
    public static final String RELEASE_STREAM = "releaseStream";
    /** Client (FMLE style): announce a publish. */
    public static final String FC_PUBLISH = "FCPublish";
    /** Client (FMLE style): announce the end of a publish. */
    public static final String FC_UNPUBLISH = "FCUnpublish";
    /** Server: answer to FCPublish. */
    public static final String ON_FC_PUBLISH = "onFCPublish";
    /** Client: ask the length of a recorded stream. */
    public static final String GET_STREAM_LENGTH = "getStreamLength";
    /** Client: bandwidth check (FMLE). */
    public static final String CHECK_BW = "checkbw";
    /** Client: bandwidth check (FMLE). */
    public static final String CHECK_BW_INTERNAL = "_checkbw";
    /** Success answer; carries the transaction id of the command it answers. */
    public static final String RESULT = "_result";
    /** Failure answer; carries the transaction id of the command it answers. */
    public static final String ERROR = "_error";
    /** Status notification. */
    public static final String ON_STATUS = "onStatus";
    /** Data message the server sends a player to allow sample access. */
    public static final String RTMP_SAMPLE_ACCESS = "|RtmpSampleAccess";

    private Commands() {
    }

    /** Returns {@code {level, code, description}}, the info object of onStatus and replies. */
    public static AmfObject statusInfo(String level, String code, String description) {
        return AmfObject.builder().put("level", level).put("code", code).put("description", description).build();
    }

    /** Returns {@code _result(transactionId, commandObject, arguments...)}. */
    public static CommandMessage result(double transactionId, AmfValue commandObject, AmfValue... arguments) {
        return CommandMessage.of(RESULT, transactionId, commandObject, arguments);
    }

    /** Returns {@code _error(transactionId, null, {level: "error", code, description})}. */
    public static CommandMessage error(double transactionId, String code, String description) {
        return CommandMessage.of(ERROR, transactionId, AmfNull.INSTANCE,
                statusInfo(StatusCodes.LEVEL_ERROR, code, description));
    }

    /** Returns {@code onStatus(0, null, {level, code, description})}. */
    public static CommandMessage onStatus(String level, String code, String description) {
        return onStatus(statusInfo(level, code, description));
    }

    /** Returns {@code onStatus(0, null, info)}. */
    public static CommandMessage onStatus(AmfObject info) {
        return CommandMessage.of(ON_STATUS, 0, AmfNull.INSTANCE, info);
    }

    /**
     * Returns {@code onFCPublish(0, null, {level: "status", code: NetStream.Publish.Start,
     * description: name})}, as nginx-rtmp (before 1.2) and Wowza send.
     */
    public static CommandMessage onFcPublish(String name) {
        return CommandMessage.of(ON_FC_PUBLISH, 0, AmfNull.INSTANCE,
                statusInfo(StatusCodes.LEVEL_STATUS, StatusCodes.PUBLISH_START, name));
    }

    /** Returns the data message {@code |RtmpSampleAccess(audio, video)}. */
    public static DataMessage rtmpSampleAccess(boolean audio, boolean video) {
        return DataMessage.of(new AmfString(RTMP_SAMPLE_ACCESS), audio ? AmfBoolean.TRUE : AmfBoolean.FALSE,
                video ? AmfBoolean.TRUE : AmfBoolean.FALSE);
    }

    /** Returns the data message {@code onStatus({code: NetStream.Data.Start})}, as SRS sends to players. */
    public static DataMessage dataStart() {
        return DataMessage.of(new AmfString(ON_STATUS), AmfObject.builder().put("code", StatusCodes.DATA_START).build());
    }

    /** Returns {@code connect(transactionId, commandObject)}. */
    public static CommandMessage connect(double transactionId, AmfObject commandObject) {
        return CommandMessage.of(CONNECT, transactionId, commandObject);
    }

    /** Returns {@code createStream(transactionId, null)}. */
    public static CommandMessage createStream(double transactionId) {
        return CommandMessage.of(CREATE_STREAM, transactionId, AmfNull.INSTANCE);
    }

    /** Returns {@code releaseStream(transactionId, null, name)}. */
    public static CommandMessage releaseStream(double transactionId, String name) {
        return CommandMessage.of(RELEASE_STREAM, transactionId, AmfNull.INSTANCE, new AmfString(name));
    }

    /** Returns {@code FCPublish(transactionId, null, name)}. */
    public static CommandMessage fcPublish(double transactionId, String name) {
        return CommandMessage.of(FC_PUBLISH, transactionId, AmfNull.INSTANCE, new AmfString(name));
    }

    /** Returns {@code FCUnpublish(transactionId, null, name)}. */
    public static CommandMessage fcUnpublish(double transactionId, String name) {
        return CommandMessage.of(FC_UNPUBLISH, transactionId, AmfNull.INSTANCE, new AmfString(name));
    }

    /** Returns {@code publish(transactionId, null, name, type)}; type is "live", "record" or "append". */
    public static CommandMessage publish(double transactionId, String name, String type) {
        return CommandMessage.of(PUBLISH, transactionId, AmfNull.INSTANCE, new AmfString(name), new AmfString(type));
    }

    /** Returns {@code play(transactionId, null, name, start)}; start -2 means live or recorded, -1 live only. */
    public static CommandMessage play(double transactionId, String name, double start) {
        return CommandMessage.of(PLAY, transactionId, AmfNull.INSTANCE, new AmfString(name), new AmfNumber(start));
    }

    /** Returns {@code pause(0, null, pause, millis)}. */
    public static CommandMessage pause(boolean pause, double millis) {
        return CommandMessage.of(PAUSE, 0, AmfNull.INSTANCE, pause ? AmfBoolean.TRUE : AmfBoolean.FALSE,
                new AmfNumber(millis));
    }

    /** Returns {@code seek(0, null, millis)}. */
    public static CommandMessage seek(double millis) {
        return CommandMessage.of(SEEK, 0, AmfNull.INSTANCE, new AmfNumber(millis));
    }

    /** Returns {@code deleteStream(transactionId, null, streamId)}. */
    public static CommandMessage deleteStream(double transactionId, int streamId) {
        return CommandMessage.of(DELETE_STREAM, transactionId, AmfNull.INSTANCE, new AmfNumber(streamId));
    }

    /** Returns {@code closeStream(0, null)}. */
    public static CommandMessage closeStream() {
        return CommandMessage.of(CLOSE_STREAM, 0, AmfNull.INSTANCE);
    }
}
