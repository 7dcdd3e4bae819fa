package io.github.rtmpflow.server.internal;

import io.github.rtmpflow.server.TlsCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Builds the server's {@link SSLContext} from {@link TlsCredentials}: PEM files or a PKCS#12
 * keystore. Every failure is an {@link IOException} whose message names the file and what to
 * do, fit for a user's eyes.
 */
public final class TlsContexts {

    private static final String ALIAS = "rtmpflow";
    private static final byte[] PROBE = "rtmpflow key check".getBytes(StandardCharsets.US_ASCII);

    private TlsContexts() {
    }

    /**
     * A loaded context and what it serves.
     *
     * @param context the SSL context to create engines from
     * @param certificate the server's own certificate (first of the chain)
     */
    public record Loaded(SSLContext context, X509Certificate certificate) {
    }

    /** Reads the credentials and returns a TLS server context. */
    public static Loaded load(TlsCredentials credentials) throws IOException {
        if (credentials instanceof TlsCredentials.Pem pem) {
            return fromPem(pem);
        }
        return fromPkcs12((TlsCredentials.Pkcs12) credentials);
    }

    private static Loaded fromPem(TlsCredentials.Pem pem) throws IOException {
        List<X509Certificate> chain = PemFiles.readCertificates(pem.certificateChain());
        PrivateKey key = PemFiles.readPrivateKey(pem.privateKey());
        requireMatch(key, chain.get(0), pem.privateKey(), pem.certificateChain());
        try {
            char[] password = new char[0];
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, key, password, chain.toArray(new Certificate[0]));
            return new Loaded(context(store, password), chain.get(0));
        } catch (GeneralSecurityException | IOException e) {
            throw new IOException("cannot use the key of " + pem.privateKey() + " with " + pem.certificateChain() + ": "
                    + e.getMessage(), e);
        }
    }

    private static Loaded fromPkcs12(TlsCredentials.Pkcs12 p12) throws IOException {
        char[] password = readPassword(p12.passwordFile());
        KeyStore store;
        try (InputStream in = Files.newInputStream(p12.keystore())) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
        } catch (GeneralSecurityException | IOException e) {
            throw new IOException("cannot open PKCS#12 keystore " + p12.keystore() + " (wrong password in "
                    + p12.passwordFile() + "?): " + e.getMessage(), e);
        }
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    Key key = store.getKey(alias, password);
                    Certificate certificate = store.getCertificate(alias);
                    if (key instanceof PrivateKey && certificate instanceof X509Certificate x509) {
                        return new Loaded(context(store, password), x509);
                    }
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the key of PKCS#12 keystore " + p12.keystore() + ": " + e.getMessage(),
                    e);
        }
        throw new IOException("no private key with a certificate in PKCS#12 keystore " + p12.keystore());
    }

    private static SSLContext context(KeyStore store, char[] password) throws GeneralSecurityException {
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        return context;
    }

    private static char[] readPassword(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        // One line: the newline an editor or `echo` adds is not part of the password.
        return text.replaceFirst("\\R\\z", "").toCharArray();
    }

    /** Fails unless the key signs what the certificate's public key verifies. */
    private static void requireMatch(PrivateKey key, X509Certificate certificate, Path keyFile, Path certificateFile)
            throws IOException {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
            default -> null;
        };
        if (algorithm == null) {
            return; // Checked by the handshake instead.
        }
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(PROBE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(PROBE);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // A key of another type than the certificate's: reported below.
        }
        throw new IOException("the private key in " + keyFile + " does not belong to the certificate "
                + certificate.getSubjectX500Principal().getName() + " in " + certificateFile);
    }
}
