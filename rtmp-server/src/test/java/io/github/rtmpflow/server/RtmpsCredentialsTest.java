package io.github.rtmpflow.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.rtmpflow.server.testing.LogFile;
import io.github.rtmpflow.server.testing.Poll;
import io.github.rtmpflow.server.testing.TestCertificates;
import io.github.rtmpflow.server.testing.TestServers;
import io.github.rtmpflow.server.testing.TlsClients;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The certificate forms users bring (made by the real openssl and keytool), the clear errors
 * for the ones that cannot be used, and reloading when the files change.
 */
class RtmpsCredentialsTest {

    @TempDir
    static Path dir;
    static TestCertificates.PemPair rsa;
    static TestCertificates.PemPair ec;

    @BeforeAll
    static void makeCertificates() {
        rsa = TestCertificates.rsa(dir, "rsa.example");
        ec = TestCertificates.ec(dir, "ec.example");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa-pkcs8", "rsa-pkcs1", "ec-pkcs8", "ec-sec1", "ec-sec1-with-parameters",
        "rsa-combined"})
    void shouldServeTheCertificateWithEveryPemKeyForm(String form) throws Exception {
        TestCertificates.PemPair pair = form.startsWith("rsa") ? rsa : ec;
        Path key = switch (form) {
            case "rsa-pkcs1", "ec-sec1" -> TestCertificates.traditional(pair.key(), dir.resolve(form + ".pem"));
            case "ec-sec1-with-parameters" -> withParameters(
                    TestCertificates.traditional(pair.key(), dir.resolve(form + "-key.pem")));
            case "rsa-combined" -> combined(pair);
            default -> pair.key();
        };
        assertThat(Files.readString(key)).contains(switch (form) {
            case "rsa-pkcs1" -> "-----BEGIN RSA PRIVATE KEY-----";
            case "ec-sec1", "ec-sec1-with-parameters" -> "-----BEGIN EC PRIVATE KEY-----";
            default -> "-----BEGIN PRIVATE KEY-----";
        });
        Path certificate = form.equals("rsa-combined") ? key : pair.certificate();
        try (RtmpServer server = tlsServer(TlsCredentials.pem(certificate, key), Duration.ZERO)) {
            assertThat(served(server)).isEqualTo(read(pair.certificate()));
        }
    }

    @Test
    void shouldServeAPkcs12KeystoreMadeByKeytool() throws Exception {
        Path store = TestCertificates.pkcs12(dir, "p12.example", "changeit");
        Path password = Files.writeString(dir.resolve("p12-password.txt"), "changeit\n");
        try (RtmpServer server = tlsServer(TlsCredentials.pkcs12(store, password), Duration.ZERO)) {
            assertThat(served(server).getSubjectX500Principal().getName()).isEqualTo("CN=p12.example");
        }
    }

    @Test
    void shouldRefuseAnEncryptedKeyNamingTheOpensslConversion() {
        Path encrypted = TestCertificates.encrypted(rsa.key(), dir.resolve("encrypted.pem"));
        assertThatThrownBy(() -> tlsServer(TlsCredentials.pem(rsa.certificate(), encrypted), Duration.ZERO))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("encrypted private key in " + encrypted + " is not supported")
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt -in " + encrypted);
    }

    @Test
    void shouldRefuseAKeyThatDoesNotBelongToTheCertificate() {
        assertThatThrownBy(() -> tlsServer(TlsCredentials.pem(rsa.certificate(), ec.key()), Duration.ZERO))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("does not belong to the certificate CN=rsa.example");
    }

    @Test
    void shouldRefuseAKeyFileWithoutAKey() {
        assertThatThrownBy(() -> tlsServer(TlsCredentials.pem(rsa.certificate(), rsa.certificate()), Duration.ZERO))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no private key")
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
    }

    @Test
    void shouldRefuseAWrongKeystorePassword() throws Exception {
        Path store = TestCertificates.pkcs12(dir, "p12b.example", "right-password");
        Path password = Files.writeString(dir.resolve("wrong-password.txt"), "wrong-password");
        assertThatThrownBy(() -> tlsServer(TlsCredentials.pkcs12(store, password), Duration.ZERO))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cannot open PKCS#12 keystore " + store);
    }

    @Test
    void shouldServeTheNewCertificateAfterTheSymlinksAreSwapped() throws Exception {
        // As certbot does: the configured paths are symlinks into an archive, swapped on renewal.
        Path live = Files.createDirectories(dir.resolve("live"));
        Path cert = live.resolve("fullchain.pem");
        Path key = live.resolve("privkey.pem");
        swapLink(cert, rsa.certificate());
        swapLink(key, rsa.key());
        try (RtmpServer server = tlsServer(TlsCredentials.pem(cert, key), Duration.ofMillis(50))) {
            assertThat(served(server)).isEqualTo(read(rsa.certificate()));

            // A broken file is refused and the current certificate stays.
            Path broken = Files.writeString(dir.resolve("broken-key.pem"), "not a key\n");
            swapLink(key, broken);
            Poll.until("failed reload logged", () -> log().contains("TLS certificate reload failed, the previous"
                    + " certificate stays in use: no private key"));
            assertThat(served(server)).isEqualTo(read(rsa.certificate()));

            swapLink(cert, ec.certificate());
            swapLink(key, ec.key());
            X509Certificate renewed = read(ec.certificate());
            Poll.until("renewed certificate served", () -> renewed.equals(servedQuietly(server)));
        }
    }

    private static void swapLink(Path link, Path target) throws IOException {
        Path temporary = link.resolveSibling(link.getFileName() + ".new");
        Files.deleteIfExists(temporary);
        Files.createSymbolicLink(temporary, target);
        Files.move(temporary, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** {@code openssl ecparam -genkey} writes the curve parameters block before the key. */
    private static Path withParameters(Path sec1Key) throws IOException {
        Path parameters = TestCertificates.ecParameters(dir.resolve("parameters.pem"));
        Path file = dir.resolve("sec1-with-parameters.pem");
        Files.writeString(file, Files.readString(parameters) + Files.readString(sec1Key));
        return file;
    }

    private static Path combined(TestCertificates.PemPair pair) throws IOException {
        Path file = dir.resolve("combined.pem");
        Files.writeString(file, Files.readString(pair.certificate()) + Files.readString(pair.key()));
        return file;
    }

    private static RtmpServer tlsServer(TlsCredentials credentials, Duration reload) throws IOException {
        return TestServers.builder()
                .rtmps(TlsOptions.of(TestServers.loopback(), credentials).withReloadInterval(reload))
                .start();
    }

    private static X509Certificate served(RtmpServer server) throws IOException {
        return TlsClients.servedCertificate(server.rtmpsAddress().orElseThrow().getPort());
    }

    private static X509Certificate servedQuietly(RtmpServer server) {
        try {
            return served(server);
        } catch (IOException e) {
            return null;
        }
    }

    private static X509Certificate read(Path pem) throws Exception {
        byte[] bytes = Files.readString(pem).getBytes(StandardCharsets.US_ASCII);
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(bytes));
    }

    private static String log() {
        try {
            return LogFile.read();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
