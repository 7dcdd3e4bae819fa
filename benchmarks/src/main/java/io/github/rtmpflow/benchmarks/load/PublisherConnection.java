package io.github.rtmpflow.benchmarks.load;

import io.github.rtmpflow.core.chunk.ChunkEncoder;
import io.github.rtmpflow.core.chunk.MessageTypes;
import io.github.rtmpflow.core.chunk.RawMessage;
import io.github.rtmpflow.core.session.ChunkStreamIds;
import io.github.rtmpflow.core.session.ClientEvent;
import io.github.rtmpflow.core.session.ClientSession;
import java.nio.ByteBuffer;

/**
 * A publisher: connect, releaseStream, FCPublish, createStream, publish (all through
 * {@link ClientSession}), then on NetStream.Publish.Start the synthetic stream: metadata,
 * sequence headers, then video and audio frames interleaved by timestamp, either in real time
 * (paced: a message goes out when its timestamp is due) or as fast as the socket takes them.
 * At the end FCUnpublish and deleteStream, then FIN.
 *
 * <p>Per message sent it allocates one {@link RawMessage} record (the header fields; the
 * payload is the shared pre-generated buffer) and nothing else; the chunk encoder copies the
 * payload into the pooled output buffer.
 */
final class PublisherConnection extends ClientConnection {

    /** Metadata travels on its own chunk stream, as librtmp and FFmpeg do. */
    private static final int DATA_CHUNK_STREAM_ID = 4;
    private static final int HEADERS = 3;

    private final SyntheticMedia media;
    private final java.util.List<PlayerConnection> players = new java.util.ArrayList<>();
    private int streamId;
    private int headersSent;
    private long videoIndex;
    private long audioIndex;
    private RawMessage held;
    private long heldTimestamp = -1;
    private long messages;
    private long maxLagNanos;
    private long setupNanos = -1;

    PublisherConnection(LoadLoop loop, LoadOptions options, int index, SyntheticMedia media) {
        super(loop, options, index);
        this.media = media;
    }

    /** Starts {@code p} as soon as this publisher publishes. */
    void attachPlayer(PlayerConnection p) {
        players.add(p);
    }

    @Override
    void onSessionStarted(ClientSession s) {
        s.publish(streamName);
    }

    @Override
    void onEvent(ClientEvent event, long now) {
        if (event instanceof ClientEvent.PublishStarted p) {
            streamId = p.streamId();
            setupNanos = now - connectStartedAt;
            activate(now, (long) (options.durationSeconds() * 1e9));
            long rampNanos = (long) (options.rampSeconds() * 1e9);
            for (int i = 0; i < players.size(); i++) {
                // --ramp spreads the players too, so a server's handshake limit is not hit at once.
                PlayerConnection player = players.get(i);
                player.startAt = now + rampNanos * i / players.size();
                if (player.loop != loop) {
                    player.loop.selector().wakeup();
                }
            }
        }
    }

    @Override
    void onMedia(RawMessage message) {
        // a publisher plays nothing
    }

    @Override
    boolean fillActive(ChunkEncoder enc, ByteBuffer buffer, long now) {
        while (true) {
            RawMessage m = held != null ? held : next();
            if (options.paced() && dueAt(m.timestamp()) > now) {
                held = m;
                return false;
            }
            int start = buffer.position();
            if (enc.encodedLength(m) > buffer.remaining()) {
                held = m;
                return true;
            }
            enc.encode(m, buffer);
            held = null;
            messages++;
            // Paced frames are always stamped (cheap at real-time rates), so an in-process
            // consumer of the server can measure latency without players; fast runs only for players.
            if ((options.paced() || options.players() > 0) && m.typeId() == MessageTypes.VIDEO) {
                LatencyStamp.stamp(buffer, start, buffer.position(), System.nanoTime());
            }
            if (options.paced()) {
                recordLag(now - dueAt(m.timestamp()));
            }
        }
    }

    @Override
    long activeDeadline() {
        if (!options.paced()) {
            return Long.MAX_VALUE;
        }
        if (held == null) {
            held = next();
        }
        return dueAt(held.timestamp());
    }

    @Override
    void onFinish(ClientSession s) {
        held = null;
        s.unpublish(streamId);
    }

    /** Returns the next message of the stream, in timestamp order. */
    private RawMessage next() {
        long start = media.startTimestamp();
        switch (headersSent) {
            case 0:
                headersSent++;
                return message(DATA_CHUNK_STREAM_ID, start, MessageTypes.DATA_AMF0, media.metadata());
            case 1:
                headersSent++;
                return message(ChunkStreamIds.VIDEO, start, MessageTypes.VIDEO, media.videoSequenceHeader());
            case 2:
                headersSent++;
                if (media.hasAudio()) {
                    return message(ChunkStreamIds.AUDIO, start, MessageTypes.AUDIO, media.audioSequenceHeader());
                }
                break;
            default:
                break;
        }
        long videoTimestamp = media.videoTimestamp(videoIndex);
        if (media.hasAudio() && media.audioTimestamp(audioIndex) < videoTimestamp) {
            long ts = media.audioTimestamp(audioIndex);
            return message(ChunkStreamIds.AUDIO, ts, MessageTypes.AUDIO, media.audioFrame(audioIndex++));
        }
        return message(ChunkStreamIds.VIDEO, videoTimestamp, MessageTypes.VIDEO, media.videoFrame(videoIndex++));
    }

    private RawMessage message(int chunkStreamId, long timestamp, int typeId, ByteBuffer payload) {
        return new RawMessage(chunkStreamId, timestamp, typeId, streamId, payload);
    }

    /** When a message is due in real time: publish start plus its timestamp's offset. */
    private long dueAt(long timestamp) {
        return activeAt + (timestamp - media.startTimestamp()) * 1_000_000L;
    }

    private void recordLag(long lagNanos) {
        maxLagNanos = Math.max(maxLagNanos, lagNanos);
        loop.lag().recordNanos(lagNanos);
    }

    /** Returns the messages sent since publish start (metadata, headers and frames). */
    long messages() {
        return messages;
    }

    /** Returns connect-to-Publish.Start in ns, or -1 when it never started. */
    long setupNanos() {
        return setupNanos;
    }

    /** Returns how far behind real time this publisher fell at worst, in ns (paced only). */
    long maxLagNanos() {
        return maxLagNanos;
    }
}
