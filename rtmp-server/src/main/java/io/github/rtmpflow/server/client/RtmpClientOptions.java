package io.github.rtmpflow.server.client;

import io.github.rtmpflow.core.RtmpLimits;
import io.github.rtmpflow.core.handshake.HandshakeForm;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of an {@link RtmpClient}.
 *
 * @param timeout longest wait for the TCP connect and for each answer of the server
 * @param chunkSize the chunk size the client announces right after connecting and sends with
 * @param handshakeForm the form of C1: simple (as OBS) or digest (as FFmpeg)
 * @param limits bounds on what the server sends
 */
public record RtmpClientOptions(Duration timeout, int chunkSize, HandshakeForm handshakeForm, RtmpLimits limits) {

    /** Defaults: 10 s timeout, chunk size 4096, digest handshake (schema 1, as FFmpeg). */
    public static final RtmpClientOptions DEFAULTS =
            new RtmpClientOptions(Duration.ofSeconds(10), 4096, HandshakeForm.DIGEST_SCHEMA_1, RtmpLimits.DEFAULTS);

    /** Validates the settings. */
    public RtmpClientOptions {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: timeout=" + timeout);
        }
        if (chunkSize < 1 || chunkSize > 0xFFFFFF) {
            throw new IllegalArgumentException("chunkSize out of range: chunkSize=" + chunkSize);
        }
        Objects.requireNonNull(handshakeForm, "handshakeForm");
        Objects.requireNonNull(limits, "limits");
    }

    /** Returns a copy with another chunk size. */
    public RtmpClientOptions withChunkSize(int value) {
        return new RtmpClientOptions(timeout, value, handshakeForm, limits);
    }

    /** Returns a copy with another handshake form. */
    public RtmpClientOptions withHandshakeForm(HandshakeForm value) {
        return new RtmpClientOptions(timeout, chunkSize, value, limits);
    }

    /** Returns a copy with another timeout. */
    public RtmpClientOptions withTimeout(Duration value) {
        return new RtmpClientOptions(value, chunkSize, handshakeForm, limits);
    }
}
