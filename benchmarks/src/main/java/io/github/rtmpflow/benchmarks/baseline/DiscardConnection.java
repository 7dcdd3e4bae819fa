package io.github.rtmpflow.benchmarks.baseline;

import io.github.rtmpflow.core.ProtocolException;
import io.github.rtmpflow.core.chunk.ChunkDecoder;
import io.github.rtmpflow.core.chunk.ChunkEncoder;
import io.github.rtmpflow.core.chunk.RawMessage;
import io.github.rtmpflow.core.handshake.ServerHandshake;
import io.github.rtmpflow.core.session.OutgoingMessage;
import io.github.rtmpflow.core.session.ServerSession;
import io.github.rtmpflow.core.session.ServerSessionConfig;
import io.github.rtmpflow.core.session.SessionEvent;
import io.github.rtmpflow.core.session.StatusCodes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.SplittableRandom;

/**
 * One connection of the {@link DiscardServer}: the real handshake and command exchange from the
 * core ({@link ServerHandshake}, {@link ChunkDecoder}, {@link ServerSession}, accepting every
 * connect and publish and refusing play), and from the accepted publish on, nothing but reads
 * whose bytes are counted and dropped: no chunk parsing at all.
 *
 * <p>Confined to its loop's thread.
 */
final class DiscardConnection {

    private enum Phase { HANDSHAKE, SESSION, DISCARD }

    private final DiscardServer.Loop loop;
    private final SocketChannel channel;
    private final SelectionKey key;
    private final ServerHandshake handshake;
    private final ChunkEncoder encoder = new ChunkEncoder();
    private ServerSession session;
    private ChunkDecoder decoder;
    private ByteBuffer out = ByteBuffer.allocate(8192);
    private Phase phase = Phase.HANDSHAKE;
    private boolean publishing;
    private boolean closeAfterFlush;
    private String failure;

    DiscardConnection(DiscardServer.Loop loop, SocketChannel channel, SplittableRandom random) throws IOException {
        this.loop = loop;
        this.channel = channel;
        this.handshake = new ServerHandshake(0, random);
        this.key = channel.register(loop.selector(), SelectionKey.OP_READ, this);
    }

    /** Handles readiness; closes the connection on any error or end of stream. */
    void onReady() {
        try {
            if (key.isReadable()) {
                read();
            }
            if (key.isValid() && key.isWritable()) {
                flush();
            }
        } catch (IOException | RuntimeException e) {
            close();
        }
    }

    private void read() throws IOException {
        ByteBuffer in = loop.readBuffer();
        while (key.isValid()) {
            in.clear();
            int n = channel.read(in);
            if (n < 0) {
                close();
                return;
            }
            if (n == 0) {
                return;
            }
            loop.countBytes(n);
            if (phase == Phase.DISCARD) {
                continue;
            }
            in.flip();
            if (phase == Phase.HANDSHAKE) {
                handshake.feed(in);
                if (handshake.failed()) {
                    throw new IOException("handshake failed: " + handshake.error().orElseThrow());
                }
                queue(handshake.takeOutput());
                if (handshake.done()) {
                    phase = Phase.SESSION;
                    session = new ServerSession(ServerSessionConfig.DEFAULTS);
                    decoder = new ChunkDecoder(ServerSessionConfig.DEFAULTS.limits(), this::onMessage);
                }
            }
            if (phase == Phase.SESSION && in.hasRemaining()) {
                decoder.feed(in);
                if (decoder.failed() || failure != null) {
                    throw new IOException("protocol error: " + (failure != null ? failure : decoder.error()));
                }
                answer();
            }
            flush();
        }
    }

    /** Decoder listener: stops decoding (pauses for good) once a publish was accepted. */
    private boolean onMessage(RawMessage message) {
        try {
            session.receive(message);
            answer();
        } catch (ProtocolException e) {
            failure = e.error().toString();
            return false;
        }
        if (publishing) {
            phase = Phase.DISCARD; // the rest of this read and everything later is dropped unparsed
            return false;
        }
        return true;
    }

    private void answer() {
        for (SessionEvent e = session.pollEvent(); e != null; e = session.pollEvent()) {
            if (e instanceof SessionEvent.ConnectRequested) {
                session.acceptConnect();
            } else if (e instanceof SessionEvent.PublishRequested p) {
                publishing = session.acceptPublish(p.request().streamId());
                loop.countPublish();
            } else if (e instanceof SessionEvent.PlayRequested p) {
                session.rejectPlay(p.request().streamId(), StatusCodes.PLAY_STREAM_NOT_FOUND,
                        "the discard server has nothing to play");
            } else if (e instanceof SessionEvent.CloseRequested) {
                closeAfterFlush = true;
            }
        }
        for (OutgoingMessage m = session.pollOutgoing(); m != null; m = session.pollOutgoing()) {
            RawMessage raw = m.toRawMessage();
            int length = encoder.encodedLength(raw);
            if (out.remaining() < length) {
                out = grow(out, length);
            }
            encoder.encode(raw, out);
        }
    }

    private void queue(ByteBuffer bytes) {
        if (out.remaining() < bytes.remaining()) {
            out = grow(out, bytes.remaining());
        }
        out.put(bytes);
    }

    private static ByteBuffer grow(ByteBuffer b, int extra) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(b.capacity() * 2, b.position() + extra));
        return bigger.put(b.flip());
    }

    /** Writes what the session answered; OP_WRITE only while bytes wait. */
    private void flush() throws IOException {
        out.flip();
        channel.write(out);
        out.compact();
        boolean waiting = out.position() > 0;
        if (!waiting && closeAfterFlush) {
            close();
            return;
        }
        int ops = SelectionKey.OP_READ | (waiting ? SelectionKey.OP_WRITE : 0);
        if (key.isValid() && key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }

    void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // the socket is gone either way
        }
    }
}
