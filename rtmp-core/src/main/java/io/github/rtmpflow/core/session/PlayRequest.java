package io.github.rtmpflow.core.session;

import java.util.Objects;

/**
 * What a client asked for with {@code play}, for the application to authorize.
 *
 * @param streamId the message stream the play travels on (from createStream)
 * @param name the stream name without its query string
 * @param query the query string after '?', "" when none; may carry a secret: never log it
 * @param start start time in seconds: -2 (default) live or recorded, -1 live only, >= 0 a
 *     recorded stream from that time
 * @param duration seconds to play, -1 (default) until the end
 * @param reset whether to flush a previous playlist (default true)
 */
public record PlayRequest(int streamId, String name, String query, double start, double duration, boolean reset) {

    /** Requires the strings. */
    public PlayRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(query, "query");
    }

    @Override
    public String toString() {
        return "PlayRequest[streamId=" + streamId + ", name=" + name + ", start=" + start
                + ", duration=" + duration + ", reset=" + reset + "]";
    }
}
