package io.github.rtmpflow.server.internal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Key files that are not what they claim fail with an IOException naming the file, never anything else. */
class PemFilesTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void shouldRefuseGarbageInEveryKeyFormWithAnIoException(long seed) throws IOException {
        Random random = new Random(seed);
        byte[] body = new byte[random.nextInt(300)];
        random.nextBytes(body);
        if (body.length > 2 && random.nextBoolean()) {
            body[0] = 0x30; // a SEQUENCE tag, so the DER reader gets further
            body[1] = (byte) random.nextInt(0x84 + 1);
        }
        for (String type : new String[] {"PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY"}) {
            Path file = pem(type, body);
            assertThatThrownBy(() -> PemFiles.readPrivateKey(file)).isInstanceOf(IOException.class)
                    .hasMessageContaining(file.toString());
        }
    }

    @Test
    void shouldNameTheConversionForAnUnknownKeyForm() throws IOException {
        Path file = pem("OPENSSH PRIVATE KEY", new byte[] {1, 2, 3});
        assertThatThrownBy(() -> PemFiles.readPrivateKey(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("unsupported private key form 'OPENSSH PRIVATE KEY'")
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt -in " + file);
    }

    @Test
    void shouldRefuseACertificateFileWithoutCertificates() throws IOException {
        Path file = Files.writeString(dir.resolve("empty.pem"), "nothing here\n");
        assertThatThrownBy(() -> PemFiles.readCertificates(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("no certificate");
    }

    private Path pem(String type, byte[] body) throws IOException {
        String text = "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(body)
                + "\n-----END " + type + "-----\n";
        return Files.writeString(dir.resolve(type.replace(' ', '-') + ".pem"), text);
    }
}
