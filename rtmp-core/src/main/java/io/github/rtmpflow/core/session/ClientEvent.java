package io.github.rtmpflow.core.session;

import io.github.rtmpflow.core.amf.AmfObject;
import java.util.Objects;

/** What a {@link ClientSession} reports, polled with {@link ClientSession#pollEvent()}. */
public sealed interface ClientEvent {

    /**
     * The server accepted connect.
     *
     * @param properties the {@code _result}'s properties object (fmsVer, capabilities, Enhanced
     *     RTMP fields); empty when the server sent none
     * @param info the {@code _result}'s info object (level, code, description); empty when none
     */
    record Connected(AmfObject properties, AmfObject info) implements ClientEvent {
        /** Requires both objects. */
        public Connected {
            Objects.requireNonNull(properties, "properties");
            Objects.requireNonNull(info, "info");
        }
    }

    /**
     * The server answered publish with NetStream.Publish.Start: send media on {@code streamId}.
     *
     * @param streamId the message stream to publish on
     * @param name the name as given to {@link ClientSession#publish(String, String)}
     */
    record PublishStarted(int streamId, String name) implements ClientEvent {
    }

    /**
     * The server answered play with NetStream.Play.Start: media follows on {@code streamId}.
     *
     * @param streamId the message stream media arrives on
     * @param name the name as given to {@link ClientSession#play(String)}
     */
    record PlayStarted(int streamId, String name) implements ClientEvent {
    }

    /**
     * The server refused: {@code _error} to connect or createStream, or onStatus with level
     * "error" to publish or play.
     *
     * @param command the command refused ("connect", "createStream", "publish", "play")
     * @param code the info object's code, e.g. NetStream.Publish.BadName; "" when absent
     * @param description the info object's description; "" when absent
     */
    record Rejected(String command, String code, String description) implements ClientEvent {
        /** Requires the strings. */
        public Rejected {
            Objects.requireNonNull(command, "command");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(description, "description");
        }
    }

    /**
     * Any other onStatus, e.g. NetStream.Unpublish.Success, NetStream.Play.Reset or
     * NetConnection.Connect.ReconnectRequest.
     *
     * @param messageStreamId the stream it came on (0 for the NetConnection)
     * @param info the info object
     */
    record Status(int messageStreamId, AmfObject info) implements ClientEvent {
        /** Requires the info object. */
        public Status {
            Objects.requireNonNull(info, "info");
        }

        /** Returns the info object's code, or null. */
        public String code() {
            return info.getString("code");
        }
    }

    /**
     * The server set its Window Acknowledgement Size: acknowledge received bytes at this window.
     *
     * @param windowSize the server's window in bytes
     */
    record WindowAcknowledgementSizeChanged(long windowSize) implements ClientEvent {
    }
}
