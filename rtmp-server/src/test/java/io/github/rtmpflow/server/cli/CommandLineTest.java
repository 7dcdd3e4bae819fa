package io.github.rtmpflow.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.server.cli.CommandLine.Invalid;
import io.github.rtmpflow.server.cli.CommandLine.Parsed;
import io.github.rtmpflow.server.cli.CommandLine.Run;
import io.github.rtmpflow.server.cli.CommandLine.ShowHelp;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandLineTest {

    @Test
    void shouldUseTheDocumentedDefaults() throws Exception {
        CliOptions options = run();

        assertThat(options.bindAddress()).isEqualTo(InetAddress.getByName("0.0.0.0"));
        assertThat(options.port()).isEqualTo(1935);
        assertThat(options.recordDirectory()).isNull();
        assertThat(options.tls()).isNull();
        assertThat(options.streamKey()).isNull();
        assertThat(options.maxConnections()).isEmpty();
        assertThat(options.drainSeconds()).isEqualTo(5);
    }

    @Test
    void shouldParseEveryFlag() throws Exception {
        CliOptions options = run("--bind", "127.0.0.1", "--port", "0", "--record-dir", "rec", "--stream-key", "s3cr3t",
                "--max-connections", "10", "--drain-seconds", "0", "--rtmps-port", "1936", "--tls-cert", "c.pem",
                "--tls-key", "k.pem");

        assertThat(options.bindAddress()).isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThat(options.port()).isZero();
        assertThat(options.recordDirectory()).isEqualTo(Path.of("rec"));
        assertThat(options.streamKey()).isEqualTo("s3cr3t");
        assertThat(options.maxConnections()).isEqualTo(OptionalInt.of(10));
        assertThat(options.drainSeconds()).isZero();
        assertThat(options.tls()).isEqualTo(new CliOptions.TlsOptions(1936, Path.of("c.pem"), Path.of("k.pem")));
    }

    @Test
    void shouldAcceptFlagEqualsValue() {
        CliOptions options = run("--port=1940", "--record-dir=a=b");

        assertThat(options.port()).isEqualTo(1940);
        assertThat(options.recordDirectory()).isEqualTo(Path.of("a=b"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h"})
    void shouldShowHelpWhateverElseIsGiven(String help) {
        assertThat(CommandLine.parse("--port", "1", help, "--bogus")).isInstanceOf(ShowHelp.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--bogus                            | unknown option: --bogus",
        "extra                              | unexpected argument: extra",
        "--port                             | --port needs a value",
        "--port x                           | --port needs a number, not 'x'",
        "--port 65536                       | --port must be between 0 and 65535, not 65536",
        "--port -1                          | --port must be between 0 and 65535, not -1",
        "--port 1 --port 2                  | --port given more than once",
        "--max-connections 0                | --max-connections must be between 1 and 2147483647, not 0",
        "--drain-seconds -1                 | --drain-seconds must be between 0 and 3600, not -1",
        "--bind no.such.host.invalid        | --bind: unknown address 'no.such.host.invalid'",
        "--rtmps-port 1936                  | --rtmps-port, --tls-cert and --tls-key go together",
        "--rtmps-port 1935 --tls-cert c --tls-key k | --rtmps-port must differ from --port: both are 1935",
        "--tls-cert c --tls-key k           | --rtmps-port, --tls-cert and --tls-key go together",
        "--rtmps-port 1936 --tls-keystore k | --rtmps-port, --tls-keystore and --tls-keystore-password-file go together",
        "--rtmps-port 1936 --tls-cert c --tls-key k --tls-keystore s --tls-keystore-password-file p"
                + " | --tls-cert/--tls-key and --tls-keystore/--tls-keystore-password-file exclude each other",
    })
    void shouldRejectBadOptions(String args, String message) {
        Parsed parsed = CommandLine.parse(args.trim().split(" +"));

        assertThat(parsed).isEqualTo(new Invalid(message));
    }

    @Test
    void shouldParseAPkcs12RtmpsListener() {
        CliOptions options = run("--rtmps-port", "0", "--tls-keystore", "server.p12", "--tls-keystore-password-file",
                "password.txt");

        assertThat(options.tls()).isEqualTo(
                new CliOptions.TlsOptions(0, null, null, Path.of("server.p12"), Path.of("password.txt")));
    }

    @Test
    void shouldRejectAnEmptyStreamKeyWithoutEchoingIt() {
        assertThat(CommandLine.parse("--stream-key=")).isEqualTo(new Invalid("--stream-key must not be empty"));
    }

    @Test
    void shouldNeverShowTheStreamKeyInTheOptionsText() {
        CliOptions options = run("--stream-key", "TopSecretKey");

        assertThat(options.toString()).doesNotContain("TopSecretKey").contains("streamKey=<redacted>");
    }

    @Test
    void shouldDocumentEveryFlagInTheUsage() {
        assertThat(CommandLine.USAGE).contains("--bind ADDR", "--port N", "--record-dir DIR", "--stream-key KEY",
                "--max-connections N", "--drain-seconds N", "--rtmps-port N", "--tls-cert FILE", "--tls-key FILE",
                "--tls-keystore FILE", "--tls-keystore-password-file FILE", "--help");
    }

    private static CliOptions run(String... args) {
        Parsed parsed = CommandLine.parse(args);
        assertThat(parsed).isInstanceOf(Run.class);
        return ((Run) parsed).options();
    }
}
