package io.github.rtmpflow.server.internal;

import io.github.rtmpflow.core.session.ConnectRequest;
import io.github.rtmpflow.core.session.PlayRequest;
import io.github.rtmpflow.core.session.ServerSession;
import io.github.rtmpflow.core.session.StatusCodes;
import io.github.rtmpflow.server.AuthorizationRequest;
import io.github.rtmpflow.server.Decision;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plays of one connection: validates the name, asks the authorizer (possibly
 * asynchronously, with the authorization timeout) with {@link AuthorizationRequest.Action#PLAY},
 * accepts the play (StreamBegin, NetStream.Play.Reset/Start, {@code |RtmpSampleAccess}) and
 * attaches a {@link PlayerSink} to the stream name, live or not yet: a player of a name nobody
 * publishes waits for the publisher (NetStream.Play.PublishNotify), as nginx-rtmp does. Only
 * live streams are served: the play's start and duration arguments (recorded playback) are
 * ignored, as nginx-rtmp's live applications do. Runs on the connection's loop.
 *
 * <p>Log lines name the connection, the peer and {@code app/name}; never the query strings.
 */
final class PlayController {

    private static final Logger LOG = LoggerFactory.getLogger(PlayController.class);

    private final ServerContext ctx;
    private final RtmpConnection owner;
    private final Connection connection;
    private final ServerSession session;
    private final PendingAuthorizations<PlayRequest> pending;
    private final Map<Integer, PlayerSink> players = new HashMap<>();

    PlayController(ServerContext ctx, RtmpConnection owner, Connection connection, ServerSession session) {
        this.ctx = ctx;
        this.owner = owner;
        this.connection = connection;
        this.session = session;
        this.pending = new PendingAuthorizations<>(ctx, owner, connection, this::decided);
    }

    void onPlayRequested(PlayRequest request) {
        ConnectRequest connect = session.connectRequest();
        String app = connect.app();
        String problem = NameValidator.problem(request.name());
        if (problem != null) {
            LOG.warn("[{}] {} play refused: invalid stream name ({})", connection.label(), connection.peer(), problem);
            session.rejectPlay(request.streamId(), StatusCodes.PLAY_STREAM_NOT_FOUND, "Invalid stream name: " + problem);
            return;
        }
        AuthorizationRequest authorization = new AuthorizationRequest(AuthorizationRequest.Action.PLAY, app,
                request.name(), request.query(), connect.tcUrlQuery(), connection.peer());
        pending.ask(request.streamId(), request, authorization);
    }

    private void decided(PlayRequest request, Decision decision) {
        String app = session.connectRequest().app();
        if (decision instanceof Decision.Deny deny) {
            LOG.warn("[{}] {} play {}/{} unauthorized: {}", connection.label(), connection.peer(), app,
                    request.name(), deny.reason());
            session.rejectPlay(request.streamId(), StatusCodes.PLAY_FAILED, deny.reason());
            return;
        }
        start(app, request);
    }

    private void start(String app, PlayRequest request) {
        if (!session.acceptPlay(request.streamId())) {
            return;
        }
        // The play replies go out before any tag of the stream.
        owner.sendSessionOutput();
        String path = app + "/" + request.name();
        PlayerSink sink = new PlayerSink(owner, connection, session, request, path,
                ctx.limits().playerBudgetBytes(), ctx.limits().maxPlayerQueueBytes());
        players.put(request.streamId(), sink);
        StreamRegistry.PlayerJoin join = ctx.registry().addPlayer(app, request.name(), sink,
                "player " + connection.label(), PlayerTracks.forPlayer(session.connectRequest().capabilities()));
        sink.started(join.subscription(), join.live());
        LOG.info("[{}] {} playing {}{}", connection.label(), connection.peer(), path,
                join.live() ? "" : " (waiting for its publisher)");
    }

    void onPlayStopped(PlayRequest request, boolean started) {
        pending.cancel(request.streamId());
        if (started) {
            PlayerSink sink = players.remove(request.streamId());
            if (sink != null) {
                end(sink);
            }
        }
    }

    void onPause(PlayRequest request, boolean pause) {
        PlayerSink sink = players.get(request.streamId());
        if (sink != null) {
            sink.pause(pause);
        }
    }

    void onSeek(PlayRequest request, double millis) {
        PlayerSink sink = players.get(request.streamId());
        if (sink != null) {
            sink.seek(millis);
        }
    }

    /** The connection closed: ends every play still running. */
    void endAll() {
        pending.cancelAll();
        for (PlayerSink sink : new ArrayList<>(players.values())) {
            end(sink);
        }
        players.clear();
    }

    private void end(PlayerSink sink) {
        sink.stop();
        String app = session.connectRequest().app();
        ctx.registry().removeIfUnused(app, sink.request().name());
        LOG.info("[{}] {} stopped playing {}/{}: {} tags sent, {} dropped", connection.label(), connection.peer(), app,
                sink.request().name(), sink.sentTags(), sink.dropped());
    }
}
