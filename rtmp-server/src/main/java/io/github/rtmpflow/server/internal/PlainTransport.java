package io.github.rtmpflow.server.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** RTMP straight on the socket: every call goes to the channel. */
public final class PlainTransport implements Transport {

    private final SocketChannel channel;

    /** Wraps {@code channel}, which the transport closes. */
    public PlainTransport(SocketChannel channel) {
        this.channel = channel;
    }

    @Override
    public void open(Connection connection) {
        // Nothing to set up.
    }

    @Override
    public int read(ByteBuffer destination) throws IOException {
        return channel.read(destination);
    }

    @Override
    public long write(ByteBuffer[] sources, int offset, int length) throws IOException {
        return channel.write(sources, offset, length);
    }

    @Override
    public int write(ByteBuffer source) throws IOException {
        return channel.write(source);
    }

    @Override
    public boolean hasBufferedInput() {
        return false;
    }

    @Override
    public boolean flushPending() {
        return true;
    }

    @Override
    public String scheme() {
        return "rtmp";
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
