package io.github.rtmpflow.server.internal;

import io.github.rtmpflow.server.AuthorizationRequest;
import io.github.rtmpflow.server.Decision;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publish or play requests of one connection waiting for the authorizer, by message stream
 * id. Asks the (possibly asynchronous) authorizer, denies when it throws, fails, answers null or
 * does not decide within the authorization timeout, and hands each request's decision to the
 * controller exactly once, on the connection's loop, unless the request was cancelled or the
 * connection closed meanwhile. Runs on the connection's loop.
 *
 * @param <R> the request type (publish or play)
 */
final class PendingAuthorizations<R> {

    private static final Logger LOG = LoggerFactory.getLogger(PendingAuthorizations.class);

    /** Receives a decision for a request that is still wanted. */
    @FunctionalInterface
    interface Verdict<R> {
        void decided(R request, Decision decision);
    }

    /** A request waiting for the authorizer. */
    private final class Pending {
        final R request;
        final int streamId;
        DeadlineHeap.Timer timeout;

        Pending(R request, int streamId) {
            this.request = request;
            this.streamId = streamId;
        }
    }

    private final ServerContext ctx;
    private final RtmpConnection owner;
    private final Connection connection;
    private final Verdict<R> verdict;
    private final Map<Integer, Pending> pending = new HashMap<>();

    PendingAuthorizations(ServerContext ctx, RtmpConnection owner, Connection connection, Verdict<R> verdict) {
        this.ctx = ctx;
        this.owner = owner;
        this.connection = connection;
        this.verdict = verdict;
    }

    /**
     * Asks the authorizer about {@code request} on stream {@code streamId}. A stage completed
     * already (every synchronous authorizer) is decided inline, so media right behind a publish
     * command (a replayed capture) finds the stream open.
     */
    void ask(int streamId, R request, AuthorizationRequest authorization) {
        Pending waiting = new Pending(request, streamId);
        pending.put(streamId, waiting);
        String what = authorization.action().name().toLowerCase() + " " + authorization.app() + "/"
                + authorization.streamName();
        // Armed before the authorizer runs, so the deadline counts from the request.
        long timeoutNanos = ctx.timeouts().authorization().toNanos();
        waiting.timeout = connection.loop().deadlines().schedule(connection.loop().now() + timeoutNanos, () -> {
            if (pending.get(streamId) != waiting) {
                return;
            }
            LOG.warn("[{}] {} authorization of {} not decided within {} ms; denied", connection.label(),
                    connection.peer(), what, TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
            decide(waiting, Decision.deny("authorization timed out"));
            owner.afterAsyncWork();
        });
        CompletionStage<Decision> stage;
        try {
            stage = ctx.authorizer().authorize(authorization);
        } catch (RuntimeException e) {
            LOG.warn("[{}] {} authorizer threw for {}; denied", connection.label(), connection.peer(), what, e);
            decide(waiting, Decision.deny("authorization failed"));
            return;
        }
        if (stage == null) {
            decide(waiting, Decision.deny("authorization failed"));
            return;
        }
        boolean[] calling = {true};
        stage.whenComplete((decision, error) -> {
            if (error != null) {
                LOG.warn("[{}] {} authorizer failed for {}; denied: {}", connection.label(), connection.peer(), what,
                        error.toString());
            }
            Decision d = error != null || decision == null ? Decision.deny("authorization failed") : decision;
            if (calling[0] && connection.loop().inLoop()) {
                decide(waiting, d);
            } else {
                connection.loop().execute(() -> {
                    decide(waiting, d);
                    owner.afterAsyncWork();
                });
            }
        });
        calling[0] = false;
    }

    /** Forgets the request on {@code streamId} (unpublished, stopped): its decision is ignored. */
    void cancel(int streamId) {
        Pending waiting = pending.remove(streamId);
        if (waiting != null) {
            connection.loop().deadlines().cancel(waiting.timeout);
        }
    }

    /** Forgets every request (the connection closed). */
    void cancelAll() {
        for (Pending waiting : pending.values()) {
            connection.loop().deadlines().cancel(waiting.timeout);
        }
        pending.clear();
    }

    private void decide(Pending waiting, Decision decision) {
        if (pending.get(waiting.streamId) != waiting || connection.isClosed()) {
            return; // timed out, cancelled or closed meanwhile
        }
        pending.remove(waiting.streamId);
        connection.loop().deadlines().cancel(waiting.timeout);
        verdict.decided(waiting.request, decision);
    }
}
