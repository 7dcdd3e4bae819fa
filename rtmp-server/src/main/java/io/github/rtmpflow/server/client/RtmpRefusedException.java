package io.github.rtmpflow.server.client;

import java.io.IOException;

/**
 * The server refused a connect, publish or play: {@code _error} or onStatus with level "error".
 * The message holds the code and description, never the stream key.
 */
public final class RtmpRefusedException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String command;
    private final String code;
    private final String description;

    /** Creates the exception for a refused {@code command}. */
    public RtmpRefusedException(String command, String code, String description) {
        super(command + " refused: " + code + " (" + description + ")");
        this.command = command;
        this.code = code;
        this.description = description;
    }

    /** Returns the refused command: "connect", "createStream", "publish" or "play". */
    public String command() {
        return command;
    }

    /** Returns the status code, e.g. {@code NetStream.Publish.BadName}. */
    public String code() {
        return code;
    }

    /** Returns the server's description. */
    public String description() {
        return description;
    }
}
