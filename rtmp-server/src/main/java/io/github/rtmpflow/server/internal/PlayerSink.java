package io.github.rtmpflow.server.internal;

import io.github.rtmpflow.core.chunk.MessageTypes;
import io.github.rtmpflow.core.chunk.RawMessage;
import io.github.rtmpflow.core.session.ChunkStreamIds;
import io.github.rtmpflow.core.session.PlayRequest;
import io.github.rtmpflow.core.session.ServerSession;
import io.github.rtmpflow.flv.FlvTag;
import io.github.rtmpflow.flv.TagListener;
import io.github.rtmpflow.flv.TagSubscription;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RTMP player of one stream name: a {@link TagListener} on the name's fan-out (called on
 * the publisher's loop) that hands tags over a bounded {@link PlayerHandoff} ring to the player's
 * own loop, which writes them to the player's connection.
 *
 * <p>Publisher side: never blocks, allocates nothing per tag; at most one task hand-in (and
 * selector wakeup) per burst, when the player's loop is not already scheduled to drain. If the
 * ring is full (the player's loop itself is stalled), media is dropped until the next keyframe
 * and counted; a control tag (metadata, sequence header) or a session marker that does not fit
 * disconnects the player instead, as it could not decode what follows.
 *
 * <p>Player side: timestamps rebased per player ({@link PlayerTimeline}); the outbound budget
 * ({@link io.github.rtmpflow.server.ServerLimits#playerBudgetBytes()}): while more bytes wait in
 * the connection's outbound queue, audio and video are dropped until the next video keyframe
 * (keyframes still go, so a slow player sees a picture per GOP), or in an audio-only session
 * until the queue is back under the budget; one WARN line per episode. A tag that would queue
 * more than {@link io.github.rtmpflow.server.ServerLimits#maxPlayerQueueBytes()} disconnects
 * the player. Pause drops media without counting; unpause and seek resume at the next keyframe.
 */
final class PlayerSink implements TagListener {

    private static final Logger LOG = LoggerFactory.getLogger(PlayerSink.class);

    /** Ring entries: a bit more than the largest GOP the fan-out replays (512 tags by default). */
    static final int HANDOFF_CAPACITY = 1024;
    /** Most entries one drain task handles before it yields the loop to other connections. */
    static final int DRAIN_BATCH = 256;

    private static final Object DISCONTINUITY = new Object();
    private static final Object END = new Object();

    private final RtmpConnection owner;
    private final Connection connection;
    private final ServerSession session;
    private final PlayRequest request;
    private final String path;
    private final long budgetBytes;
    private final long hardCapBytes;
    private final PlayerHandoff handoff = new PlayerHandoff(HANDOFF_CAPACITY);
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Runnable drainTask = this::drain;

    // ---- publisher side (serialized by the stream name's lock) ----
    private boolean producerDropping;
    private boolean producerVideoSeen;
    private volatile long handoffDropped;
    private volatile boolean overflowed;
    private volatile boolean stopped;

    // ---- player side (the player's loop) ----
    private final PlayerTimeline timeline = new PlayerTimeline();
    private TagSubscription subscription;
    private boolean waitingForPublisher;
    private boolean paused;
    private boolean skipping;
    private boolean dropping;
    private boolean episode;
    private boolean videoSeen;
    private long sentTags;
    private long budgetDropped;
    private long episodeDropped;

    PlayerSink(RtmpConnection owner, Connection connection, ServerSession session, PlayRequest request, String path,
            long budgetBytes, long hardCapBytes) {
        this.owner = owner;
        this.connection = connection;
        this.session = session;
        this.request = request;
        this.path = path;
        this.budgetBytes = budgetBytes;
        this.hardCapBytes = hardCapBytes;
    }

    /** Player loop: the subscription is in place; {@code live} says whether a session was live then. */
    void started(TagSubscription value, boolean live) {
        this.subscription = value;
        this.waitingForPublisher = !live;
    }

    // ---- TagListener: the publisher's loop ----

    @Override
    public void onTag(FlvTag tag) {
        if (stopped) {
            return;
        }
        boolean media = isMedia(tag);
        if (tag.isVideo()) {
            producerVideoSeen = true;
        }
        if (producerDropping && media) {
            if (!tag.isKeyframe() && !(tag.isAudio() && !producerVideoSeen)) {
                handoffDropped++;
                return;
            }
            producerDropping = false;
        }
        if (!handoff.offer(tag)) {
            if (media) {
                producerDropping = true;
                handoffDropped++;
            } else {
                overflowed = true;
            }
        }
        wake();
    }

    @Override
    public void onDiscontinuity() {
        producerVideoSeen = false;
        producerDropping = false;
        mark(DISCONTINUITY);
    }

    @Override
    public void onComplete() {
        mark(END);
    }

    @Override
    public void onError(Throwable error) {
        mark(END);
    }

    private void mark(Object marker) {
        if (stopped) {
            return;
        }
        if (!handoff.offer(marker)) {
            overflowed = true;
        }
        wake();
    }

    private void wake() {
        if (!scheduled.get() && scheduled.compareAndSet(false, true)) {
            connection.loop().execute(drainTask);
        }
    }

    // ---- the player's loop ----

    private void drain() {
        drainBatch();
        // Written now, not at the end of the loop iteration: the pooled buffer the tags were
        // encoded into is back in the loop's pool before the next player drains (a few buffers
        // serve every player of the loop; only a player whose socket is full keeps one).
        connection.flush();
    }

    private void drainBatch() {
        scheduled.set(false);
        for (int n = 0; n < DRAIN_BATCH; n++) {
            if (stopped || connection.isClosed()) {
                return;
            }
            Object entry = handoff.poll();
            if (entry == null) {
                if (overflowed) {
                    disconnect("its hand-off queue overflowed (" + handoff.capacity() + " tags)");
                }
                return;
            }
            if (entry instanceof FlvTag tag) {
                onPlayerTag(tag);
            } else if (entry == DISCONTINUITY) {
                onUnpublished();
            } else {
                onUnpublished();
                stopped = true;
            }
        }
        // More waits: go on in a later task, after the other connections of this loop.
        if (!scheduled.get() && scheduled.compareAndSet(false, true)) {
            connection.loop().execute(drainTask);
        }
    }

    private void onUnpublished() {
        if (!waitingForPublisher) {
            waitingForPublisher = true;
            session.playUnpublished(request.streamId());
            owner.sendSessionOutput();
        }
        timeline.newSession();
        videoSeen = false;
        dropping = false;
        skipping = false;
        endEpisode();
    }

    private void onPlayerTag(FlvTag tag) {
        if (waitingForPublisher) {
            waitingForPublisher = false;
            session.playPublished(request.streamId());
            owner.sendSessionOutput();
        }
        boolean media = isMedia(tag);
        if (tag.isVideo()) {
            videoSeen = true;
        }
        if (media) {
            if (paused) {
                return;
            }
            boolean resumes = tag.isKeyframe() || (tag.isAudio() && !videoSeen);
            if (skipping) {
                if (!resumes) {
                    return;
                }
                skipping = false;
            }
            if (!withinBudget(tag, resumes)) {
                return;
            }
        }
        send(tag, media);
    }

    /** The budget rule for an audio or video tag; false when it is dropped. */
    private boolean withinBudget(FlvTag tag, boolean resumes) {
        long queued = connection.queuedOutboundBytes();
        if (queued > budgetBytes) {
            // Measure what the peer really has not taken: hand the kernel what it accepts now.
            connection.flush();
            queued = connection.queuedOutboundBytes();
        }
        boolean over = queued > budgetBytes;
        if (dropping) {
            if (!tag.isKeyframe() && !(resumes && !over)) {
                drop();
                return false;
            }
            dropping = false;
        } else if (over && !tag.isKeyframe()) {
            dropping = true;
            if (!episode) {
                episode = true;
                LOG.warn("[{}] {} player of {} falling behind: {} bytes queued, budget {}; dropping media until "
                        + "a keyframe", connection.label(), connection.peer(), path, queued, budgetBytes);
            }
            drop();
            return false;
        }
        if (!over) {
            endEpisode();
        }
        return true;
    }

    private void drop() {
        budgetDropped++;
        episodeDropped++;
    }

    private void endEpisode() {
        if (episode) {
            episode = false;
            LOG.info("[{}] {} player of {} caught up after {} dropped tags", connection.label(), connection.peer(),
                    path, episodeDropped);
            episodeDropped = 0;
        }
    }

    private void send(FlvTag tag, boolean media) {
        long queued = connection.queuedOutboundBytes();
        if (queued + tag.size() > hardCapBytes) {
            connection.flush();
            queued = connection.queuedOutboundBytes();
            if (queued + tag.size() > hardCapBytes) {
                disconnect("its outbound queue would pass the hard cap (" + queued + " + " + tag.size() + " > "
                        + hardCapBytes + " bytes)");
                return;
            }
        }
        int typeId;
        int chunkStreamId;
        if (tag.isAudio()) {
            typeId = MessageTypes.AUDIO;
            chunkStreamId = ChunkStreamIds.AUDIO;
        } else if (tag.isVideo()) {
            typeId = MessageTypes.VIDEO;
            chunkStreamId = ChunkStreamIds.VIDEO;
        } else {
            // The FLV script body ("onMetaData", values) is exactly an AMF0 data message.
            typeId = MessageTypes.DATA_AMF0;
            chunkStreamId = ChunkStreamIds.STREAM_STATUS;
        }
        long timestamp = timeline.map(tag.timestamp(), media);
        owner.sendRaw(new RawMessage(chunkStreamId, timestamp, typeId, request.streamId(), tag.payload()));
        sentTags++;
    }

    private void disconnect(String why) {
        LOG.warn("[{}] {} player of {} disconnected: {}; {} tags sent, {} dropped", connection.label(),
                connection.peer(), path, why, sentTags, dropped());
        stop();
        connection.close("slow player");
    }

    /** Player loop: pause (true) or resume (false); resuming waits for the next keyframe. */
    void pause(boolean pause) {
        if (paused && !pause) {
            skipping = true;
        }
        paused = pause;
        session.playPaused(request.streamId(), pause);
        owner.sendSessionOutput();
    }

    /** Player loop: a live stream goes on from its live edge, at the next keyframe. */
    void seek(double millis) {
        skipping = true;
        session.playSeeked(request.streamId(), millis);
        owner.sendSessionOutput();
    }

    /** Player loop: the play ended (closeStream, deleteStream, disconnect); idempotent. */
    void stop() {
        if (stopped && subscription == null) {
            return;
        }
        stopped = true;
        if (subscription != null) {
            subscription.cancel();
            subscription = null;
        }
        while (handoff.poll() != null) {
            // Release the tags still waiting.
        }
    }

    /** Returns the tags sent to the player. */
    long sentTags() {
        return sentTags;
    }

    /** Returns the tags dropped for this player: over its budget, or because its loop fell behind. */
    long dropped() {
        return budgetDropped + handoffDropped;
    }

    /** Returns the request being played. */
    PlayRequest request() {
        return request;
    }

    private static boolean isMedia(FlvTag tag) {
        return (tag.isAudio() || tag.isVideo()) && !tag.isSequenceHeader() && !tag.isSequenceEnd();
    }
}
