package io.github.rtmpflow.server;

import java.util.Objects;

/** What an {@link Authorizer} decided: {@link #allow()} or {@link #deny(String)}. */
public sealed interface Decision permits Decision.Allow, Decision.Deny {

    /** Returns the decision that lets the request through. */
    static Decision allow() {
        return Allow.INSTANCE;
    }

    /**
     * Returns a refusal; a refused publish is answered with NetStream.Publish.Unauthorized, a
     * refused play with NetStream.Play.Failed.
     *
     * @param reason why, for the server's log and the status description sent to the peer; must
     *     not contain the key
     */
    static Decision deny(String reason) {
        return new Deny(reason);
    }

    /** Returns whether the request may go on. */
    boolean allowed();

    /** The request may go on. */
    record Allow() implements Decision {
        static final Allow INSTANCE = new Allow();

        @Override
        public boolean allowed() {
            return true;
        }
    }

    /**
     * The request is refused.
     *
     * @param reason why, logged and sent to the peer as the status description
     */
    record Deny(String reason) implements Decision {
        /** Requires a reason. */
        public Deny {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public boolean allowed() {
            return false;
        }
    }
}
