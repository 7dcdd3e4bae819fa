package io.github.rtmpflow.flv;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Streaming FLV file writer to any {@link WritableByteChannel}, which must be at the start of
 * an empty file (or stream).
 *
 * <p>The file starts with the header, PreviousTagSize0 and an onMetaData script tag that carries
 * {@code duration} and {@code filesize} as AMF0 numbers (fixed width). When the first tag written
 * is itself an onMetaData tag, its entries are kept in that tag (minus any duration and filesize
 * of its own) instead of writing it twice. On {@link #finish()} with a
 * {@link SeekableByteChannel} (a {@code FileChannel}, for one), the two numbers and the header's
 * audio/video flags are patched in place with the real values; other channels keep the
 * placeholders (0).
 *
 * <p>Timestamps (DESIGN "Timestamps": recorders rebase the first tag of a file to 0): the first
 * audio or video tag that is not a sequence header or end is written at 0 and later tags
 * relative to it; tags before it (metadata and sequence headers replayed from a cache) are
 * written at 0, as are tags earlier than it. The file format keeps 32 bits of milliseconds;
 * higher bits are dropped, as the format's readers expect.
 *
 * <p>Each tag (header, body, PreviousTagSize) is written completely before the next one; after
 * an I/O error the writer refuses further tags and {@link #committedSize()} is the length of the
 * complete prefix, which {@link #finish()} truncates a seekable file to. Tag bodies are only read,
 * never kept. Not thread-safe.
 */
public final class FlvWriter implements Closeable {
    private static final int FLAGS_AUDIO = 0x04;
    private static final int FLAGS_VIDEO = 0x01;
    private static final int HEADER_FLAGS_OFFSET = 4;

    private final WritableByteChannel channel;
    private final ByteBuffer tagHeader = ByteBuffer.allocate(FlvHeader.TAG_HEADER_LENGTH);
    private final ByteBuffer trailer = ByteBuffer.allocate(FlvHeader.PREVIOUS_TAG_SIZE_LENGTH);
    private final ByteBuffer[] gather = new ByteBuffer[3];
    private ByteBuffer copyBuffer;
    private boolean started;
    private boolean finished;
    private IOException failure;
    private long committedSize;
    private long tagCount;
    private long metadataTagOffset = -1;
    private OnMetaDataTemplate metadata;
    private long base = Long.MIN_VALUE;
    private final TrackClock audioClock = new TrackClock();
    private final TrackClock videoClock = new TrackClock();

    /** Creates a writer; nothing is written before the first tag or {@link #finish()}. */
    public FlvWriter(WritableByteChannel channel) {
        this.channel = channel;
    }

    /**
     * Writes one tag (the first call writes the file header and the onMetaData tag first).
     * Script tags in the RTMP data message form ({@code "@setDataFrame", "onMetaData", ...}) are
     * written without the {@code "@setDataFrame"} string.
     *
     * @throws IOException when the channel fails; the writer then refuses further tags
     * @throws IllegalStateException after {@link #finish()}
     */
    public void write(FlvTag tag) throws IOException {
        checkWritable();
        if (!started) {
            start(tag.isOnMetaData() ? tag : null);
            if (tag.isOnMetaData()) {
                return;
            }
        }
        long timestamp = rebase(tag);
        ByteBuffer body = tag.isScript() ? ScriptData.toFlvScriptBody(tag.payload()) : tag.payload();
        writeTag(tag.type().id(), timestamp, body);
        if (tag.isAudio()) {
            audioClock.add(timestamp);
        } else if (tag.isVideo()) {
            videoClock.add(timestamp);
        }
    }

    private long rebase(FlvTag tag) {
        boolean media = (tag.isAudio() || tag.isVideo()) && !tag.isSequenceHeader() && !tag.isSequenceEnd()
                && !tag.isTrackConfiguration();
        if (base == Long.MIN_VALUE) {
            if (!media) {
                return 0;
            }
            base = tag.timestamp();
        }
        return Math.max(0, tag.timestamp() - base);
    }

    private void start(FlvTag firstMetadata) throws IOException {
        started = true;
        metadata = OnMetaDataTemplate.build(firstMetadata == null ? null : firstMetadata.payload());
        ByteBuffer header = ByteBuffer.allocate(FlvHeader.LENGTH + FlvHeader.PREVIOUS_TAG_SIZE_LENGTH);
        header.put((byte) 'F').put((byte) 'L').put((byte) 'V').put((byte) 1)
                .put((byte) (FLAGS_AUDIO | FLAGS_VIDEO)).putInt(FlvHeader.LENGTH).putInt(0).flip();
        writeFully(header);
        committedSize = header.capacity();
        metadataTagOffset = committedSize;
        writeTag(TagType.SCRIPT.id(), 0, ByteBuffer.wrap(metadata.body()));
    }

    private void writeTag(int typeId, long timestamp, ByteBuffer body) throws IOException {
        int size = body.remaining();
        if (size > FlvHeader.MAX_TAG_SIZE) {
            throw new IllegalArgumentException("tag too large for FLV: size=" + size);
        }
        tagHeader.clear();
        tagHeader.put((byte) typeId).put((byte) (size >>> 16)).put((byte) (size >>> 8)).put((byte) size)
                .put((byte) (timestamp >>> 16)).put((byte) (timestamp >>> 8)).put((byte) timestamp)
                .put((byte) (timestamp >>> 24)).put((byte) 0).put((byte) 0).put((byte) 0).flip();
        trailer.clear();
        trailer.putInt(FlvHeader.TAG_HEADER_LENGTH + size).flip();
        try {
            if (channel instanceof GatheringByteChannel) {
                writeGathering((GatheringByteChannel) channel, body);
            } else {
                writeCopy(body);
            }
        } catch (IOException e) {
            failure = e;
            throw e;
        }
        committedSize += FlvHeader.TAG_HEADER_LENGTH + size + FlvHeader.PREVIOUS_TAG_SIZE_LENGTH;
        tagCount++;
    }

    private void writeGathering(GatheringByteChannel out, ByteBuffer body) throws IOException {
        gather[0] = tagHeader;
        gather[1] = body;
        gather[2] = trailer;
        while (trailer.hasRemaining()) {
            out.write(gather);
        }
        gather[1] = null;
    }

    private void writeCopy(ByteBuffer body) throws IOException {
        int total = FlvHeader.TAG_HEADER_LENGTH + body.remaining() + FlvHeader.PREVIOUS_TAG_SIZE_LENGTH;
        if (copyBuffer == null || copyBuffer.capacity() < total) {
            copyBuffer = ByteBuffer.allocate(Math.max(total, 64 * 1024));
        }
        copyBuffer.clear();
        copyBuffer.put(tagHeader).put(body).put(trailer).flip();
        writeFully(copyBuffer);
    }

    private void writeFully(ByteBuffer buffer) throws IOException {
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    private void checkWritable() throws IOException {
        if (finished) {
            throw new IllegalStateException("writer finished: tagCount=" + tagCount);
        }
        if (failure != null) {
            throw new IOException("FLV writer failed earlier: " + failure.getMessage(), failure);
        }
    }

    /**
     * Completes the file without closing the channel: writes the header if no tag came, and for
     * a seekable channel truncates it to the complete tags, patches duration, filesize and the
     * audio/video flags in place and leaves the position at the end. Idempotent.
     *
     * @throws IOException when the channel fails
     */
    public void finish() throws IOException {
        if (finished) {
            return;
        }
        if (!started && failure == null) {
            start(null);
        }
        finished = true;
        if (!(channel instanceof SeekableByteChannel)) {
            return;
        }
        SeekableByteChannel file = (SeekableByteChannel) channel;
        if (file.size() > committedSize) {
            file.truncate(committedSize);
        }
        if (metadataTagOffset < 0 || committedSize <= metadataTagOffset) {
            file.position(committedSize);
            return;
        }
        long bodyStart = metadataTagOffset + FlvHeader.TAG_HEADER_LENGTH;
        patchDouble(file, bodyStart + metadata.durationOffset(), durationMillis() / 1000.0);
        patchDouble(file, bodyStart + metadata.filesizeOffset(), committedSize);
        int flags = (audioClock.count > 0 ? FLAGS_AUDIO : 0) | (videoClock.count > 0 ? FLAGS_VIDEO : 0);
        ByteBuffer flagByte = ByteBuffer.allocate(1).put((byte) (flags == 0 ? FLAGS_AUDIO | FLAGS_VIDEO : flags));
        file.position(HEADER_FLAGS_OFFSET);
        writeFully(flagByte.flip());
        file.position(committedSize);
    }

    private void patchDouble(SeekableByteChannel file, long at, double value) throws IOException {
        file.position(at);
        writeFully(ByteBuffer.allocate(8).putDouble(value).flip());
    }

    /** Calls {@link #finish()} and closes the channel (also when finishing fails). */
    @Override
    public void close() throws IOException {
        try {
            finish();
        } finally {
            channel.close();
        }
    }

    /** Returns the length of the file's complete prefix: header and every complete tag. */
    public long committedSize() {
        return committedSize;
    }

    /** Returns the number of tags written, the onMetaData tag included. */
    public long tagCount() {
        return tagCount;
    }

    /** Returns the I/O error that stopped the writer, or {@code null}. */
    public IOException failure() {
        return failure;
    }

    /**
     * Returns the duration in milliseconds as written to onMetaData: the last audio or video
     * timestamp plus that track's last frame interval, the longer of the two.
     */
    public long durationMillis() {
        return Math.max(audioClock.end(), videoClock.end());
    }

    /** The last two timestamps of one track, to estimate where its last frame ends. */
    private static final class TrackClock {
        private long count;
        private long last;
        private long previous;

        void add(long timestamp) {
            previous = last;
            last = timestamp;
            count++;
        }

        long end() {
            if (count == 0) {
                return 0;
            }
            return count == 1 ? last : last + Math.max(0, last - previous);
        }
    }
}
