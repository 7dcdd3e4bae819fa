package io.github.rtmpflow.server;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where the RTMPS listener's certificate and private key come from: PEM files or a PKCS#12
 * keystore. The files are read when the server starts and again whenever they change (see
 * {@link TlsOptions#reloadInterval()}).
 */
public sealed interface TlsCredentials permits TlsCredentials.Pem, TlsCredentials.Pkcs12 {

    /** Returns PEM credentials; see {@link Pem}. */
    static TlsCredentials pem(Path certificateChain, Path privateKey) {
        return new Pem(certificateChain, privateKey);
    }

    /** Returns PKCS#12 credentials; see {@link Pkcs12}. */
    static TlsCredentials pkcs12(Path keystore, Path passwordFile) {
        return new Pkcs12(keystore, passwordFile);
    }

    /** Returns the files to watch for changes, in a fixed order. */
    List<Path> files();

    /**
     * A PEM certificate chain (the server's certificate first, then intermediates) and a PEM
     * private key: PKCS#8 ({@code BEGIN PRIVATE KEY}), PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) or
     * SEC1 ({@code BEGIN EC PRIVATE KEY}); encrypted keys are refused with the
     * {@code openssl pkcs8 -topk8 -nocrypt} conversion hint. Both may be the same file.
     *
     * @param certificateChain the PEM certificate chain file
     * @param privateKey the PEM private key file
     */
    record Pem(Path certificateChain, Path privateKey) implements TlsCredentials {
        /** Requires both paths. */
        public Pem {
            Objects.requireNonNull(certificateChain, "certificateChain");
            Objects.requireNonNull(privateKey, "privateKey");
        }

        @Override
        public List<Path> files() {
            return List.of(certificateChain, privateKey);
        }
    }

    /**
     * A PKCS#12 keystore with one private key entry and its chain, and a file holding its
     * password (one line; a trailing newline is ignored). The password also unlocks the key.
     *
     * @param keystore the {@code .p12}/{@code .pfx} file
     * @param passwordFile the file with the keystore password
     */
    record Pkcs12(Path keystore, Path passwordFile) implements TlsCredentials {
        /** Requires both paths. */
        public Pkcs12 {
            Objects.requireNonNull(keystore, "keystore");
            Objects.requireNonNull(passwordFile, "passwordFile");
        }

        @Override
        public List<Path> files() {
            return List.of(keystore, passwordFile);
        }
    }
}
