package io.github.rtmpflow.server.testing;

import io.github.rtmpflow.core.ProtocolException;
import io.github.rtmpflow.core.RtmpLimits;
import io.github.rtmpflow.core.chunk.ChunkDecoder;
import io.github.rtmpflow.core.chunk.ChunkEncoder;
import io.github.rtmpflow.core.chunk.RawMessage;
import io.github.rtmpflow.core.message.MessageCodec;
import io.github.rtmpflow.core.message.RtmpMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A hand-driven RTMP peer for protocol tests: does FFmpeg's captured handshake, then sends the
 * messages the test chooses and records every message the server sends, decoded.
 */
public final class RawPeer implements AutoCloseable {

    private final Socket socket;
    private final ChunkEncoder encoder = new ChunkEncoder();
    private final List<RtmpMessage> received = new CopyOnWriteArrayList<>();
    private volatile boolean serverClosed;
    private long bytesSent;

    private RawPeer(Socket socket) {
        this.socket = socket;
    }

    /** Connects to {@code port} and completes the handshake. */
    public static RawPeer open(int port) throws IOException {
        return open(port, InetAddress.getLoopbackAddress());
    }

    /** Connects to {@code port} from the local address {@code from} and completes the handshake. */
    public static RawPeer open(int port, InetAddress from) throws IOException {
        RawPeer peer = new RawPeer(new Socket(InetAddress.getLoopbackAddress(), port, from, 0));
        byte[] handshake = Arrays.copyOf(CaptureReplay.fixture("ffmpeg_publish_c2s.bin"), 3073);
        peer.socket.getOutputStream().write(handshake);
        peer.bytesSent = handshake.length;
        InputStream in = peer.socket.getInputStream();
        byte[] s0s1s2 = in.readNBytes(3073);
        if (s0s1s2.length != 3073) {
            throw new IOException("server closed during the handshake");
        }
        Thread reader = new Thread(peer::read, "raw-peer-reader");
        reader.setDaemon(true);
        reader.start();
        return peer;
    }

    /** Encodes and sends {@code message} on {@code chunkStreamId}, message stream {@code messageStreamId}. */
    public synchronized void send(RtmpMessage message, int chunkStreamId, int messageStreamId) throws IOException {
        ByteBuffer out = encoder.encode(MessageCodec.encode(message, chunkStreamId, 0, messageStreamId));
        bytesSent += out.remaining();
        socket.getOutputStream().write(out.array(), out.arrayOffset() + out.position(), out.remaining());
    }

    /** Encodes and sends {@code message} as it is (any type id, timestamp and stream ids). */
    public synchronized void send(RawMessage message) throws IOException {
        ByteBuffer out = encoder.encode(message);
        bytesSent += out.remaining();
        socket.getOutputStream().write(out.array(), out.arrayOffset() + out.position(), out.remaining());
    }

    /** Sends {@code bytes} as they are, bypassing the chunk encoder (malformed chunks). */
    public synchronized void sendRaw(byte[] bytes) throws IOException {
        bytesSent += bytes.length;
        socket.getOutputStream().write(bytes);
    }

    /** Returns the local port: the server's log lines name the peer as {@code /127.0.0.1:<port>}. */
    public int localPort() {
        return socket.getLocalPort();
    }

    /** Returns the bytes sent so far, handshake included. */
    public synchronized long bytesSent() {
        return bytesSent;
    }

    /** Returns every message received so far. */
    public List<RtmpMessage> received() {
        return received;
    }

    /** Waits for a received message matching {@code what}. */
    public RtmpMessage await(String description, Predicate<RtmpMessage> what) {
        RtmpMessage[] found = new RtmpMessage[1];
        Poll.until(description, () -> {
            for (RtmpMessage m : received) {
                if (what.test(m)) {
                    found[0] = m;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    /** Returns whether the server closed the connection. */
    public boolean serverClosed() {
        return serverClosed;
    }

    /** Resets the connection: closes with SO_LINGER 0, so the server sees a RST and no FIN. */
    public void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void read() {
        ChunkDecoder decoder = new ChunkDecoder(RtmpLimits.DEFAULTS, raw -> {
            try {
                received.add(MessageCodec.decode(raw, RtmpLimits.DEFAULTS));
            } catch (ProtocolException e) {
                throw new IllegalStateException("server sent a malformed message: " + e.error());
            }
            return true;
        });
        byte[] buffer = new byte[65536];
        try {
            InputStream in = socket.getInputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                decoder.feed(ByteBuffer.wrap(buffer, 0, n));
            }
        } catch (IOException e) {
            // closed
        }
        serverClosed = true;
    }
}
