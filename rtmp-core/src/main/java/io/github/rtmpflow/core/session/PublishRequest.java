package io.github.rtmpflow.core.session;

import java.util.Objects;

/**
 * What a client asked for with {@code publish}, for the application to authorize.
 *
 * @param streamId the message stream the publish travels on (from createStream)
 * @param name the publish name without its query string (e.g. "cam1" for "cam1?key=SECRET")
 * @param query the query string after '?' ("key=SECRET"), "" when none. It may carry a
 *     secret: never log it.
 * @param publishType "live", "record" or "append" as the client sent it ("live" when absent)
 */
public record PublishRequest(int streamId, String name, String query, String publishType) {

    /** Requires the strings. */
    public PublishRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(publishType, "publishType");
    }

    @Override
    public String toString() {
        return "PublishRequest[streamId=" + streamId + ", name=" + name + ", publishType=" + publishType + "]";
    }
}
