package io.github.rtmpflow.server.internal;

import io.github.rtmpflow.flv.FanoutOptions;
import io.github.rtmpflow.flv.FlvTag;
import io.github.rtmpflow.flv.TagFanout;

/**
 * One stream name {@code app/name} in the registry: the fan-out that lives across its publish
 * sessions (for {@code server.subscribe}) and the current session, if any.
 *
 * <p>The name fan-out has one producer at a time by contract; here successive sessions may run
 * on different loops (and a taken-over publisher may still be finishing a tag), so every
 * producer call goes through this entry's lock, and only the current session's tags pass.
 */
final class StreamEntry {

    final String app;
    final String name;
    final String key;
    private final TagFanout nameFanout;
    private LiveStreamImpl current;

    StreamEntry(String app, String name, FanoutOptions options) {
        this.app = app;
        this.name = name;
        this.key = app + "/" + name;
        this.nameFanout = new TagFanout(key + " (name)", options);
    }

    TagFanout nameFanout() {
        return nameFanout;
    }

    synchronized LiveStreamImpl current() {
        return current;
    }

    /**
     * Makes {@code session} current; the previous one, if any, ends its part of the name. The
     * name's late joiners start from the current session's caches (see
     * {@link TagFanout#followCaches}), so a stream is cached once.
     */
    synchronized void setCurrent(LiveStreamImpl session) {
        if (current != null && !nameFanout.isTerminated()) {
            nameFanout.endSession();
        }
        current = session;
        if (session != null && !nameFanout.isTerminated()) {
            nameFanout.followCaches(session.fanout());
        }
        nameFanout.onProducerResumed(session == null ? null : session::resumeFromNameFanout);
    }

    /** Ends {@code session}'s part of the name when it is still current; returns whether it was. */
    synchronized boolean clearIfCurrent(LiveStreamImpl session) {
        if (current != session) {
            return false;
        }
        setCurrent(null);
        return true;
    }

    /**
     * Publishes a tag of {@code session} to the name's subscribers when it is the current one.
     *
     * @return false when a pausing subscriber asks the producer to stop reading
     */
    synchronized boolean publish(LiveStreamImpl session, FlvTag tag) {
        if (current != session || nameFanout.isTerminated()) {
            return true;
        }
        return nameFanout.publish(tag);
    }

    synchronized boolean isProducerPaused() {
        return nameFanout.isProducerPaused();
    }

    /** Whether nothing needs this entry any more: no session and no subscriber. */
    synchronized boolean isUnused() {
        return current == null && nameFanout.subscriberCount() == 0;
    }

    /** Server shutdown: completes the name's subscribers. */
    synchronized void complete() {
        current = null;
        nameFanout.complete();
    }
}
