package io.github.rtmpflow.server.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/**
 * An {@code rtmp://host[:port]/app[?query]} address as the client connects to it: the host
 * and port to dial, the application name sent in connect, and the tcUrl (the URL itself, query
 * included, as encoders send it).
 *
 * @param host the host to dial
 * @param port the port (1935 when the URL has none)
 * @param app the application: the first path segment, with the URL's query appended when
 *     there is one (so a key in the URL reaches the server both ways, as FFmpeg sends it)
 * @param tcUrl the URL as given, for the connect command
 */
public record RtmpUrl(String host, int port, String app, String tcUrl) {

    /** The RTMP default port. */
    public static final int DEFAULT_PORT = 1935;
    /** The RTMPS default port. */
    public static final int DEFAULT_TLS_PORT = 443;

    /** Requires every component. */
    public RtmpUrl {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(tcUrl, "tcUrl");
    }

    /**
     * Parses {@code rtmp://host[:port]/app[?query]} or {@code rtmps://...} (default ports 1935
     * and 443).
     *
     * @throws IllegalArgumentException when the URL is not an rtmp(s) URL with a host and an app
     */
    public static RtmpUrl parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + e.getReason());
        }
        boolean tls = "rtmps".equalsIgnoreCase(uri.getScheme());
        if (!(tls || "rtmp".equalsIgnoreCase(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("not an rtmp://host/app URL: scheme=" + uri.getScheme());
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String app = path.startsWith("/") ? path.substring(1) : path;
        if (app.endsWith("/")) {
            app = app.substring(0, app.length() - 1);
        }
        if (app.isEmpty()) {
            throw new IllegalArgumentException("rtmp URL without an application");
        }
        if (uri.getRawQuery() != null) {
            app = app + "?" + uri.getRawQuery();
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : tls ? DEFAULT_TLS_PORT : DEFAULT_PORT;
        return new RtmpUrl(uri.getHost(), port, app, url);
    }

    /**
     * Returns whether the URL's scheme is {@code rtmps} (RTMP over TLS). {@link RtmpClient} speaks
     * plain RTMP only; the load generator speaks both.
     */
    public boolean tls() {
        return tcUrl.regionMatches(true, 0, "rtmps:", 0, "rtmps:".length());
    }

    /** Describes the URL without its query string, which may hold a key. */
    @Override
    public String toString() {
        int q = app.indexOf('?');
        return (tls() ? "rtmps://" : "rtmp://") + host + ":" + port + "/" + (q < 0 ? app : app.substring(0, q));
    }
}
