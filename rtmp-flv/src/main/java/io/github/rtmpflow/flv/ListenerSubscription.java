package io.github.rtmpflow.flv;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TagListener} of a {@link TagFanout}: called inline on the producer's thread, with
 * no queue. A late joiner is primed like a queued subscriber; a listener that throws is logged
 * and removed.
 */
final class ListenerSubscription extends Sink {
    private static final Logger LOG = LoggerFactory.getLogger(TagFanout.class);

    private final TagFanout fanout;
    private final TagListener listener;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final SingleWriterCounter deliveredTags = new SingleWriterCounter();
    private final SingleWriterCounter deliveredBytes = new SingleWriterCounter();

    ListenerSubscription(TagFanout fanout, TagListener listener, SubscribeOptions options) {
        super(options.name(), options.replayGop(), options.trackSelection());
        this.fanout = fanout;
        this.listener = listener;
    }

    @Override
    void onTag(FlvTag tag, TagKind kind, boolean audioOnly) {
        if (closed.get()) {
            return;
        }
        if (mode != NORMAL && kind.isMedia()) {
            if (!kind.resumesDelivery(audioOnly)) {
                return;
            }
            mode = NORMAL;
        }
        deliver(tag);
    }

    @Override
    void deliverControl(FlvTag tag) {
        deliver(tag);
    }

    @Override
    void deliverMedia(FlvTag tag) {
        deliver(tag);
    }

    @Override
    boolean acceptsGop(GopCache gop) {
        return true;
    }

    @Override
    void deliverDiscontinuity() {
        if (closed.get()) {
            return;
        }
        try {
            listener.onDiscontinuity();
        } catch (Throwable t) {
            failed("onDiscontinuity", t);
        }
    }

    private void deliver(FlvTag tag) {
        if (closed.get()) {
            return;
        }
        sinceMarker = true;
        deliveredTags.add(1);
        deliveredBytes.add(tag.size());
        try {
            listener.onTag(tag);
        } catch (Throwable t) {
            failed("onTag", t);
        }
    }

    private void failed(String method, Throwable t) {
        LOG.warn("[{}] listener {} threw from {}; removing it", fanout.name(), name(), method, t);
        cancel();
        if (t instanceof VirtualMachineError) {
            throw (VirtualMachineError) t;
        }
    }

    @Override
    void terminate(Throwable error) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        fanout.remove(this);
        try {
            if (error == null) {
                listener.onComplete();
            } else {
                listener.onError(error);
            }
        } catch (Throwable t) {
            LOG.warn("[{}] listener {} threw from its terminal signal", fanout.name(), name(), t);
        }
    }

    @Override
    public void cancel() {
        if (closed.compareAndSet(false, true)) {
            fanout.remove(this);
        }
    }

    @Override
    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public SubscriberStatistics statistics() {
        return new SubscriberStatistics(name(), null, deliveredTags.get(), deliveredBytes.get(), 0, 0, 0, 0);
    }
}
