package io.github.rtmpflow.core.session;

import io.github.rtmpflow.core.RtmpLimits;
import java.util.Objects;

/**
 * Settings of a {@link ServerSession}.
 *
 * @param chunkSize the chunk size the server announces (Set Chunk Size) right before the connect
 *     reply and uses from then on, 1..0x7FFFFFFF (default 4096, like nginx-rtmp)
 * @param windowAcknowledgementSize the window the server asks the client to acknowledge at
 *     (default 2,500,000 bytes)
 * @param peerBandwidth the Set Peer Bandwidth window (default 2,500,000 bytes, limit type dynamic)
 * @param maxMessageStreams most message streams (createStream) open at once (default 8); one
 *     more is a protocol error
 * @param maxQueuedCommands most commands held while the application decides on connect (default
 *     16); one more is a protocol error
 * @param limits AMF bounds for decoding commands
 * @param fmsVer the {@code fmsVer} the connect reply states (default "FMS/3,0,1,123" as nginx-rtmp)
 */
public record ServerSessionConfig(int chunkSize, long windowAcknowledgementSize, long peerBandwidth,
        int maxMessageStreams, int maxQueuedCommands, RtmpLimits limits, String fmsVer) {

    /** Defaults matching nginx-rtmp's answers. */
    public static final ServerSessionConfig DEFAULTS =
            new ServerSessionConfig(4096, 2_500_000, 2_500_000, 8, 16, RtmpLimits.DEFAULTS, "FMS/3,0,1,123");

    /** Validates the ranges. */
    public ServerSessionConfig {
        if (chunkSize <= 0) {
            throw new IllegalArgumentException("chunkSize out of range: chunkSize=" + chunkSize);
        }
        requireU32("windowAcknowledgementSize", windowAcknowledgementSize);
        requireU32("peerBandwidth", peerBandwidth);
        if (maxMessageStreams <= 0) {
            throw new IllegalArgumentException("maxMessageStreams must be positive: maxMessageStreams="
                    + maxMessageStreams);
        }
        if (maxQueuedCommands < 0) {
            throw new IllegalArgumentException("maxQueuedCommands must not be negative: maxQueuedCommands="
                    + maxQueuedCommands);
        }
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(fmsVer, "fmsVer");
    }

    /** Returns a copy with another chunk size. */
    public ServerSessionConfig withChunkSize(int size) {
        return new ServerSessionConfig(size, windowAcknowledgementSize, peerBandwidth, maxMessageStreams,
                maxQueuedCommands, limits, fmsVer);
    }

    /** Returns a copy with another maximum of open message streams. */
    public ServerSessionConfig withMaxMessageStreams(int streams) {
        return new ServerSessionConfig(chunkSize, windowAcknowledgementSize, peerBandwidth, streams,
                maxQueuedCommands, limits, fmsVer);
    }

    /** Returns a copy with other limits. */
    public ServerSessionConfig withLimits(RtmpLimits newLimits) {
        return new ServerSessionConfig(chunkSize, windowAcknowledgementSize, peerBandwidth, maxMessageStreams,
                maxQueuedCommands, newLimits, fmsVer);
    }

    private static void requireU32(String name, long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(name + " out of range: " + name + "=" + value);
        }
    }
}
