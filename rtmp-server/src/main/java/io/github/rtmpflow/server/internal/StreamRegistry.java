package io.github.rtmpflow.server.internal;

import io.github.rtmpflow.flv.FanoutOptions;
import io.github.rtmpflow.flv.FlvTag;
import io.github.rtmpflow.flv.SubscribeOptions;
import io.github.rtmpflow.flv.TrackSelection;
import io.github.rtmpflow.flv.TagListener;
import io.github.rtmpflow.flv.TagSubscription;
import io.github.rtmpflow.server.LiveStream;
import io.github.rtmpflow.server.TimeSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Flow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every stream name of the server, with its current publish session: decides who may publish a
 * name (one live publisher per name, takeover of a dead one, {@code maxStreams}) and holds the
 * subscriptions that outlive sessions. Thread-safe: claims come from any loop.
 */
public final class StreamRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(StreamRegistry.class);

    /** The outcome of {@link #claim}. */
    public sealed interface Claim permits Granted, Refused {
    }

    /**
     * The publisher holds the name now.
     *
     * @param session the new session
     * @param evicted the dead publisher it replaced, or null
     */
    public record Granted(LiveStreamImpl session, PublisherHandle evicted) implements Claim {
    }

    /**
     * The publish is refused.
     *
     * @param reason why
     * @param detail log text without secrets
     */
    public record Refused(Reason reason, String detail) implements Claim {
    }

    /** Why a claim was refused. */
    public enum Reason {
        /** A live publisher holds the name. */
        NAME_IN_USE,
        /** The server has {@code maxStreams} live streams. */
        TOO_MANY_STREAMS,
        /** The server is closing. */
        CLOSED
    }

    private final int maxStreams;
    private final long publisherIdleNanos;
    private final TimeSource time;
    private final FanoutOptions fanoutOptions;
    private final Map<String, StreamEntry> entries = new HashMap<>();
    private int liveStreams;
    private boolean closed;

    /**
     * Creates an empty registry.
     *
     * @param maxStreams most live streams
     * @param publisherIdleNanos silence after which a publisher counts as dead
     * @param time the clock of {@link PublisherHandle#lastReadNanos()}
     * @param fanoutOptions the late-joiner cache bounds of every fan-out
     */
    public StreamRegistry(int maxStreams, long publisherIdleNanos, TimeSource time, FanoutOptions fanoutOptions) {
        this.maxStreams = maxStreams;
        this.publisherIdleNanos = publisherIdleNanos;
        this.time = time;
        this.fanoutOptions = fanoutOptions;
    }

    /**
     * Asks for {@code app/name} (both validated) for {@code publisher}. A name held by a live
     * publisher is refused; one held by a publisher silent for the publisher idle timeout is
     * taken over (the caller evicts the old one, see {@link Granted#evicted()}).
     */
    public synchronized Claim claim(String app, String name, PublisherHandle publisher) {
        if (closed) {
            return new Refused(Reason.CLOSED, "server closing");
        }
        String key = app + "/" + name;
        StreamEntry entry = entries.get(key);
        LiveStreamImpl previous = entry == null ? null : entry.current();
        PublisherHandle evicted = null;
        if (previous != null) {
            PublisherHandle holder = previous.publisherHandle();
            long silentNanos = time.nanoTime() - holder.lastReadNanos();
            if (silentNanos < publisherIdleNanos) {
                return new Refused(Reason.NAME_IN_USE, "name in use by " + holder.label() + " " + holder.peer());
            }
            evicted = holder;
            liveStreams--;
        } else if (liveStreams >= maxStreams) {
            return new Refused(Reason.TOO_MANY_STREAMS, "max streams " + maxStreams + " reached");
        }
        if (entry == null) {
            entry = new StreamEntry(app, name, fanoutOptions);
            entries.put(key, entry);
        }
        LiveStreamImpl session = new LiveStreamImpl(this, entry, publisher, Instant.now(), fanoutOptions);
        entry.setCurrent(session);
        liveStreams++;
        return new Granted(session, evicted);
    }

    /** A session ended: frees its name if it still holds it. */
    synchronized void release(LiveStreamImpl session) {
        StreamEntry entry = session.entry();
        if (entry.clearIfCurrent(session)) {
            liveStreams--;
        }
        if (entry.isUnused() && entries.get(entry.key) == entry) {
            entries.remove(entry.key);
        }
    }

    /**
     * Subscribes to a name across its publish sessions, before or during one. After the server
     * closed, the subscriber completes at once.
     */
    public TagSubscription subscribe(String app, String name, Flow.Subscriber<? super FlvTag> subscriber,
            SubscribeOptions options) {
        StreamEntry entry;
        synchronized (this) {
            String key = app + "/" + name;
            entry = entries.get(key);
            if (entry == null) {
                entry = new StreamEntry(app, name, fanoutOptions);
                if (closed) {
                    entry.complete();
                } else {
                    entries.put(key, entry);
                }
            }
        }
        return entry.nameFanout().subscribe(subscriber, options);
    }

    /**
     * Adds an RTMP player's listener to the name {@code app/name}, before or during a session;
     * it lives across sessions like {@link #subscribe}. Registered under the registry's lock so
     * that a concurrent {@link #release} cannot drop the entry in between. A listener joining a
     * live session is primed with metadata, sequence headers and the cached GOP at the next tag.
     *
     * @return the subscription (cancel it, then call {@link #removeIfUnused}), and whether a
     *     session was live when it joined
     */
    public PlayerJoin addPlayer(String app, String name, TagListener listener, String label) {
        return addPlayer(app, name, listener, label, TrackSelection.ALL);
    }

    /**
     * {@link #addPlayer(String, String, TagListener, String)} receiving only {@code tracks}
     * (Enhanced RTMP multitrack), see {@link PlayerTracks}.
     */
    public synchronized PlayerJoin addPlayer(String app, String name, TagListener listener, String label,
            TrackSelection tracks) {
        String key = app + "/" + name;
        StreamEntry entry = entries.get(key);
        if (entry == null) {
            entry = new StreamEntry(app, name, fanoutOptions);
            if (closed) {
                entry.complete();
            } else {
                entries.put(key, entry);
            }
        }
        boolean live = entry.current() != null;
        TagSubscription subscription = entry.nameFanout().addListener(listener,
                SubscribeOptions.defaults().withName(label).withReplayGop(true).withTracks(tracks));
        return new PlayerJoin(subscription, live);
    }

    /**
     * What {@link #addPlayer} did.
     *
     * @param subscription the player's listener subscription
     * @param live whether a publish session of the name was live when the player joined
     */
    public record PlayerJoin(TagSubscription subscription, boolean live) {
    }

    /** Forgets {@code app/name} when it has neither a session nor a subscriber (a player left). */
    public synchronized void removeIfUnused(String app, String name) {
        String key = app + "/" + name;
        StreamEntry entry = entries.get(key);
        if (entry != null && entry.isUnused()) {
            entries.remove(key);
        }
    }

    /** Returns the live sessions, in no particular order. */
    public synchronized List<LiveStream> live() {
        List<LiveStream> result = new ArrayList<>();
        for (StreamEntry entry : entries.values()) {
            LiveStreamImpl current = entry.current();
            if (current != null) {
                result.add(current);
            }
        }
        return result;
    }

    /** Returns the live session of {@code app/name}, if any. */
    public synchronized Optional<LiveStream> find(String app, String name) {
        StreamEntry entry = entries.get(app + "/" + name);
        return Optional.ofNullable(entry == null ? null : entry.current());
    }

    /** Returns the number of live sessions. */
    public synchronized int liveCount() {
        return liveStreams;
    }

    /** Refuses new claims from now on (the first step of a graceful close). */
    public synchronized void stopAccepting() {
        closed = true;
    }

    /** Completes every name subscription; call after the sessions ended. */
    public void completeAll() {
        List<StreamEntry> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(entries.values());
            entries.clear();
            liveStreams = 0;
        }
        for (StreamEntry entry : all) {
            try {
                entry.complete();
            } catch (RuntimeException e) {
                LOG.warn("completing {} failed", entry.key, e);
            }
        }
    }
}
