package io.github.rtmpflow.server.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.flv.FlvTag;
import io.github.rtmpflow.flv.SubscribeOptions;
import io.github.rtmpflow.server.LiveStream;
import io.github.rtmpflow.server.RtmpServer;
import io.github.rtmpflow.server.client.RtmpClient;
import io.github.rtmpflow.server.testing.CollectingSubscriber;
import io.github.rtmpflow.server.testing.Poll;
import io.github.rtmpflow.server.testing.TestServers;
import io.github.rtmpflow.server.testing.TestTags;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A publisher that streams {@code live/healthy} on its own thread for as long as an attack runs,
 * one tag at a time: it sends the next tag only once the server has read the previous one, so
 * the stream advances exactly as fast as the server's loops serve it (which also proves they are
 * not stalled). A subscriber attached by name before the publish must receive every tag sent,
 * byte-identical and in order.
 */
final class HealthyStream implements AutoCloseable {

    static final String APP = "live";
    static final String NAME = "healthy";

    private final List<FlvTag> tags = TestTags.stream(17, 3000, 3000);
    private final CollectingSubscriber subscriber = new CollectingSubscriber();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final RtmpClient client;
    private final LiveStream stream;
    private final Thread thread;

    private HealthyStream(RtmpServer server) throws Exception {
        server.subscribe(APP, NAME, subscriber, SubscribeOptions.defaults());
        client = RtmpClient.connect(TestServers.url(server, APP));
        client.publish(NAME);
        stream = server.stream(APP, NAME).orElseThrow();
        thread = new Thread(this::run, "healthy-publisher");
        thread.setDaemon(true);
    }

    /** Connects, publishes and starts streaming; returns once the first tags went through. */
    static HealthyStream start(RtmpServer server) throws Exception {
        HealthyStream healthy = new HealthyStream(server);
        healthy.thread.start();
        healthy.awaitProgress(10);
        return healthy;
    }

    /** Waits until the server has read {@code more} tags beyond those read now. */
    void awaitProgress(int more) {
        long target = stream.statistics().tags() + more;
        Poll.until("the healthy stream to advance", () -> stream.statistics().tags() >= target || failure.get() != null);
        assertThat(failure.get()).as("healthy publisher failure").isNull();
    }

    /**
     * Stops streaming, then asserts that the publisher is still connected and that the subscriber
     * received every tag sent, byte-identical, in order, with its timestamp.
     */
    void finishAndVerify() throws Exception {
        awaitProgress(5);
        stop.set(true);
        thread.join(Poll.DEADLINE.toMillis());
        assertThat(failure.get()).as("healthy publisher failure").isNull();
        assertThat(stream.isLive()).as("healthy stream still live").isTrue();
        int count = sent.get();
        Poll.until("the subscriber to receive " + count + " tags", () -> subscriber.tags().size() >= count);
        List<FlvTag> received = subscriber.tags();
        assertThat(received).hasSize(count);
        for (int i = 0; i < count; i++) {
            FlvTag expected = tags.get(i);
            FlvTag actual = received.get(i);
            assertThat(actual.type()).as("type of tag %d", i).isEqualTo(expected.type());
            assertThat(actual.timestamp()).as("timestamp of tag %d", i).isEqualTo(expected.timestamp());
            assertThat(actual.payload()).as("body of tag %d", i).isEqualTo(expected.payload());
        }
        assertThat(stream.statistics().droppedTags()).isZero();
    }

    /** Returns the tags the server has read from the healthy publisher. */
    long tagsRead() {
        return stream.statistics().tags();
    }

    @Override
    public void close() throws Exception {
        stop.set(true);
        thread.join(Poll.DEADLINE.toMillis());
        client.close();
    }

    private void run() {
        try {
            while (!stop.get()) {
                int i = sent.get();
                if (i == tags.size()) {
                    throw new IllegalStateException("the healthy stream ran out of tags: the attack took too long");
                }
                client.send(tags.get(i));
                sent.incrementAndGet();
                Poll.until("the server to read healthy tag " + i, () -> stream.statistics().tags() > i || stop.get());
            }
        } catch (Throwable t) {
            failure.set(t);
        }
    }
}
