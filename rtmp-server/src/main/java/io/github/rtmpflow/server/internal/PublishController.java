package io.github.rtmpflow.server.internal;

import io.github.rtmpflow.core.session.ConnectRequest;
import io.github.rtmpflow.core.session.PublishRequest;
import io.github.rtmpflow.core.session.ServerSession;
import io.github.rtmpflow.core.session.StatusCodes;
import io.github.rtmpflow.server.AuthorizationRequest;
import io.github.rtmpflow.server.Decision;
import io.github.rtmpflow.server.StreamStatistics;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publishes of one connection: validates the name, asks the authorizer (possibly
 * asynchronously, with a timeout), claims the name in the registry (refusing a live name,
 * taking over a dead publisher's), and ends the sessions. Runs on the connection's loop.
 *
 * <p>Log lines name the connection, the peer and {@code app/name}; never the query strings.
 */
final class PublishController {

    private static final Logger LOG = LoggerFactory.getLogger(PublishController.class);

    private final ServerContext ctx;
    private final RtmpConnection owner;
    private final Connection connection;
    private final ServerSession session;
    private final PendingAuthorizations<PublishRequest> pending;
    private final Map<Integer, LiveStreamImpl> live = new HashMap<>();
    private PublishRequest lastRequest;
    private LiveStreamImpl lastStream;

    PublishController(ServerContext ctx, RtmpConnection owner, Connection connection, ServerSession session) {
        this.ctx = ctx;
        this.owner = owner;
        this.connection = connection;
        this.session = session;
        this.pending = new PendingAuthorizations<>(ctx, owner, connection, this::decided);
    }

    /** Returns the live session a publish's media goes to, or null. */
    LiveStreamImpl streamOf(PublishRequest request) {
        // Asked for every media message: remember the last answer (the session hands out the
        // same request object for all media of a publish) instead of boxing and hashing each
        // time. Only live answers are kept, so a stream still being authorized is looked up again.
        if (request == lastRequest && lastStream.isLive()) {
            return lastStream;
        }
        LiveStreamImpl stream = live.get(request.streamId());
        if (stream != null) {
            lastRequest = request;
            lastStream = stream;
        }
        return stream;
    }

    /** Returns whether any live session of this connection is held back by a pausing subscriber. */
    boolean anyProducerPaused() {
        for (LiveStreamImpl stream : live.values()) {
            if (stream.isProducerPaused()) {
                return true;
            }
        }
        return false;
    }

    /** Returns whether this connection publishes anything. */
    boolean isPublishing() {
        return !live.isEmpty();
    }

    void onPublishRequested(PublishRequest request) {
        ConnectRequest connect = session.connectRequest();
        String app = connect.app();
        String problem = NameValidator.problem(request.name());
        if (problem != null) {
            LOG.warn("[{}] {} publish refused: invalid stream name ({})", connection.label(), connection.peer(), problem);
            session.rejectPublish(request.streamId(), StatusCodes.PUBLISH_BAD_NAME, "Invalid stream name: " + problem);
            return;
        }
        AuthorizationRequest authorization = new AuthorizationRequest(AuthorizationRequest.Action.PUBLISH, app,
                request.name(), request.query(), connect.tcUrlQuery(), connection.peer());
        pending.ask(request.streamId(), request, authorization);
    }

    private void decided(PublishRequest request, Decision decision) {
        String app = session.connectRequest().app();
        if (decision instanceof Decision.Deny deny) {
            LOG.warn("[{}] {} publish {}/{} unauthorized: {}", connection.label(), connection.peer(), app,
                    request.name(), deny.reason());
            session.rejectPublish(request.streamId(), StatusCodes.PUBLISH_UNAUTHORIZED, deny.reason());
            return;
        }
        claim(app, request);
    }

    private void claim(String app, PublishRequest request) {
        StreamRegistry.Claim claim = ctx.registry().claim(app, request.name(), owner);
        if (claim instanceof StreamRegistry.Refused refused) {
            LOG.warn("[{}] {} publish {}/{} refused: {}", connection.label(), connection.peer(), app, request.name(),
                    refused.detail());
            String description = refused.reason() == StreamRegistry.Reason.NAME_IN_USE
                    ? "Stream name already in use" : "Stream refused: " + refused.detail();
            session.rejectPublish(request.streamId(), StatusCodes.PUBLISH_BAD_NAME, description);
            return;
        }
        StreamRegistry.Granted granted = (StreamRegistry.Granted) claim;
        LiveStreamImpl stream = granted.session();
        if (granted.evicted() != null) {
            PublisherHandle old = granted.evicted();
            LOG.warn("[{}] {} publisher of {}/{} silent for {} ms: taken over by {} {}", old.label(), old.peer(), app,
                    request.name(), TimeUnit.NANOSECONDS.toMillis(ctx.time().nanoTime() - old.lastReadNanos()),
                    connection.label(), connection.peer());
            old.evict("taken over by " + connection.label());
        }
        if (!session.acceptPublish(request.streamId())) {
            stream.end(null);
            return;
        }
        live.put(request.streamId(), stream);
        LOG.info("[{}] {} publishing {}/{}", connection.label(), connection.peer(), app, request.name());
        if (ctx.recordings() != null) {
            ctx.recordings().start(stream);
        }
        Callbacks.each(ctx.onPublish(), stream, "onPublish", stream.path());
    }

    void onUnpublished(PublishRequest request, boolean started) {
        pending.cancel(request.streamId());
        if (!started) {
            return;
        }
        LiveStreamImpl stream = live.remove(request.streamId());
        if (stream != null) {
            end(stream);
        }
    }

    /** The connection closed: ends every session still live (normally none: the session ended them). */
    void endAll() {
        pending.cancelAll();
        for (LiveStreamImpl stream : live.values()) {
            end(stream);
        }
        live.clear();
    }

    private void end(LiveStreamImpl stream) {
        if (!stream.end(null)) {
            return;
        }
        StreamStatistics s = stream.statistics();
        LOG.info("[{}] {} {} ended: tags={} video={} audio={} bytes={} durationMs={} dropped={}", connection.label(),
                connection.peer(), stream.path(), s.tags(), s.videoTags(), s.audioTags(), s.bytes(),
                s.mediaDurationMillis(), s.droppedTags());
        Callbacks.each(ctx.onUnpublish(), stream, "onUnpublish", stream.path());
    }
}
