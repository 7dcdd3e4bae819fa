package io.github.rtmpflow.core.session;

/** Splits {@code name?query} strings (publish and play names, app names, tcUrls). */
final class StreamNames {
    private StreamNames() {
    }

    /** Returns the part before the first '?', or the whole string. */
    static String withoutQuery(String s) {
        int q = s.indexOf('?');
        return q < 0 ? s : s.substring(0, q);
    }

    /** Returns the part after the first '?', or "" when there is none. */
    static String query(String s) {
        int q = s.indexOf('?');
        return q < 0 ? "" : s.substring(q + 1);
    }
}
