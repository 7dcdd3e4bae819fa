package io.github.rtmpflow.server;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** {@link AsyncAuthorizer#of(Authorizer)}: calls the synchronous authorizer inline. */
record SyncAuthorizerAdapter(Authorizer authorizer) implements AsyncAuthorizer {

    @Override
    public CompletionStage<Decision> authorize(AuthorizationRequest request) {
        return CompletableFuture.completedFuture(authorizer.authorize(request));
    }
}
