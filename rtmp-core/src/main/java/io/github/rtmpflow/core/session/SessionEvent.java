package io.github.rtmpflow.core.session;

import java.util.Objects;

/**
 * What a {@link ServerSession} tells the application, polled with
 * {@link ServerSession#pollEvent()}. Requests ({@link ConnectRequested},
 * {@link PublishRequested}, {@link PlayRequested}) wait for the application's answer
 * (accept or reject on the session), which may come later, from the same thread that drives the
 * session.
 */
public sealed interface SessionEvent {

    /**
     * A client sent connect; answer with {@link ServerSession#acceptConnect()} or
     * {@link ServerSession#rejectConnect(String)}. Commands that arrive meanwhile wait.
     *
     * @param request what the client asked for
     */
    record ConnectRequested(ConnectRequest request) implements SessionEvent {
        /** Requires the request. */
        public ConnectRequested {
            Objects.requireNonNull(request, "request");
        }
    }

    /**
     * A client sent publish; answer with {@link ServerSession#acceptPublish(int)} or
     * {@link ServerSession#rejectPublish(int, String, String)}. Media that arrives before the
     * answer is dropped (FFmpeg, OBS, GStreamer and librtmp send none before Publish.Start).
     *
     * @param request what the client asked for
     */
    record PublishRequested(PublishRequest request) implements SessionEvent {
        /** Requires the request. */
        public PublishRequested {
            Objects.requireNonNull(request, "request");
        }
    }

    /**
     * A client sent play; answer with {@link ServerSession#acceptPlay(int)} or
     * {@link ServerSession#rejectPlay(int, String, String)}.
     *
     * @param request what the client asked for
     */
    record PlayRequested(PlayRequest request) implements SessionEvent {
        /** Requires the request. */
        public PlayRequested {
            Objects.requireNonNull(request, "request");
        }
    }

    /**
     * A player sent pause (or unpause) on a stream it plays; answer with
     * {@link ServerSession#playPaused(int, boolean)} once the pause took effect.
     *
     * @param request the play it concerns
     * @param pause true to pause, false to resume
     * @param millis the stream time the player was at (informational for live streams)
     */
    record PauseRequested(PlayRequest request, boolean pause, double millis) implements SessionEvent {
        /** Requires the request. */
        public PauseRequested {
            Objects.requireNonNull(request, "request");
        }
    }

    /**
     * A player sent seek on a stream it plays; answer with {@link ServerSession#playSeeked(int, double)}.
     *
     * @param request the play it concerns
     * @param millis the stream time asked for
     */
    record SeekRequested(PlayRequest request, double millis) implements SessionEvent {
        /** Requires the request. */
        public SeekRequested {
            Objects.requireNonNull(request, "request");
        }
    }

    /**
     * A publish ended: FCUnpublish, deleteStream, closeStream, or the transport closed.
     *
     * @param request the publish that ended
     * @param started true if it had been accepted; false if it ended while still waiting for
     *     the application's answer (the answer is then ignored)
     */
    record Unpublished(PublishRequest request, boolean started) implements SessionEvent {
        /** Requires the request. */
        public Unpublished {
            Objects.requireNonNull(request, "request");
        }
    }

    /**
     * A play ended: deleteStream, closeStream, or the transport closed.
     *
     * @param request the play that ended
     * @param started true if it had been accepted
     */
    record PlayStopped(PlayRequest request, boolean started) implements SessionEvent {
        /** Requires the request. */
        public PlayStopped {
            Objects.requireNonNull(request, "request");
        }
    }

    /**
     * The peer set its Window Acknowledgement Size: acknowledge received bytes at this window
     * (e.g. with the chunk package's AcknowledgementWindow and
     * {@link ServerSession#acknowledge(long)}).
     *
     * @param windowSize the peer's window in bytes; 0 turns acknowledgements off
     */
    record WindowAcknowledgementSizeChanged(long windowSize) implements SessionEvent {
    }

    /**
     * The session is done: send what {@link ServerSession#pollOutgoing()} still holds, then close
     * the connection. Follows a rejection, or a protocol error found while replaying commands
     * that waited for the connect answer.
     *
     * @param reason why, for the log (never holds a query string)
     */
    record CloseRequested(String reason) implements SessionEvent {
        /** Requires the reason. */
        public CloseRequested {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
