package io.github.rtmpflow.flv;

/**
 * The results of {@link TrackFilter#apply} for the tag being published, per track selection, so
 * that subscribers with equal selections (e.g. every legacy player of a multitrack stream) share
 * one narrowed tag instead of each getting its own copy. Producer-thread confined; remembers a
 * few selections of one tag at a time.
 */
final class SelectionMemo {
    private static final int SLOTS = 4;

    private FlvTag tag;
    private final TrackSelection[] selections = new TrackSelection[SLOTS];
    private final FlvTag[] results = new FlvTag[SLOTS];
    private int count;

    /** Returns {@code TrackFilter.apply(tag, selection)}, computed once per tag and selection. */
    FlvTag apply(FlvTag published, TrackSelection selection) {
        if (selection.isAll()) {
            return published;
        }
        if (published != tag) {
            forget();
            tag = published;
        }
        for (int i = 0; i < count; i++) {
            if (selections[i] == selection || selections[i].equals(selection)) {
                return results[i];
            }
        }
        FlvTag result = TrackFilter.apply(published, selection);
        if (count < SLOTS) {
            selections[count] = selection;
            results[count] = result;
            count++;
        }
        return result;
    }

    /** Drops what it holds (the tag and its narrowed copies), e.g. after the publish. */
    void forget() {
        for (int i = 0; i < count; i++) {
            selections[i] = null;
            results[i] = null;
        }
        count = 0;
        tag = null;
    }
}
