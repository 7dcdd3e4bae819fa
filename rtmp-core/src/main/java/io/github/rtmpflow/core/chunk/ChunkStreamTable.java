package io.github.rtmpflow.core.chunk;

import java.util.Arrays;

/**
 * Per-chunk-stream state by chunk stream id: a plain array for the 1-byte ids (below 64),
 * which real publishers use, and a small open-addressing map above, so a lookup neither
 * boxes nor allocates. Not thread-safe.
 *
 * @param <S> the state type
 */
final class ChunkStreamTable<S> {

    private static final int LOW_IDS = 64;
    private static final int EMPTY = 0;

    private final Object[] low = new Object[LOW_IDS];
    private int[] highKeys = new int[8];
    private Object[] highValues = new Object[8];
    private int highCount;
    private int size;

    /** Returns the state of {@code chunkStreamId}, or null. */
    @SuppressWarnings("unchecked")
    S get(int chunkStreamId) {
        if (chunkStreamId < LOW_IDS) {
            return chunkStreamId < 0 ? null : (S) low[chunkStreamId];
        }
        int mask = highKeys.length - 1;
        for (int i = mix(chunkStreamId) & mask; ; i = (i + 1) & mask) {
            int key = highKeys[i];
            if (key == chunkStreamId) {
                return (S) highValues[i];
            }
            if (key == EMPTY) {
                return null;
            }
        }
    }

    /** Stores the state of a chunk stream that has none yet. */
    void put(int chunkStreamId, S state) {
        size++;
        if (chunkStreamId < LOW_IDS) {
            low[chunkStreamId] = state;
            return;
        }
        // Keep the load at or below one half so probe chains stay short.
        if ((highCount + 1) * 2 > highKeys.length) {
            grow();
        }
        insert(highKeys, highValues, chunkStreamId, state);
        highCount++;
    }

    /** Returns how many chunk streams hold state. */
    int size() {
        return size;
    }

    /** Drops every state. */
    void clear() {
        Arrays.fill(low, null);
        Arrays.fill(highKeys, EMPTY);
        Arrays.fill(highValues, null);
        highCount = 0;
        size = 0;
    }

    private void grow() {
        int[] keys = new int[highKeys.length * 2];
        Object[] values = new Object[keys.length];
        for (int i = 0; i < highKeys.length; i++) {
            if (highKeys[i] != EMPTY) {
                insert(keys, values, highKeys[i], highValues[i]);
            }
        }
        highKeys = keys;
        highValues = values;
    }

    private static void insert(int[] keys, Object[] values, int key, Object value) {
        int mask = keys.length - 1;
        int i = mix(key) & mask;
        while (keys[i] != EMPTY) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
    }

    private static int mix(int key) {
        int h = key * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
