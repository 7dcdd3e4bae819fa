package io.github.rtmpflow.flv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/**
 * A seekable channel that behaves like a disk that fills up: once {@code capacity} bytes are
 * in the file, a write puts what still fits and then fails with "No space left on device".
 * Writing in place (patching) below the capacity still works, as on a real full disk.
 */
final class FailingChannel implements SeekableByteChannel {
    private final SeekableByteChannel delegate;
    private final long capacity;

    FailingChannel(SeekableByteChannel delegate, long capacity) {
        this.delegate = delegate;
        this.capacity = capacity;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        long room = capacity - delegate.position();
        if (src.remaining() <= room) {
            return delegate.write(src);
        }
        if (room > 0) {
            ByteBuffer part = src.duplicate();
            part.limit(part.position() + (int) room);
            int n = delegate.write(part);
            src.position(src.position() + n);
        }
        throw new IOException("No space left on device");
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return delegate.read(dst);
    }

    @Override
    public long position() throws IOException {
        return delegate.position();
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
        delegate.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return delegate.size();
    }

    @Override
    public SeekableByteChannel truncate(long size) throws IOException {
        delegate.truncate(size);
        return this;
    }

    @Override
    public boolean isOpen() {
        return delegate.isOpen();
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
