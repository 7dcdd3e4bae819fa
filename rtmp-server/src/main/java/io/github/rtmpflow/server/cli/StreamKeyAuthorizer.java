package io.github.rtmpflow.server.cli;

import io.github.rtmpflow.server.AuthorizationRequest;
import io.github.rtmpflow.server.Authorizer;
import io.github.rtmpflow.server.Decision;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * {@code --stream-key}: a publisher must present {@code ?key=KEY} (on the stream name, as OBS's
 * stream key field {@code cam1?key=KEY} sends it, or on the connect URL); anything else is
 * refused, which the server answers with NetStream.Publish.Unauthorized. Players are not
 * asked for the key: the contract protects ingest.
 *
 * <p>The key is compared in constant time and never appears in a reason, a log line or
 * {@link #toString()}.
 */
final class StreamKeyAuthorizer implements Authorizer {

    /** The reason sent to refused publishers (and logged): it names no key. */
    static final String REFUSAL = "missing or wrong stream key";

    private final byte[] key;

    StreamKeyAuthorizer(String key) {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("stream key must not be empty");
        }
        this.key = key.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Decision authorize(AuthorizationRequest request) {
        if (request.action() != AuthorizationRequest.Action.PUBLISH) {
            return Decision.allow();
        }
        String presented = request.queryParam("key");
        // Constant time, so the answer's timing tells nothing about a guessed prefix.
        boolean matches = presented != null
                && MessageDigest.isEqual(key, presented.getBytes(StandardCharsets.UTF_8));
        return matches ? Decision.allow() : Decision.deny(REFUSAL);
    }

    @Override
    public String toString() {
        return "StreamKeyAuthorizer[key=<redacted>]";
    }
}
