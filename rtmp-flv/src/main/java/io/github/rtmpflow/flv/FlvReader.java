package io.github.rtmpflow.flv;

import io.github.rtmpflow.core.ProtocolError;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * Pull reader of an FLV file from any {@link ReadableByteChannel}, one tag at a time, on top
 * of {@link FlvDecoder} (same checks, same bounded tag size). Works with channels that return
 * any number of bytes per read, including one.
 *
 * <p>Errors are {@link FlvFormatException}s that say what was wrong and where; an I/O error of
 * the channel passes through unchanged. After an error the reader keeps failing.
 *
 * <p>The reader owns its read buffer; each tag returned owns its body. Not thread-safe.
 */
public final class FlvReader implements Closeable {
    private static final int DEFAULT_BUFFER_SIZE = 64 * 1024;

    private final ReadableByteChannel channel;
    private final FlvDecoder decoder;
    private final ByteBuffer buffer;
    private FlvHeader header;
    private FlvTag next;
    private boolean endOfInput;
    private FlvFormatException failure;

    /** Creates a reader that accepts tags up to {@link FlvHeader#MAX_TAG_SIZE}. */
    public FlvReader(ReadableByteChannel channel) {
        this(channel, FlvHeader.MAX_TAG_SIZE);
    }

    /**
     * Creates a reader.
     *
     * @param channel the file's bytes from the start; closed by {@link #close()}
     * @param maxTagSize the largest tag body accepted (bigger ones fail the read)
     */
    public FlvReader(ReadableByteChannel channel, int maxTagSize) {
        this.channel = channel;
        this.decoder = new FlvDecoder(maxTagSize, new FlvDecoder.Listener() {
            @Override
            public void onHeader(FlvHeader h) {
                header = h;
            }

            @Override
            public boolean onTag(FlvTag tag) {
                next = tag;
                return false;
            }
        });
        this.buffer = ByteBuffer.allocate(DEFAULT_BUFFER_SIZE).flip();
    }

    /**
     * Returns the file header, reading it first if needed.
     *
     * @throws FlvFormatException when the header is malformed or the file is shorter
     */
    public FlvHeader header() throws IOException {
        while (header == null) {
            if (!pump()) {
                throw truncated();
            }
        }
        return header;
    }

    /**
     * Returns the next tag, or {@code null} when the file ends cleanly after a complete tag.
     *
     * @throws FlvFormatException when the file is malformed or ends inside the header or a tag
     */
    public FlvTag next() throws IOException {
        while (next == null) {
            if (!pump()) {
                if (decoder.atTagBoundary()) {
                    return null;
                }
                throw truncated();
            }
        }
        FlvTag tag = next;
        next = null;
        return tag;
    }

    /** Returns the file offset just after the last tag returned (or the header). */
    public long offset() {
        return decoder.offset();
    }

    /** Feeds buffered bytes, reading more when none are left; false at end of input. */
    private boolean pump() throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (!buffer.hasRemaining()) {
            if (endOfInput) {
                return false;
            }
            buffer.clear();
            int n = channel.read(buffer);
            buffer.flip();
            if (n < 0) {
                endOfInput = true;
                return false;
            }
        }
        if (!decoder.feed(buffer)) {
            failure = new FlvFormatException(decoder.error(), decoder.offset());
            throw failure;
        }
        return true;
    }

    private FlvFormatException truncated() {
        failure = new FlvFormatException(new ProtocolError(ProtocolError.Code.BAD_MESSAGE,
                "file ends inside the " + decoder.expecting()), decoder.offset());
        return failure;
    }

    /** Closes the channel. */
    @Override
    public void close() throws IOException {
        channel.close();
    }
}
