package io.github.rtmpflow.benchmarks.load;

import java.net.InetSocketAddress;

/**
 * An {@code rtmp://host[:port]/app} (or {@code rtmps://}) URL, split into what the generator needs.
 *
 * @param host host name or address literal
 * @param port TCP port (1935 when the URL names none; 443 for rtmps)
 * @param app the application name (the URL path without its leading slash)
 * @param tls whether the scheme is {@code rtmps} (TLS, trusting any certificate)
 */
record RtmpUrl(String host, int port, String app, boolean tls) {

    /** The RTMP default port. */
    static final int DEFAULT_PORT = 1935;
    /** The RTMPS default port. */
    static final int DEFAULT_TLS_PORT = 443;
    private static final String SCHEME = "rtmp://";
    private static final String TLS_SCHEME = "rtmps://";

    /** Requires a host, a port in 1..65535 and a non-empty app. */
    RtmpUrl {
        if (host == null || host.isEmpty() || port < 1 || port > 65_535 || app == null || app.isEmpty()) {
            throw new IllegalArgumentException("bad RTMP URL parts: host=" + host + " port=" + port + " app=" + app);
        }
    }

    /** A plain {@code rtmp://} URL. */
    RtmpUrl(String host, int port, String app) {
        this(host, port, app, false);
    }

    /**
     * Parses {@code rtmp://host[:port]/app} or {@code rtmps://...}; IPv6 literals go in brackets.
     *
     * @throws IllegalArgumentException when the text is not such a URL
     */
    static RtmpUrl parse(String text) {
        boolean tls = text.startsWith(TLS_SCHEME);
        if (!text.startsWith(SCHEME) && !tls) {
            throw new IllegalArgumentException("URL must start with rtmp:// or rtmps://: url=" + text);
        }
        String rest = text.substring(tls ? TLS_SCHEME.length() : SCHEME.length());
        int slash = rest.indexOf('/');
        if (slash < 0 || slash == rest.length() - 1) {
            throw new IllegalArgumentException("URL needs an app: url=" + text);
        }
        String authority = rest.substring(0, slash);
        String app = rest.substring(slash + 1);
        String host = authority;
        int port = tls ? DEFAULT_TLS_PORT : DEFAULT_PORT;
        int colon = authority.lastIndexOf(':');
        if (colon > authority.lastIndexOf(']')) {
            host = authority.substring(0, colon);
            try {
                port = Integer.parseInt(authority.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad port: url=" + text, e);
            }
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new RtmpUrl(host, port, app, tls);
    }

    /** Returns the tcUrl sent in connect. */
    String tcUrl() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return (tls ? TLS_SCHEME : SCHEME) + h + ":" + port + "/" + app;
    }

    /** Returns the address to connect to (resolved now). */
    InetSocketAddress address() {
        return new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return tcUrl();
    }
}
