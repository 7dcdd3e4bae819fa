package io.github.rtmpflow.server.internal;

/**
 * A name as a peer sends it, split at the first {@code ?}: the name proper and the query
 * string, which may carry a stream key and so must never reach a log line, a path or a
 * registry key.
 *
 * @param name the part before the first {@code ?} (the whole text when there is none)
 * @param query the part after the first {@code ?}, without it; empty when there is none
 */
public record NameAndQuery(String name, String query) {

    /** Splits {@code raw}; null is treated as empty. */
    public static NameAndQuery parse(String raw) {
        if (raw == null) {
            return new NameAndQuery("", "");
        }
        int q = raw.indexOf('?');
        if (q < 0) {
            return new NameAndQuery(raw, "");
        }
        return new NameAndQuery(raw.substring(0, q), raw.substring(q + 1));
    }

    /** Redacts the query, which may hold a key. */
    @Override
    public String toString() {
        return "NameAndQuery[name=" + name + ", query=" + (query.isEmpty() ? "" : "<redacted>") + "]";
    }
}
