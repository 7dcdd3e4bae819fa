package io.github.rtmpflow.server.client;

import io.github.rtmpflow.core.RtmpLimits;
import io.github.rtmpflow.core.chunk.AcknowledgementWindow;
import io.github.rtmpflow.core.chunk.ChunkDecoder;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The client's reading thread: reads the server continuously into a chunk decoder, hands every
 * message to the client, and acknowledges received bytes when the server set a window.
 */
final class ClientReader {

    private final RtmpClient client;
    private final SocketChannel channel;
    private final ChunkDecoder decoder;
    private final AcknowledgementWindow acknowledgements = new AcknowledgementWindow();
    private final CountDownLatch ended = new CountDownLatch(1);
    private long bytesRead;

    ClientReader(RtmpClient client, SocketChannel channel, RtmpLimits limits) {
        this.client = client;
        this.channel = channel;
        this.decoder = new ChunkDecoder(limits, client::onMessage);
    }

    /** Counts the handshake bytes, which acknowledgements include. */
    void countBytes(long bytes) {
        bytesRead += bytes;
    }

    /** Called with the client's lock held, from {@link RtmpClient#onMessage}. */
    void setAcknowledgementWindow(long windowSize) {
        synchronized (acknowledgements) {
            acknowledgements.setWindowSize(windowSize);
        }
    }

    /** Starts the thread; {@code first} holds bytes the handshake read past S2. */
    void start(ByteBuffer first) {
        Thread thread = new Thread(() -> run(first), "rtmpflow-client-reader");
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits until the reader ended (server closed or the socket failed). */
    boolean awaitEnd(long timeoutMillis) {
        try {
            return ended.await(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void run(ByteBuffer first) {
        IOException cause = null;
        try {
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            buffer.put(first);
            // The handshake read through a blocking stream with a timeout; reads here block freely.
            channel.socket().setSoTimeout(0);
            while (true) {
                buffer.flip();
                decoder.feed(buffer);
                if (decoder.failed()) {
                    throw new IOException("server sent a malformed chunk stream: " + decoder.error());
                }
                if (buffer.hasRemaining()) {
                    throw new IOException("client stopped decoding after a malformed message");
                }
                buffer.clear();
                client.afterRead(acknowledgementDue());
                int n = channel.read(buffer);
                if (n < 0) {
                    throw new EOFException("server closed the connection");
                }
                bytesRead += n;
            }
        } catch (IOException e) {
            cause = e;
        } finally {
            client.onReaderEnd(cause == null ? new EOFException("reader ended") : cause);
            ended.countDown();
        }
    }

    private long acknowledgementDue() {
        synchronized (acknowledgements) {
            return acknowledgements.onBytesReceived(bytesRead) ? acknowledgements.sequenceNumberToAck() : -1;
        }
    }
}
