package io.github.rtmpflow.server.cli;

import io.github.rtmpflow.server.TlsCredentials;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The command-line server's settings, as parsed by {@link CommandLine#parse(String...)}.
 *
 * @param bindAddress the address to listen on
 * @param port the RTMP port, 0 for any free port
 * @param recordDirectory where to record every stream, or null for no recording
 * @param tls the RTMPS listener's settings, or null for none
 * @param streamKey the key publishers must present as {@code ?key=KEY}, or null for anyone;
 *     a secret: {@link #toString()} never shows it
 * @param maxConnections the most open connections, empty for the library's default
 * @param drainSeconds how long a SIGTERM/SIGINT waits for publishers to leave, 0 or more
 */
public record CliOptions(
        InetAddress bindAddress,
        int port,
        Path recordDirectory,
        TlsOptions tls,
        String streamKey,
        OptionalInt maxConnections,
        int drainSeconds) {

    /** The default RTMP port. */
    public static final int DEFAULT_PORT = 1935;
    /** The default drain on SIGTERM/SIGINT, in seconds. */
    public static final int DEFAULT_DRAIN_SECONDS = 5;

    /** Checks the values; misuse throws {@link IllegalArgumentException}. */
    public CliOptions {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(maxConnections, "maxConnections");
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range: port=" + port);
        }
        if (drainSeconds < 0) {
            throw new IllegalArgumentException("drainSeconds must not be negative: drainSeconds=" + drainSeconds);
        }
        if (streamKey != null && streamKey.isEmpty()) {
            throw new IllegalArgumentException("streamKey must not be empty");
        }
    }

    /** Describes the options with the stream key redacted. */
    @Override
    public String toString() {
        return "CliOptions[bindAddress=" + bindAddress.getHostAddress() + ", port=" + port
                + ", recordDirectory=" + recordDirectory + ", tls=" + tls
                + ", streamKey=" + (streamKey == null ? "none" : "<redacted>")
                + ", maxConnections=" + maxConnections + ", drainSeconds=" + drainSeconds + "]";
    }

    /**
     * The RTMPS listener's settings: a PEM certificate chain and key, or a PKCS#12 keystore and
     * the file holding its password (exactly one of the two pairs).
     *
     * @param port the RTMPS port, 0 for any free port
     * @param certificateChain the PEM certificate chain file, or null with a keystore
     * @param privateKey the PEM private key file, or null with a keystore
     * @param keystore the PKCS#12 keystore, or null with PEM files
     * @param keystorePasswordFile the file with the keystore's password, or null with PEM files
     */
    public record TlsOptions(int port, Path certificateChain, Path privateKey, Path keystore,
            Path keystorePasswordFile) {

        /** Checks the values; misuse throws {@link IllegalArgumentException}. */
        public TlsOptions {
            boolean pem = certificateChain != null && privateKey != null && keystore == null
                    && keystorePasswordFile == null;
            boolean pkcs12 = certificateChain == null && privateKey == null && keystore != null
                    && keystorePasswordFile != null;
            if (!pem && !pkcs12) {
                throw new IllegalArgumentException("TLS needs a certificate and key, or a keystore and password file:"
                        + " certificateChain=" + certificateChain + ", privateKey=" + privateKey + ", keystore="
                        + keystore + ", keystorePasswordFile=" + keystorePasswordFile);
            }
            if (port < 0 || port > 0xFFFF) {
                throw new IllegalArgumentException("rtmps port out of range: port=" + port);
            }
        }

        /** PEM settings: the certificate chain and the key. */
        public TlsOptions(int port, Path certificateChain, Path privateKey) {
            this(port, certificateChain, privateKey, null, null);
        }

        /**
         * Returns the library's RTMPS settings for these flags: the listener on
         * {@code bindAddress} and this port, the credentials checked for changes every
         * {@link io.github.rtmpflow.server.TlsOptions#DEFAULT_RELOAD_INTERVAL}.
         */
        public io.github.rtmpflow.server.TlsOptions serverOptions(InetAddress bindAddress) {
            TlsCredentials credentials = keystore != null ? TlsCredentials.pkcs12(keystore, keystorePasswordFile)
                    : TlsCredentials.pem(certificateChain, privateKey);
            return io.github.rtmpflow.server.TlsOptions.of(new InetSocketAddress(bindAddress, port), credentials);
        }
    }
}
