package io.github.rtmpflow.server;

import io.github.rtmpflow.core.session.ClientCapabilities;
import io.github.rtmpflow.flv.FlvTag;
import io.github.rtmpflow.flv.SubscribeOptions;
import io.github.rtmpflow.flv.TagListener;
import io.github.rtmpflow.flv.TagSubscription;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.concurrent.Flow;

/**
 * One publish session of a stream {@code app/name}: from the publisher's NetStream.Publish.Start
 * to its unpublish, disconnect or eviction. Handed to {@link RtmpServer.Builder#onPublish} and
 * {@link RtmpServer.Builder#onUnpublish}, and listed by {@link RtmpServer#streams()}.
 *
 * <p>Tags: audio, video and script tags in the publisher's order, with the publisher's
 * timestamps (unwrapped to 64 bits); a script tag is the {@code onMetaData} body without the
 * {@code @setDataFrame} string; aggregates are already unpacked. Tags are shared, immutable and
 * never copied per consumer. All methods are thread-safe.
 */
public interface LiveStream {

    /** Returns the application name (from the connect command, without query string). */
    String app();

    /** Returns the stream name (the publish name without its query string). */
    String name();

    /** Returns {@code app/name}. */
    default String path() {
        return app() + "/" + name();
    }

    /** Returns the publisher's address. */
    InetSocketAddress publisherAddress();

    /**
     * Returns what the publisher announced in its connect command per Enhanced RTMP (codecs it
     * handles, reconnect and multitrack support); {@link ClientCapabilities#NONE} for a legacy
     * encoder.
     */
    default ClientCapabilities publisherCapabilities() {
        return ClientCapabilities.NONE;
    }

    /** Returns when the session started (wall clock). */
    Instant startTime();

    /** Returns whether the publisher is still publishing. */
    boolean isLive();

    /**
     * Returns this session's tags as a {@link Flow.Publisher}: it completes when the publisher
     * leaves (and fails with the cause when the connection broke). Subscribing with
     * {@link Flow.Publisher#subscribe} uses {@link SubscribeOptions#defaults()}.
     */
    Flow.Publisher<FlvTag> publisher();

    /**
     * Subscribes to this session with explicit options (executor, queue bounds, overflow policy,
     * GOP replay). A subscriber joining a running session first gets the metadata and sequence
     * headers. To follow a name across sessions use {@link RtmpServer#subscribe}.
     *
     * @return a handle for statistics and cancellation
     */
    TagSubscription subscribe(Flow.Subscriber<? super FlvTag> subscriber, SubscribeOptions options);

    /**
     * Adds a synchronous listener, called on the publisher's event loop; it must not block.
     *
     * @return a handle for statistics and cancellation
     */
    TagSubscription addListener(TagListener listener);

    /** Returns a snapshot of the session's counters. */
    StreamStatistics statistics();
}
