package io.github.rtmpflow.server.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Looks up parameters in an {@code a=1&b=2} query string, URL-decoding names and values. */
public final class QueryString {

    private QueryString() {
    }

    /**
     * Returns the decoded value of the first parameter called {@code name} in {@code query}, the
     * empty string for a parameter without {@code =}, or null when it is absent. Malformed
     * percent escapes are kept as they are.
     */
    public static String param(String query, String name) {
        if (query == null || query.isEmpty() || name == null) {
            return null;
        }
        int start = 0;
        while (start <= query.length()) {
            int end = query.indexOf('&', start);
            if (end < 0) {
                end = query.length();
            }
            String pair = query.substring(start, end);
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (key.equals(name)) {
                return eq < 0 ? "" : decode(pair.substring(eq + 1));
            }
            start = end + 1;
        }
        return null;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // LENIENT: encoders paste keys verbatim; a stray '%' is part of the key.
            return text;
        }
    }
}
