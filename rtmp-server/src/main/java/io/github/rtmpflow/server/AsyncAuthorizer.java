package io.github.rtmpflow.server;

import java.util.concurrent.CompletionStage;

/**
 * An authorizer that may take its time (an HTTP call, a database): it returns a stage that
 * completes with the decision, on any thread. The connection waits (still reading and
 * answering pings) until it completes or {@link ServerTimeouts#authorization()} passes, which
 * denies the request. A stage that completes exceptionally denies it too.
 */
@FunctionalInterface
public interface AsyncAuthorizer {

    /** Starts deciding {@code request}; called on the event loop, so it must not block. */
    CompletionStage<Decision> authorize(AuthorizationRequest request);

    /** Adapts a synchronous authorizer (called inline on the event loop). */
    static AsyncAuthorizer of(Authorizer authorizer) {
        return new SyncAuthorizerAdapter(authorizer);
    }
}
