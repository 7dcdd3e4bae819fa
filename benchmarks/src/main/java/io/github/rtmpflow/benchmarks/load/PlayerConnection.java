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
 * from the publisher's write to this delivery ({@link LatencyStamp}). It stops when the server
 * reports the end of the stream or one second after the publisher's duration.
 */
final class PlayerConnection extends ClientConnection {

    private static final long GRACE_NANOS = 1_000_000_000L;

    private int streamId;
    private long messages;
    private long mediaBytes;
    private long stamped;

    PlayerConnection(LoadLoop loop, LoadOptions options, int index) {
        super(loop, options, index);
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
            long sent = LatencyStamp.read(message.payload());
            if (sent > 0) {
                stamped++;
                loop.playLatency().recordNanos(System.nanoTime() - sent);
            }
        }
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

    /** Returns the video frames that carried a latency stamp. */
    long stamped() {
        return stamped;
    }
}
