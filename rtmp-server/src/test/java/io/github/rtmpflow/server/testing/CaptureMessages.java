package io.github.rtmpflow.server.testing;

import io.github.rtmpflow.core.RtmpLimits;
import io.github.rtmpflow.core.chunk.ChunkDecoder;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Where each message of a captured client stream ends, for cutting captures at chosen points. */
public final class CaptureMessages {

    /** C0 + C1 + C2. */
    public static final int HANDSHAKE_LENGTH = 3073;

    /**
     * One message of a capture.
     *
     * @param offset the capture offset just past its last byte
     * @param typeId its message type
     * @param length its payload length
     */
    public record MessageEnd(long offset, int typeId, int length) {
    }

    private CaptureMessages() {
    }

    /** Decodes the capture's chunk stream one byte at a time, noting where each message ends. */
    public static List<MessageEnd> of(byte[] capture) {
        List<MessageEnd> ends = new ArrayList<>();
        long[] offset = {HANDSHAKE_LENGTH};
        ChunkDecoder decoder = new ChunkDecoder(RtmpLimits.DEFAULTS, message -> {
            ends.add(new MessageEnd(offset[0], message.typeId(), message.length()));
            return true;
        });
        ByteBuffer one = ByteBuffer.allocate(1);
        for (int i = HANDSHAKE_LENGTH; i < capture.length; i++) {
            one.clear();
            one.put(capture[i]).flip();
            offset[0] = i + 1L;
            decoder.feed(one);
        }
        if (decoder.failed()) {
            throw new IllegalStateException("capture does not decode: " + decoder.error());
        }
        return ends;
    }
}
