package io.github.rtmpflow.server.internal;

import io.github.rtmpflow.core.session.ClientCapabilities;
import io.github.rtmpflow.flv.FanoutOptions;
import io.github.rtmpflow.flv.FlvTag;
import io.github.rtmpflow.flv.SubscribeOptions;
import io.github.rtmpflow.flv.SubscriberStatistics;
import io.github.rtmpflow.flv.TagFanout;
import io.github.rtmpflow.flv.TagListener;
import io.github.rtmpflow.flv.TagSubscription;
import io.github.rtmpflow.server.LiveStream;
import io.github.rtmpflow.server.StreamStatistics;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * One publish session: its own fan-out (completed when the publisher leaves), its counters,
 * and its place in the name's {@link StreamEntry}. The producer side ({@link #publish},
 * {@link #end}) runs on the publisher's loop; the rest is thread-safe.
 */
public final class LiveStreamImpl implements LiveStream {

    private final StreamRegistry registry;
    private final StreamEntry entry;
    private final PublisherHandle publisher;
    private final Instant startTime;
    private final ClientCapabilities capabilities;
    private final TagFanout fanout;
    private final StreamCounters counters = new StreamCounters();
    private volatile boolean live = true;
    /** The subscribers' counters as they were when the session ended (the fan-out forgets them). */
    private volatile List<SubscriberStatistics> finalSubscribers;

    LiveStreamImpl(StreamRegistry registry, StreamEntry entry, PublisherHandle publisher, Instant startTime,
            FanoutOptions options) {
        this.registry = registry;
        this.entry = entry;
        this.publisher = publisher;
        this.startTime = startTime;
        // Read here, on the publisher's loop, once: the connect request never changes afterwards.
        this.capabilities = publisher.capabilities();
        this.fanout = new TagFanout(entry.key, options);
        this.fanout.onProducerResumed(publisher::resumeReading);
    }

    @Override
    public String app() {
        return entry.app;
    }

    @Override
    public String name() {
        return entry.name;
    }

    @Override
    public String path() {
        return entry.key;
    }

    @Override
    public InetSocketAddress publisherAddress() {
        return publisher.peer();
    }

    @Override
    public ClientCapabilities publisherCapabilities() {
        return capabilities;
    }

    @Override
    public Instant startTime() {
        return startTime;
    }

    @Override
    public boolean isLive() {
        return live;
    }

    @Override
    public Flow.Publisher<FlvTag> publisher() {
        return fanout;
    }

    @Override
    public TagSubscription subscribe(Flow.Subscriber<? super FlvTag> subscriber, SubscribeOptions options) {
        return fanout.subscribe(subscriber, options);
    }

    @Override
    public TagSubscription addListener(TagListener listener) {
        return fanout.addListener(listener);
    }

    /** Returns the publishing connection. */
    public PublisherHandle publisherHandle() {
        return publisher;
    }

    /** Returns the counters (for the end-of-stream summary). */
    public StreamCounters counters() {
        return counters;
    }

    /**
     * Publishes a tag of this session to its subscribers and, while this session holds the
     * name, to the name's subscribers. Publisher loop only.
     *
     * @return false when a pausing subscriber asks to stop reading the publisher
     */
    public boolean publish(FlvTag tag) {
        if (!live) {
            return true;
        }
        counters.onTag(tag);
        // The name's fan-out first: its late joiners start from the session's caches, which
        // take the tag in the session's publish (a joiner must not get it from both).
        boolean name = entry.publish(this, tag);
        boolean session = fanout.publish(tag);
        return session && name;
    }

    /** Returns the session's own fan-out, whose caches the name's fan-out follows. */
    TagFanout fanout() {
        return fanout;
    }

    /** Returns whether a pausing subscriber of this session or of its name holds it back. */
    public boolean isProducerPaused() {
        return fanout.isProducerPaused() || (entry.current() == this && entry.isProducerPaused());
    }

    /**
     * Ends the session: its subscribers complete (or fail with {@code cause}), the name is freed.
     * Publisher loop only; idempotent.
     *
     * @param cause null for a normal end, else why the connection broke
     * @return true the first time
     */
    public boolean end(Throwable cause) {
        if (!live) {
            return false;
        }
        live = false;
        finalSubscribers = subscriberStatistics();
        if (cause == null) {
            fanout.complete();
        } else {
            fanout.fail(cause);
        }
        registry.release(this);
        return true;
    }

    StreamEntry entry() {
        return entry;
    }

    void resumeFromNameFanout() {
        publisher.resumeReading();
    }

    private List<SubscriberStatistics> subscriberStatistics() {
        List<SubscriberStatistics> subscribers = new ArrayList<>(fanout.statistics().subscribers());
        if (entry.current() == this) {
            subscribers.addAll(entry.nameFanout().statistics().subscribers());
        }
        return subscribers;
    }

    @Override
    public StreamStatistics statistics() {
        List<SubscriberStatistics> ended = finalSubscribers;
        List<SubscriberStatistics> subscribers = ended != null ? ended : subscriberStatistics();
        return new StreamStatistics(entry.app, entry.name, publisher.peer(), startTime, live, counters.tags(),
                counters.bytes(), counters.videoTags(), counters.audioTags(), counters.keyframes(),
                counters.mediaDurationMillis(), counters.bitrate(), counters.frameRate(), counters.videoCodec(),
                counters.audioCodec(), counters.width(), counters.height(), subscribers, capabilities,
                counters.videoTracks(), counters.audioTracks());
    }

    @Override
    public String toString() {
        return "LiveStream[" + entry.key + ", publisher=" + publisher.label() + ", live=" + live + "]";
    }
}
