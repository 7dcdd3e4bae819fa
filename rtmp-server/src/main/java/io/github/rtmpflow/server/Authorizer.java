package io.github.rtmpflow.server;

/**
 * Decides whether a peer may publish or play a stream, on the connection's event loop thread.
 * It must answer quickly and never block (no network, no disk): an authorizer that needs I/O
 * is an {@link AsyncAuthorizer}. One that throws denies the request (logged at WARN).
 *
 * <pre>{@code
 * Authorizer byKey = request -> secret.equals(request.queryParam("key"))
 *         ? Decision.allow() : Decision.deny("bad key");
 * }</pre>
 */
@FunctionalInterface
public interface Authorizer {

    /** Lets everything through (the default). */
    Authorizer ALLOW_ALL = request -> Decision.allow();

    /**
     * Decides {@code request}.
     *
     * @return {@link Decision#allow()} or {@link Decision#deny(String)}; null counts as a denial
     */
    Decision authorize(AuthorizationRequest request);
}
