package io.github.rtmpflow.server.internal;

import io.github.rtmpflow.core.ProtocolError;
import io.github.rtmpflow.core.ProtocolException;
import io.github.rtmpflow.core.chunk.AcknowledgementWindow;
import io.github.rtmpflow.core.chunk.ChunkDecoder;
import io.github.rtmpflow.core.chunk.ChunkEncoder;
import io.github.rtmpflow.core.chunk.RawMessage;
import io.github.rtmpflow.core.handshake.ServerHandshake;
import io.github.rtmpflow.core.session.ClientCapabilities;
import io.github.rtmpflow.core.session.ConnectRequest;
import io.github.rtmpflow.core.session.OutgoingMessage;
import io.github.rtmpflow.core.session.PublishRequest;
import io.github.rtmpflow.core.session.ServerSession;
import io.github.rtmpflow.core.session.SessionEvent;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RTMP pipeline of one server connection: handshake, then chunk decoder, session state
 * machine and media routing; replies through a per-connection chunk encoder; acknowledgements,
 * ping replies and the server's own pings; handshake, idle and ping timers. Confined to the
 * connection's loop, except the {@link PublisherHandle} methods.
 */
public final class RtmpConnection implements ConnectionHandler, PublisherHandle {

    private static final Logger LOG = LoggerFactory.getLogger(RtmpConnection.class);
    /** How long a peer gets to take the last bytes (an error status) before a hard close. */
    private static final long CLOSE_GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final ServerContext ctx;
    private final Connection connection;
    private final ServerSession session;
    private final PublishController publishes;
    private final PlayController plays;
    private final ChunkEncoder encoder = new ChunkEncoder();
    private final AcknowledgementWindow acknowledgements = new AcknowledgementWindow();
    private ServerHandshake handshake;
    private ChunkDecoder decoder;
    private DeadlineHeap.Timer handshakeTimer;
    private DeadlineHeap.Timer idleTimer;
    private DeadlineHeap.Timer pingTimer;
    private ByteBuffer paused;
    private ProtocolError protocolError;
    private boolean closeRequested;
    private boolean pauseAsked;

    /** Creates the pipeline of {@code connection}; {@link Connection#open} starts it. */
    public RtmpConnection(ServerContext ctx, Connection connection) {
        this.ctx = ctx;
        this.connection = connection;
        this.session = new ServerSession(ctx.sessionConfig());
        this.publishes = new PublishController(ctx, this, connection, session);
        this.plays = new PlayController(ctx, this, connection, session);
    }

    @Override
    public void onOpen(Connection c) {
        handshake = new ServerHandshake((int) ctx.uptimeMillis(), ThreadLocalRandom.current());
        long timeout = ctx.timeouts().handshake().toNanos();
        handshakeTimer = loop().deadlines().schedule(loop().now() + timeout, () -> {
            LOG.warn("[{}] {} handshake not completed within {} ms, closing", label(), peer(),
                    TimeUnit.NANOSECONDS.toMillis(timeout));
            connection.close("handshake timeout");
        });
    }

    @Override
    public void onRead(ByteBuffer data) {
        if (handshake != null) {
            handshake.feed(data);
            if (handshake.hasOutput()) {
                connection.send(handshake.takeOutput());
            }
            if (handshake.failed()) {
                LOG.warn("[{}] {} handshake failed, closing: {}", label(), peer(), handshake.error().orElse(null));
                connection.close("handshake failed");
                return;
            }
            if (!handshake.done()) {
                return;
            }
            onHandshakeDone();
        }
        if (paused != null) {
            // Reading resumed only once the pause is over; this cannot happen, but never reorder bytes.
            keepPaused(data);
            return;
        }
        feed(data);
        afterInput();
    }

    private void onHandshakeDone() {
        LOG.debug("[{}] {} handshake done ({})", label(), peer(), handshake.form().orElse(null));
        handshake = null;
        ctx.limiter().handshakeDone();
        connection.markHandshakeDone();
        loop().deadlines().cancel(handshakeTimer);
        decoder = new ChunkDecoder(ctx.limits().protocol(), this::onMessage,
                ctx.limiter().bufferBudget(peer().getAddress(), label()));
        long idle = ctx.timeouts().idle().toNanos();
        idleTimer = loop().deadlines().schedule(connection.lastReadNanos() + idle, this::checkIdle);
    }

    private void feed(ByteBuffer data) {
        pauseAsked = false;
        decoder.feed(data);
        if (decoder.failed() || protocolError != null) {
            ProtocolError error = decoder.failed() ? decoder.error() : protocolError;
            LOG.warn("[{}] {} protocol error, closing: {}", label(), peer(), error);
            connection.close("protocol error");
            return;
        }
        if (pauseAsked && !closeRequested && !connection.isClosed()) {
            keepPaused(data);
        }
    }

    /** A subscriber paused the publisher: keep the unread rest and stop reading. */
    private void keepPaused(ByteBuffer rest) {
        ByteBuffer copy = ByteBuffer.allocate((paused == null ? 0 : paused.remaining()) + rest.remaining());
        if (paused != null) {
            copy.put(paused);
        }
        copy.put(rest).flip();
        paused = copy;
        connection.pauseReading();
        LOG.debug("[{}] {} reading paused by a subscriber ({} bytes kept)", label(), peer(), copy.remaining());
    }

    private boolean onMessage(RawMessage raw) {
        if (LOG.isTraceEnabled()) {
            LOG.trace("[{}] message type={} csid={} msid={} ts={} length={}", label(), raw.typeId(),
                    raw.chunkStreamId(), raw.messageStreamId(), raw.timestamp(), raw.length());
        }
        boolean goOn = true;
        try {
            PublishRequest publish = session.receive(raw);
            if (publish != null) {
                LiveStreamImpl stream = publishes.streamOf(publish);
                if (stream != null) {
                    goOn = MediaRouter.route(raw, stream);
                }
            }
        } catch (ProtocolException e) {
            protocolError = e.error();
            return false;
        }
        drainEvents();
        if (!goOn) {
            pauseAsked = true;
        }
        return goOn && !closeRequested && !connection.isClosed();
    }

    private void drainEvents() {
        SessionEvent event;
        while ((event = session.pollEvent()) != null) {
            if (event instanceof SessionEvent.ConnectRequested connect) {
                onConnect(connect.request());
            } else if (event instanceof SessionEvent.PublishRequested publish) {
                publishes.onPublishRequested(publish.request());
            } else if (event instanceof SessionEvent.PlayRequested play) {
                plays.onPlayRequested(play.request());
            } else if (event instanceof SessionEvent.PlayStopped stopped) {
                plays.onPlayStopped(stopped.request(), stopped.started());
            } else if (event instanceof SessionEvent.PauseRequested pause) {
                plays.onPause(pause.request(), pause.pause());
            } else if (event instanceof SessionEvent.SeekRequested seek) {
                plays.onSeek(seek.request(), seek.millis());
            } else if (event instanceof SessionEvent.Unpublished unpublished) {
                publishes.onUnpublished(unpublished.request(), unpublished.started());
            } else if (event instanceof SessionEvent.WindowAcknowledgementSizeChanged window) {
                acknowledgements.setWindowSize(window.windowSize());
            } else if (event instanceof SessionEvent.CloseRequested close) {
                LOG.debug("[{}] {} session asks to close: {}", label(), peer(), close.reason());
                closeRequested = true;
            }
        }
    }

    private void onConnect(ConnectRequest request) {
        String problem = NameValidator.problem(request.app());
        if (problem != null) {
            LOG.warn("[{}] {} connect refused: invalid application name ({})", label(), peer(), problem);
            session.rejectConnect("Invalid application name: " + problem);
            return;
        }
        LOG.debug("[{}] {} connect app={} flashVer={}", label(), peer(), request.app(), request.flashVer());
        session.acceptConnect();
        long interval = ctx.timeouts().pingInterval().toNanos();
        if (interval > 0 && pingTimer == null) {
            pingTimer = loop().deadlines().schedule(loop().now() + interval, this::ping);
        }
    }

    /** Sends acknowledgements and replies; flushes; closes when the session asked to. */
    private void afterInput() {
        if (connection.isClosed()) {
            return;
        }
        if (acknowledgements.onBytesReceived(connection.bytesRead())) {
            session.acknowledge(acknowledgements.sequenceNumberToAck());
        }
        drainOutgoing();
        if (closeRequested) {
            connection.closeAfterFlush("session closed", CLOSE_GRACE_NANOS);
        }
    }

    private void drainOutgoing() {
        OutgoingMessage message;
        while ((message = session.pollOutgoing()) != null) {
            connection.send(encoder.encode(message.toRawMessage()));
        }
    }

    /** Sends what the session queued (play replies and notifications) before the next media. */
    void sendSessionOutput() {
        if (!connection.isClosed()) {
            drainOutgoing();
        }
    }

    /** Encodes and queues a message the session does not produce (media to a player); loop thread only. */
    void sendRaw(RawMessage message) {
        connection.send(encoder, message);
    }

    /** Work that completed outside a read (authorizer answers, timers): send what it produced. */
    void afterAsyncWork() {
        drainEvents();
        afterInput();
    }

    private void ping() {
        if (connection.isClosed()) {
            return;
        }
        session.pingRequest(ctx.uptimeMillis());
        drainOutgoing();
        pingTimer = loop().deadlines().schedule(loop().now() + ctx.timeouts().pingInterval().toNanos(), this::ping);
    }

    private void checkIdle() {
        if (connection.isClosed()) {
            return;
        }
        long idle = ctx.timeouts().idle().toNanos();
        long silent = loop().now() - connection.lastReadNanos();
        if (silent >= idle && !connection.isReadingPaused()) {
            LOG.warn("[{}] {} sent nothing for {} ms, closing", label(), peer(), TimeUnit.NANOSECONDS.toMillis(silent));
            connection.close("idle timeout");
            return;
        }
        long next = connection.isReadingPaused() ? loop().now() + idle : connection.lastReadNanos() + idle;
        idleTimer = loop().deadlines().schedule(next, this::checkIdle);
    }

    @Override
    public void onClosed(String reason) {
        DeadlineHeap deadlines = loop().deadlines();
        deadlines.cancel(handshakeTimer);
        deadlines.cancel(idleTimer);
        deadlines.cancel(pingTimer);
        handshake = null;
        paused = null;
        if (decoder != null) {
            decoder.releaseBuffers(); // its partial messages' share of the shared budgets
        }
        session.transportClosed();
        drainEvents();
        publishes.endAll();
        plays.endAll();
    }

    /**
     * Asks a client that announced Enhanced RTMP reconnect support to reconnect (the server is
     * going away); loop thread only.
     *
     * @return whether the request was sent
     */
    public boolean requestReconnect(String description) {
        return requestReconnect(null, description);
    }

    /**
     * Like {@link #requestReconnect(String)}, naming the {@code tcUrl} to reconnect to (null:
     * none, the client reconnects where it was); loop thread only.
     *
     * @return whether the request was sent
     */
    public boolean requestReconnect(String tcUrl, String description) {
        if (connection.isClosed() || session.connectRequest() == null
                || !session.connectRequest().supportsReconnect()) {
            return false;
        }
        boolean sent = session.requestReconnect(tcUrl, description);
        drainOutgoing();
        if (sent) {
            LOG.info("[{}] {} asked to reconnect: {}", label(), peer(), description);
        }
        return sent;
    }

    /** Loop thread: the capabilities the client announced in connect. */
    @Override
    public ClientCapabilities capabilities() {
        ConnectRequest request = session.connectRequest();
        return request == null ? ClientCapabilities.NONE : request.capabilities();
    }

    // ---- PublisherHandle: any thread ----

    @Override
    public String label() {
        return connection.label();
    }

    @Override
    public InetSocketAddress peer() {
        return connection.peer();
    }

    @Override
    public long lastReadNanos() {
        return connection.lastReadNanos();
    }

    @Override
    public void evict(String reason) {
        loop().execute(() -> connection.close(reason));
    }

    @Override
    public void resumeReading() {
        loop().execute(this::resumeIfPossible);
    }

    private void resumeIfPossible() {
        if (connection.isClosed() || publishes.anyProducerPaused()) {
            return;
        }
        ByteBuffer rest = paused;
        paused = null;
        if (rest != null) {
            // The kept bytes (maybe none: the decoder may hold back a few itself) go first.
            feed(rest);
            afterInput();
        }
        if (paused == null && !connection.isClosed()) {
            LOG.debug("[{}] {} reading resumed", label(), peer());
            connection.resumeReading();
        }
    }

    private EventLoop loop() {
        return connection.loop();
    }
}
