package io.github.rtmpflow.server.internal;

/**
 * The timestamps one RTMP player sees: they start at 0 and never go backwards across publish
 * sessions, while the intervals within a session stay the publisher's own.
 *
 * <p>Each session is anchored at its first audio or video tag the player receives (for a late
 * joiner the keyframe of the replayed GOP), which is placed at the player's current time:
 * {@code out = sessionStart + (timestamp - anchor)}. Metadata and sequence headers that come
 * before the anchor go out at the current time. Small reorderings between audio and video
 * (a tag a little older than the anchor) are clamped to the session start; a publisher that
 * jumps back by more than {@link #BACKWARD_JUMP_MILLIS} within a session starts a new anchor,
 * so the player never sees time run backwards. Forward jumps pass unchanged: servers do not
 * invent time. Confined to the player's loop.
 */
final class PlayerTimeline {

    /** A backward step within a session larger than this re-anchors the session. */
    static final long BACKWARD_JUMP_MILLIS = 1000;

    private static final long UNSET = Long.MIN_VALUE;

    private long anchor = UNSET;
    private long sessionStart;
    private long last;

    /**
     * Returns the player's timestamp for a tag of the current session.
     *
     * @param timestamp the tag's timestamp on the publisher's 64-bit timeline
     * @param media true for audio and video frames (which anchor a session); false for metadata,
     *     sequence headers and other control tags
     */
    long map(long timestamp, boolean media) {
        if (anchor == UNSET) {
            if (!media) {
                return last;
            }
            anchor = timestamp;
            sessionStart = last;
        }
        long out = sessionStart + (timestamp - anchor);
        if (out < last - BACKWARD_JUMP_MILLIS) {
            // LENIENT: the publisher's clock went back within the session; the player's must not.
            anchor = timestamp;
            sessionStart = last;
            out = last;
        } else if (out < sessionStart) {
            out = sessionStart;
        }
        if (out > last) {
            last = out;
        }
        return out;
    }

    /** A new publish session starts (a discontinuity): its first media tag anchors it at the current time. */
    void newSession() {
        anchor = UNSET;
    }

    /** Returns the latest timestamp handed out, 0 before any. */
    long current() {
        return last;
    }
}
