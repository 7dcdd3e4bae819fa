package io.github.rtmpflow.core.session;

import java.util.function.Consumer;

/**
 * The message streams of one connection, ids 1..max, with what each one does. Lookup by id is an
 * array index: the media hot path asks it once per message.
 */
final class MessageStreamTable {

    /** What a message stream is doing. */
    enum State {
        IDLE, PUBLISH_PENDING, PUBLISHING, PLAY_PENDING, PLAYING
    }

    /** One open message stream. */
    static final class Slot {
        final int id;
        State state = State.IDLE;
        PublishRequest publish;
        PlayRequest play;
        /** The name of the last publish or play, kept after it ends (see findByName). */
        String lastName;
        long bufferMillis = -1;

        Slot(int id) {
            this.id = id;
        }

        /** Back to idle: no publish, no play. */
        void reset() {
            state = State.IDLE;
            publish = null;
            play = null;
        }

        /** Returns the publish or play name, or null when idle. */
        String name() {
            if (publish != null) {
                return publish.name();
            }
            return play == null ? null : play.name();
        }
    }

    private final Slot[] slots;
    private int open;

    MessageStreamTable(int maxStreams) {
        slots = new Slot[maxStreams + 1];
    }

    /** Opens the lowest free id (so the first createStream gets 1), or returns null when full. */
    Slot create() {
        for (int id = 1; id < slots.length; id++) {
            if (slots[id] == null) {
                slots[id] = new Slot(id);
                open++;
                return slots[id];
            }
        }
        return null;
    }

    /** Returns the open stream with this id, or null. */
    Slot get(int id) {
        return id > 0 && id < slots.length ? slots[id] : null;
    }

    /**
     * Returns the open stream publishing or playing {@code name} (without query), else the one
     * that did so last (GStreamer names the stream in deleteStream after FCUnpublish ended
     * its publish), or null.
     */
    Slot findByName(String name) {
        for (int id = 1; id < slots.length; id++) {
            Slot s = slots[id];
            if (s != null && name.equals(s.name())) {
                return s;
            }
        }
        for (int id = 1; id < slots.length; id++) {
            Slot s = slots[id];
            if (s != null && name.equals(s.lastName)) {
                return s;
            }
        }
        return null;
    }

    /** Closes the stream with this id; a no-op when it is not open. */
    void delete(int id) {
        if (get(id) != null) {
            slots[id] = null;
            open--;
        }
    }

    /** Returns the number of open streams. */
    int openCount() {
        return open;
    }

    /** Calls {@code action} for every open stream, in id order. */
    void forEach(Consumer<Slot> action) {
        for (int id = 1; id < slots.length; id++) {
            if (slots[id] != null) {
                action.accept(slots[id]);
            }
        }
    }
}
