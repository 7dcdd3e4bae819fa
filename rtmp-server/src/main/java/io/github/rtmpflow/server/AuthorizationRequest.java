package io.github.rtmpflow.server;

import io.github.rtmpflow.server.internal.QueryString;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * What a peer asks to do, for an {@link Authorizer}. Encoders carry credentials as query
 * strings, on the stream name ({@code cam1?key=SECRET}, OBS's "stream key" field) or on the
 * connect URL ({@code rtmp://host/live?key=SECRET}); both are here, and
 * {@link #queryParam(String)} looks in both. The name itself never contains the query.
 *
 * <p>{@link #toString()} redacts both query strings: they are secrets.
 *
 * @param action publish or play
 * @param app the application name from the connect command (without query string)
 * @param streamName the validated stream name, without query string
 * @param streamQuery the query string of the publish or play name, without the {@code ?};
 *     empty when there is none
 * @param tcUrlQuery the query string of the connect command's tcUrl (or app), without the
 *     {@code ?}; empty when there is none
 * @param peer the client's address
 */
public record AuthorizationRequest(
        Action action, String app, String streamName, String streamQuery, String tcUrlQuery, InetSocketAddress peer) {

    /** What the peer wants to do. */
    public enum Action {
        /** Publish a stream. */
        PUBLISH,
        /** Play a stream. */
        PLAY
    }

    /** Requires every component; absent query strings are empty strings. */
    public AuthorizationRequest {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(streamName, "streamName");
        Objects.requireNonNull(streamQuery, "streamQuery");
        Objects.requireNonNull(tcUrlQuery, "tcUrlQuery");
        Objects.requireNonNull(peer, "peer");
    }

    /**
     * Returns the URL-decoded value of parameter {@code name}: from the stream name's query
     * string, else from the tcUrl's; the empty string for a parameter without value; null when
     * neither has it.
     */
    public String queryParam(String name) {
        String value = QueryString.param(streamQuery, name);
        return value != null ? value : QueryString.param(tcUrlQuery, name);
    }

    /** Describes the request without the query strings, which may hold keys. */
    @Override
    public String toString() {
        return "AuthorizationRequest[action=" + action + ", app=" + app + ", streamName=" + streamName
                + ", streamQuery=" + (streamQuery.isEmpty() ? "" : "<redacted>")
                + ", tcUrlQuery=" + (tcUrlQuery.isEmpty() ? "" : "<redacted>") + ", peer=" + peer + "]";
    }
}
