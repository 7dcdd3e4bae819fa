package io.github.rtmpflow.flv;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live fan-out of one stream: a {@link Flow.Publisher Flow.Publisher&lt;FlvTag&gt;} that
 * hands every published tag to any number of subscribers, each with its own bounded queue,
 * delivery executor, demand and {@link OverflowPolicy}, plus synchronous {@link TagListener}s.
 *
 * <h2>Producer</h2>
 * One thread at a time (the server's event loop) calls {@link #publish(FlvTag)},
 * {@link #endSession()}, {@link #complete()} and {@link #fail(Throwable)}; they never block and
 * cost O(subscribers): a tag is appended to each queue (no copy: every subscriber gets the same
 * immutable {@link FlvTag}) and each idle subscriber's drain task is handed to its executor.
 * Listeners run inline. The first publish after a subscription also primes it (see below),
 * which costs O(cached tags) once.
 *
 * <h2>Subscribers</h2>
 * {@link #subscribe(Flow.Subscriber, SubscribeOptions)} may be called from any thread, at any
 * time. {@code onSubscribe} comes first, on the subscriber's executor; tags then arrive in
 * publish order, as demand allows, never more than requested. A subscriber that joins while the
 * session is live first receives, at the next publish, the current onMetaData and the video and
 * audio sequence headers; then, if it asked ({@link SubscribeOptions#replayGop()}) and the GOP
 * is cached and fits its queue, the tags since the last keyframe; otherwise it skips media until
 * the next keyframe (any audio frame in an audio-only stream). A subscriber that joins before
 * the session's first audio or video frame receives every tag. Primed tags keep their original
 * timestamps. A subscriber that throws is logged at WARN and cancelled; the others go on.
 *
 * <h2>Sessions and termination</h2>
 * A fan-out per publish session ends with {@link #complete()} (subscribers receive what is
 * queued, then {@code onComplete}) or {@link #fail(Throwable)} (what is queued, then
 * {@code onError}); a late subscriber then gets {@code onSubscribe} and the terminal signal. A
 * fan-out that lives across publish sessions of one stream name calls {@link #endSession()}
 * instead: the caches are cleared and every subscriber that received something is told with
 * {@link DiscontinuityListener#onDiscontinuity()} (if it implements that interface) before any
 * tag of the next session.
 *
 * <h2>Producer pause</h2>
 * Only subscribers with {@link OverflowPolicy#PAUSE_PRODUCER} hold the producer back:
 * {@link #publish(FlvTag)} returns false and {@link #isProducerPaused()} is true while one of
 * their queues is at its bounds; the callback given to {@link #onProducerResumed(Runnable)}
 * runs when the last of them has drained to half its bounds.
 */
public final class TagFanout implements Flow.Publisher<FlvTag> {
    private static final Logger LOG = LoggerFactory.getLogger(TagFanout.class);
    private static final Sink[] NO_SINKS = new Sink[0];
    private static final Object COMPLETED = new Object();

    private final String name;
    private final JoinCache ownCache;
    /** Producer-confined: where late joiners start from, {@link #ownCache} or a leader's (see {@link #followCaches}). */
    private JoinCache cache;
    /** Producer-confined: narrowed copies of the tag being published, shared by equal selections. */
    private final SelectionMemo selections = new SelectionMemo();
    private final AtomicReference<Sink[]> sinks = new AtomicReference<>(NO_SINKS);
    private final AtomicInteger pausingSubscribers = new AtomicInteger();
    /** Null while live; {@link #COMPLETED} or the Throwable once terminated. */
    private volatile Object terminal;
    private volatile Runnable resumeCallback;
    private final SingleWriterCounter publishedTags = new SingleWriterCounter();
    private final SingleWriterCounter publishedBytes = new SingleWriterCounter();
    private final SingleWriterCounter sessions = new SingleWriterCounter();

    /**
     * Creates a fan-out with {@link FanoutOptions#DEFAULTS}.
     *
     * @param name a label for logs, e.g. {@code "live/cam1"}
     */
    public TagFanout(String name) {
        this(name, FanoutOptions.DEFAULTS);
    }

    /**
     * Creates a fan-out.
     *
     * @param name a label for logs, e.g. {@code "live/cam1"}
     * @param options the late-joiner cache bounds
     */
    public TagFanout(String name, FanoutOptions options) {
        this.name = Objects.requireNonNull(name, "name");
        this.ownCache = new JoinCache(Objects.requireNonNull(options, "options"));
        this.cache = ownCache;
    }

    /** Returns the label given at construction. */
    public String name() {
        return name;
    }

    /**
     * Subscribes with {@link SubscribeOptions#defaults()}.
     *
     * @param subscriber the subscriber; it may also implement {@link DiscontinuityListener}
     */
    @Override
    public void subscribe(Flow.Subscriber<? super FlvTag> subscriber) {
        subscribe(subscriber, SubscribeOptions.defaults());
    }

    /**
     * Subscribes with the given options. Any thread; never blocks.
     *
     * @param subscriber the subscriber; it may also implement {@link DiscontinuityListener}
     * @param options executor, bounds, overflow policy, GOP replay
     * @return a handle for statistics and cancellation
     */
    public TagSubscription subscribe(Flow.Subscriber<? super FlvTag> subscriber, SubscribeOptions options) {
        // SPEC: Reactive Streams 1.9: a null subscriber is a NullPointerException.
        Objects.requireNonNull(subscriber, "subscriber");
        Objects.requireNonNull(options, "options");
        QueuedSubscription subscription = new QueuedSubscription(this, subscriber, options);
        register(subscription);
        subscription.start();
        LOG.debug("[{}] subscribed {} ({})", name, options.name(), options.overflowPolicy());
        return subscription;
    }

    /**
     * Adds a synchronous listener with default options (no GOP replay).
     *
     * @param listener called on the producer's thread; must not block
     * @return a handle for statistics and cancellation
     */
    public TagSubscription addListener(TagListener listener) {
        return addListener(listener, SubscribeOptions.defaults().withName("listener"));
    }

    /**
     * Adds a synchronous listener. Of the options only {@link SubscribeOptions#name()} and
     * {@link SubscribeOptions#replayGop()} apply: a listener has no queue, executor or policy.
     * Joining a terminated fan-out calls its terminal method at once, on this thread.
     *
     * @param listener called on the producer's thread; must not block
     * @param options name and GOP replay
     * @return a handle for statistics and cancellation
     */
    public TagSubscription addListener(TagListener listener, SubscribeOptions options) {
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(options, "options");
        ListenerSubscription subscription = new ListenerSubscription(this, listener, options);
        register(subscription);
        return subscription;
    }

    /**
     * Publishes a tag to every subscriber and listener. Producer thread; O(subscribers); never
     * blocks.
     *
     * @param tag the tag; shared by all subscribers, so its buffer must not change afterwards
     * @return false when a {@link OverflowPolicy#PAUSE_PRODUCER} subscriber asks the producer to
     *     stop reading its source until {@link #onProducerResumed(Runnable) resumed}
     * @throws IllegalStateException after {@link #complete()} or {@link #fail(Throwable)}
     */
    public boolean publish(FlvTag tag) {
        Objects.requireNonNull(tag, "tag");
        checkLive("publish");
        TagKind kind = TagKind.of(tag);
        boolean audioOnly = !cache.videoSeen();
        for (Sink sink : sinks.get()) {
            if (!sink.attached) {
                sink.attach(cache);
            }
            sink.publish(tag, kind, audioOnly, selections);
        }
        selections.forget();
        if (cache == ownCache) {
            cache.update(tag, kind);
        }
        publishedTags.add(1);
        publishedBytes.add(tag.size());
        return pausingSubscribers.get() == 0;
    }

    /**
     * Ends the current publish session of a fan-out that lives across sessions: subscribers
     * stay, the metadata, sequence header and GOP caches are cleared, and each subscriber that
     * received something since the last boundary gets {@link DiscontinuityListener#onDiscontinuity()}
     * after its queued tags. Producer thread.
     *
     * @throws IllegalStateException after {@link #complete()} or {@link #fail(Throwable)}
     */
    public void endSession() {
        checkLive("endSession");
        for (Sink sink : sinks.get()) {
            sink.endSession();
        }
        dropCaches();
        sessions.add(1);
    }

    /**
     * Until the next {@link #endSession()}, starts this fan-out's late joiners from
     * {@code leader}'s caches and keeps none of its own: for a fan-out that carries the same
     * tags as {@code leader}, each published here just before it is published there, on the
     * same producer thread. The server's fan-out of a stream name follows the fan-out of the
     * name's current publish session this way, so a stream's onMetaData, sequence headers and
     * GOP are cached (and counted against the GOP budget) once, not twice. Producer thread.
     *
     * @param leader the fan-out whose caches late joiners start from
     * @throws IllegalStateException after {@link #complete()} or {@link #fail(Throwable)}
     */
    public void followCaches(TagFanout leader) {
        checkLive("followCaches");
        if (leader == this) {
            throw new IllegalArgumentException("a fan-out cannot follow itself: " + name);
        }
        ownCache.reset();
        cache = leader.ownCache;
    }

    /** Empties this fan-out's own caches and stops following a leader's. */
    private void dropCaches() {
        cache = ownCache;
        ownCache.reset();
    }

    /**
     * Ends the stream normally: every subscriber receives what is queued, then
     * {@code onComplete}; later subscribers get {@code onComplete} at once. Producer thread;
     * only the first of {@link #complete()} and {@link #fail(Throwable)} has an effect.
     */
    public void complete() {
        terminate(COMPLETED);
    }

    /**
     * Ends the stream with an error: every subscriber receives what is queued, then
     * {@code onError(error)}; later subscribers get it at once. Producer thread; only the first
     * of {@link #complete()} and {@link #fail(Throwable)} has an effect.
     *
     * @param error why the publish session failed
     */
    public void fail(Throwable error) {
        terminate(Objects.requireNonNull(error, "error"));
    }

    private void terminate(Object reason) {
        if (terminal != null) {
            return;
        }
        terminal = reason;
        Throwable error = reason instanceof Throwable ? (Throwable) reason : null;
        for (Sink sink : sinks.getAndSet(NO_SINKS)) {
            sink.terminate(error);
        }
        dropCaches();
    }

    /** Returns true once {@link #complete()} or {@link #fail(Throwable)} was called. */
    public boolean isTerminated() {
        return terminal != null;
    }

    /**
     * Returns true while a {@link OverflowPolicy#PAUSE_PRODUCER} subscriber's queue is at its
     * bounds: the producer should stop reading its source. Any thread.
     */
    public boolean isProducerPaused() {
        return pausingSubscribers.get() > 0;
    }

    /**
     * Sets the callback that runs when the producer may go on after a pause (replacing any
     * earlier one). It runs on the thread that drained or cancelled the last pausing subscriber
     * (with {@link SubscribeOptions#CALLER_THREAD} delivery that may be the producer's own
     * thread, inside {@link #publish(FlvTag)}), so it must not block: hand the work to your
     * event loop, and check {@link #isProducerPaused()} there, as another subscriber may have
     * paused it again since. It does not run when the producer's own publish ends the pause
     * (re-checking a queue, disconnecting a subscriber): that publish returns true instead.
     *
     * @param callback what to run, or null for none
     */
    public void onProducerResumed(Runnable callback) {
        resumeCallback = callback;
    }

    /** Returns the number of current subscribers and listeners. */
    public int subscriberCount() {
        return sinks.get().length;
    }

    /** Returns a snapshot of the counters of the fan-out and of each current subscriber. */
    public FanoutStatistics statistics() {
        Sink[] current = sinks.get();
        List<SubscriberStatistics> subscribers = new ArrayList<>(current.length);
        for (Sink sink : current) {
            subscribers.add(sink.statistics());
        }
        return new FanoutStatistics(publishedTags.get(), publishedBytes.get(), sessions.get(), isProducerPaused(),
                subscribers);
    }

    @Override
    public String toString() {
        return "TagFanout[name=" + name + ", subscribers=" + subscriberCount() + "]";
    }

    private void checkLive(String operation) {
        if (terminal != null) {
            throw new IllegalStateException("fan-out terminated: operation=" + operation + ", name=" + name);
        }
    }

    /**
     * Adds a sink, then checks for termination: {@link #terminate} sets the state before it
     * takes the array, so a sink added concurrently is either in that array or sees the state
     * (and a sink that sees both is terminated twice, which it ignores).
     */
    private void register(Sink sink) {
        Sink[] current;
        Sink[] next;
        do {
            current = sinks.get();
            next = new Sink[current.length + 1];
            System.arraycopy(current, 0, next, 0, current.length);
            next[current.length] = sink;
        } while (!sinks.compareAndSet(current, next));
        Object reason = terminal;
        if (reason != null) {
            remove(sink);
            sink.terminate(reason instanceof Throwable ? (Throwable) reason : null);
        }
    }

    /** Removes a sink (cancelled, failed or terminated); any thread; idempotent. */
    void remove(Sink sink) {
        Sink[] current;
        Sink[] next;
        do {
            current = sinks.get();
            int index = -1;
            for (int i = 0; i < current.length; i++) {
                if (current[i] == sink) {
                    index = i;
                    break;
                }
            }
            if (index < 0) {
                return;
            }
            next = current.length == 1 ? NO_SINKS : new Sink[current.length - 1];
            System.arraycopy(current, 0, next, 0, index);
            System.arraycopy(current, index + 1, next, index, current.length - index - 1);
        } while (!sinks.compareAndSet(current, next));
    }

    /** A pausing subscriber reached its bounds. */
    void pauseAdded() {
        pausingSubscribers.incrementAndGet();
    }

    /**
     * A pausing subscriber drained (or left). When it was the last, runs the resume callback,
     * unless the producer itself noticed within {@link #publish(FlvTag)}.
     */
    void pauseReleased(boolean byProducer) {
        if (pausingSubscribers.decrementAndGet() == 0 && !byProducer) {
            Runnable callback = resumeCallback;
            if (callback != null) {
                try {
                    callback.run();
                } catch (RuntimeException e) {
                    LOG.warn("[{}] producer resume callback threw", name, e);
                }
            }
        }
    }
}
