package io.github.rtmpflow.benchmarks.load;

import io.github.rtmpflow.core.chunk.ChunkEncoder;
import io.github.rtmpflow.core.chunk.MessageTypes;
import io.github.rtmpflow.core.chunk.RawMessage;
import io.github.rtmpflow.core.session.ClientEvent;
import io.github.rtmpflow.core.session.ClientSession;
import java.nio.ByteBuffer;

/**
 * A player of one publisher's stream, started when that publisher publishes: connect,
 * createStream, play, then it reads media and records, for each stamped video frame, the time
 * from the publisher's write to this delivery ({@link LatencyStamp}), and every gap in its video
 * timestamps longer than one and a half frame intervals (frames the server dropped for it). It
 * stops when the server reports the end of the stream or one second after the publisher's
 * duration. A player that joins after the stream started first receives the cached GOP (fast
 * start): those frames' latencies count from when the publisher sent them, so they add up to a
 * GOP's duration to the high percentiles.
 */
final class PlayerConnection extends ClientConnection {

    private static final long GRACE_NANOS = 1_000_000_000L;

    private int streamId;
    private long messages;
    private long mediaBytes;
    private long stamped;
    private long lastVideoTimestamp = -1;
    private long videoGaps;
    private long missedFrames;

    /**
     * Creates player {@code index} (its source address) of publisher {@code streamIndex}'s stream.
     */
    PlayerConnection(LoadLoop loop, LoadOptions options, int index, int streamIndex) {
        super(loop, options, index, streamIndex);
    }

    @Override
    void onSessionStarted(ClientSession s) {
        s.play(streamName);
    }

    @Override
    void onEvent(ClientEvent event, long now) {
        if (event instanceof ClientEvent.PlayStarted p) {
            streamId = p.streamId();
            activate(now, (long) (options.durationSeconds() * 1e9) + GRACE_NANOS);
        } else if (event instanceof ClientEvent.Status s && s.code() != null
                && (s.code().endsWith("UnpublishNotify") || s.code().endsWith("Play.Stop"))) {
            finish(now);
        }
    }

    @Override
    void onMedia(RawMessage message) {
        messages++;
        mediaBytes += message.length();
        if (message.typeId() == MessageTypes.VIDEO) {
            checkGap(message);
            long sent = LatencyStamp.read(message.payload());
            if (sent > 0) {
                stamped++;
                loop.playLatency().recordNanos(System.nanoTime() - sent);
            }
        }
    }

    /** Frames come every 1000/fps ms; a longer step means the server left frames out. */
    private void checkGap(RawMessage message) {
        // Sequence headers (packet type 0) share the first frame's timestamp and say nothing.
        if (message.length() < 2 || message.payload().get(1) == 0) {
            return;
        }
        long ts = message.timestamp();
        double interval = 1000.0 / options.fps();
        if (lastVideoTimestamp >= 0 && ts - lastVideoTimestamp > interval * 1.5 + 1) {
            videoGaps++;
            missedFrames += Math.round((ts - lastVideoTimestamp) / interval) - 1;
        }
        lastVideoTimestamp = ts;
    }

    @Override
    boolean fillActive(ChunkEncoder enc, ByteBuffer buffer, long now) {
        return false;
    }

    @Override
    long activeDeadline() {
        return Long.MAX_VALUE;
    }

    @Override
    void onFinish(ClientSession s) {
        s.unpublish(streamId); // for a played stream: deleteStream
    }

    /** Returns the audio, video and data messages received. */
    long messages() {
        return messages;
    }

    /** Returns the payload bytes of those messages. */
    long mediaBytes() {
        return mediaBytes;
    }

    /** Returns the gaps seen in the video timestamps (0: no frame dropped). */
    long videoGaps() {
        return videoGaps;
    }

    /** Returns about how many video frames the gaps left out. */
    long missedFrames() {
        return missedFrames;
    }

    /** Returns the video frames that carried a latency stamp. */
    long stamped() {
        return stamped;
    }
}
