package io.github.rtmpflow.server;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * The RTMPS listener: where it listens, its credentials and its TLS-specific timings. It runs
 * on the same event loops as plain RTMP, with the same authorizer, limits and timeouts; TLS 1.3
 * and TLS 1.2 are enabled, TLS 1.2 renegotiation is refused.
 *
 * <pre>{@code
 * RtmpServer.builder()
 *         .rtmps(TlsOptions.of(new InetSocketAddress(1936),
 *                 TlsCredentials.pem(Path.of("fullchain.pem"), Path.of("privkey.pem"))))
 *         .start();
 * }</pre>
 *
 * @param bind the address to listen on (port 0: any free port, see
 *     {@link RtmpServer#rtmpsAddress()})
 * @param credentials the certificate chain and key
 * @param reloadInterval how often the credential files are checked for changes (resolved path,
 *     modification time and size, so a symlink swapped by an ACME client counts); new
 *     connections use the new certificate, open ones keep theirs. {@link Duration#ZERO}: never
 * @param handshakeTimeout longest time from accept to the end of the TLS handshake; the RTMP
 *     handshake timeout still applies from accept too
 */
public record TlsOptions(InetSocketAddress bind, TlsCredentials credentials, Duration reloadInterval,
        Duration handshakeTimeout) {

    /** Default reload check interval: 1 minute. */
    public static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofMinutes(1);
    /** Default TLS handshake timeout: 10 seconds. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    /** Validates the values; misuse throws {@link IllegalArgumentException}. */
    public TlsOptions {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(reloadInterval, "reloadInterval");
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        if (reloadInterval.isNegative()) {
            throw new IllegalArgumentException("reloadInterval must not be negative: reloadInterval=" + reloadInterval);
        }
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException(
                    "handshakeTimeout must be positive: handshakeTimeout=" + handshakeTimeout);
        }
    }

    /** Returns options with the default reload interval and handshake timeout. */
    public static TlsOptions of(InetSocketAddress bind, TlsCredentials credentials) {
        return new TlsOptions(bind, credentials, DEFAULT_RELOAD_INTERVAL, DEFAULT_HANDSHAKE_TIMEOUT);
    }

    /** Returns a copy with another reload interval ({@link Duration#ZERO}: no reload). */
    public TlsOptions withReloadInterval(Duration value) {
        return new TlsOptions(bind, credentials, value, handshakeTimeout);
    }

    /** Returns a copy with another TLS handshake timeout. */
    public TlsOptions withHandshakeTimeout(Duration value) {
        return new TlsOptions(bind, credentials, reloadInterval, value);
    }
}
