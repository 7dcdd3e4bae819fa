package io.github.rtmpflow.server.testing;

import io.github.rtmpflow.server.interop.ExternalTool;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Self-signed certificates made by the real {@code openssl} and {@code keytool} for the RTMPS
 * tests, in the forms users bring: PKCS#8, PKCS#1 RSA and SEC1 EC PEM keys, an encrypted key,
 * and a PKCS#12 keystore.
 */
public final class TestCertificates {

    private static final Duration BUDGET = Duration.ofSeconds(60);

    private TestCertificates() {
    }

    /**
     * A PEM certificate and key pair.
     *
     * @param certificate the certificate file
     * @param key the key file (PKCS#8, as OpenSSL 3 writes by default)
     */
    public record PemPair(Path certificate, Path key) {
    }

    /** Makes an RSA-2048 self-signed certificate for {@code CN=commonName} in {@code dir}. */
    public static PemPair rsa(Path dir, String commonName) {
        Path cert = dir.resolve(commonName + "-rsa-cert.pem");
        Path key = dir.resolve(commonName + "-rsa-key.pem");
        ExternalTool.run("openssl-req-rsa", BUDGET, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", key.toString(), "-out", cert.toString(), "-days", "2", "-subj", "/CN=" + commonName)
                .assertSuccess();
        return new PemPair(cert, key);
    }

    /** Makes a P-256 EC self-signed certificate for {@code CN=commonName} in {@code dir}. */
    public static PemPair ec(Path dir, String commonName) {
        Path cert = dir.resolve(commonName + "-ec-cert.pem");
        Path key = dir.resolve(commonName + "-ec-key.pem");
        ExternalTool.run("openssl-req-ec", BUDGET, "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key.toString(), "-out", cert.toString(),
                "-days", "2", "-subj", "/CN=" + commonName).assertSuccess();
        return new PemPair(cert, key);
    }

    /**
     * Writes {@code pkcs8Key} in OpenSSL's traditional form: {@code BEGIN RSA PRIVATE KEY}
     * (PKCS#1) for RSA, {@code BEGIN EC PRIVATE KEY} (SEC1) for EC.
     */
    public static Path traditional(Path pkcs8Key, Path out) {
        ExternalTool.run("openssl-pkey-traditional", BUDGET, "openssl", "pkey", "-in", pkcs8Key.toString(),
                "-traditional", "-out", out.toString()).assertSuccess();
        return out;
    }

    /** Writes the P-256 curve parameters ({@code BEGIN EC PARAMETERS}), as {@code openssl ecparam} does. */
    public static Path ecParameters(Path out) {
        ExternalTool.run("openssl-ecparam", BUDGET, "openssl", "ecparam", "-name", "prime256v1", "-out",
                out.toString()).assertSuccess();
        return out;
    }

    /** Writes {@code pkcs8Key} encrypted with AES-256 ({@code BEGIN ENCRYPTED PRIVATE KEY}). */
    public static Path encrypted(Path pkcs8Key, Path out) {
        ExternalTool.run("openssl-pkcs8-encrypt", BUDGET, "openssl", "pkcs8", "-topk8", "-v2", "aes256", "-in",
                pkcs8Key.toString(), "-passout", "pass:secret", "-out", out.toString()).assertSuccess();
        return out;
    }

    /** Makes a PKCS#12 keystore with an RSA key for {@code CN=commonName} with keytool. */
    public static Path pkcs12(Path dir, String commonName, String password) {
        Path store = dir.resolve(commonName + ".p12");
        ExternalTool.run("keytool-genkeypair", BUDGET, "keytool", "-genkeypair", "-keystore", store.toString(),
                "-storetype", "PKCS12", "-storepass", password, "-keypass", password, "-alias", "server",
                "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=" + commonName, "-validity", "2")
                .assertSuccess();
        return store;
    }
}
