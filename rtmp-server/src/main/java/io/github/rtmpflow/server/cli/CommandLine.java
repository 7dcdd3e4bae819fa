package io.github.rtmpflow.server.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Parses the command-line server's arguments. The flags are a contract (scripts and tests rely
 * on them): {@code --flag VALUE} or {@code --flag=VALUE}, each at most once.
 */
public final class CommandLine {

    /** The usage text, printed by {@code --help} and after a bad option. */
    public static final String USAGE = """
            Usage: java -jar rtmpflow-server.jar [options]

            An RTMP ingest server. Publishers push to rtmp://HOST:PORT/<app>/<name>
            (FFmpeg: -f flv rtmp://HOST:PORT/live/cam1; OBS: server rtmp://HOST:PORT/live,
            stream key cam1); players read the same URL. Standard output gets one line per
            listener ("listening on rtmp://HOST:PORT"), per stream start and per stream end
            (a summary: tags, bytes, duration, drops); the log goes to standard error.

            Options:
              --bind ADDR           address to listen on (default 0.0.0.0)
              --port N              RTMP port, 0 for any free port (default 1935)
              --record-dir DIR      record every published stream to DIR/<app>/<name>.flv;
                                    a later publish of the same name never overwrites it but
                                    gets <name>-1.flv, <name>-2.flv, ... (default: no recording)
              --stream-key KEY      publishers must present ?key=KEY (rtmp://HOST/live/cam1?key=KEY,
                                    OBS stream key cam1?key=KEY); others get
                                    NetStream.Publish.Unauthorized. The key is never logged and
                                    never part of a stream or file name (default: anyone may publish)
              --max-connections N   refuse connections beyond N (default: the library's, 1024)
              --drain-seconds N     on SIGTERM/SIGINT, stop accepting, ask publishers that support
                                    it (Enhanced RTMP reconnect) to move, and wait up to N seconds
                                    for streams to end before closing them (default 5)
              --rtmps-port N        RTMPS listener (rtmps://HOST:N/<app>/<name>), 0 for any free
                                    port; needs --tls-cert and --tls-key, or --tls-keystore and
                                    --tls-keystore-password-file. Files are re-read when they
                                    change (certificate renewal without a restart)
              --tls-cert FILE       PEM certificate chain (server certificate first)
              --tls-key FILE        PEM private key: PKCS#8 (BEGIN PRIVATE KEY), RSA (BEGIN RSA
                                    PRIVATE KEY) or EC (BEGIN EC PRIVATE KEY), unencrypted; convert
                                    others: openssl pkcs8 -topk8 -nocrypt -in KEY -out key.pem
              --tls-keystore FILE   PKCS#12 keystore (.p12/.pfx) instead of PEM files
              --tls-keystore-password-file FILE
                                    file holding the keystore password (one line)
              --help                print this help and exit

            SIGTERM/SIGINT end every stream, finish the recordings and exit with status 0.
            Exit status: 0 after --help or a clean shutdown; 1 when the server cannot start
            (address in use, record directory not writable, TLS files unusable); 2 on bad options.
            More log: java -Dorg.slf4j.simpleLogger.defaultLogLevel=debug -jar rtmpflow-server.jar
            """;

    private static final Set<String> VALUE_FLAGS = Set.of("--bind", "--port", "--record-dir", "--rtmps-port",
            "--tls-cert", "--tls-key", "--tls-keystore", "--tls-keystore-password-file", "--stream-key",
            "--max-connections", "--drain-seconds");

    private CommandLine() {
    }

    /** What the arguments ask for: help, a server to run, or nothing valid. */
    public sealed interface Parsed permits ShowHelp, Run, Invalid {
    }

    /** {@code --help} was given: print {@link #USAGE} and exit 0. */
    public record ShowHelp() implements Parsed {
    }

    /**
     * Valid options: run the server.
     *
     * @param options the settings
     */
    public record Run(CliOptions options) implements Parsed {
    }

    /**
     * The arguments are wrong: print the message and {@link #USAGE} to standard error, exit 2.
     *
     * @param message what is wrong; never contains the stream key
     */
    public record Invalid(String message) implements Parsed {
    }

    /** Parses {@code args}; never throws for bad input. */
    public static Parsed parse(String... args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return new ShowHelp();
            }
            String flag = arg;
            String value = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                flag = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            }
            if (!VALUE_FLAGS.contains(flag)) {
                return new Invalid(arg.startsWith("-") ? "unknown option: " + flag : "unexpected argument: " + arg);
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    return new Invalid(flag + " needs a value");
                }
                value = args[++i];
            }
            if (values.put(flag, value) != null) {
                return new Invalid(flag + " given more than once");
            }
        }
        try {
            return new Run(toOptions(values));
        } catch (BadOption e) {
            return new Invalid(e.getMessage());
        }
    }

    private static CliOptions toOptions(Map<String, String> values) throws BadOption {
        InetAddress bind = address(values.getOrDefault("--bind", "0.0.0.0"));
        int port = intValue(values, "--port", CliOptions.DEFAULT_PORT, 0, 0xFFFF);
        Path recordDirectory = values.containsKey("--record-dir") ? path(values, "--record-dir") : null;
        String key = values.get("--stream-key");
        if (key != null && key.isEmpty()) {
            throw new BadOption("--stream-key must not be empty");
        }
        OptionalInt maxConnections = values.containsKey("--max-connections")
                ? OptionalInt.of(intValue(values, "--max-connections", 0, 1, Integer.MAX_VALUE))
                : OptionalInt.empty();
        int drain = intValue(values, "--drain-seconds", CliOptions.DEFAULT_DRAIN_SECONDS, 0, 3600);
        return new CliOptions(bind, port, recordDirectory, tls(values, port), key, maxConnections, drain);
    }

    private static CliOptions.TlsOptions tls(Map<String, String> values, int rtmpPort) throws BadOption {
        List<String> pem = List.of("--tls-cert", "--tls-key");
        List<String> pkcs12 = List.of("--tls-keystore", "--tls-keystore-password-file");
        boolean anyPem = pem.stream().anyMatch(values::containsKey);
        boolean anyPkcs12 = pkcs12.stream().anyMatch(values::containsKey);
        if (!values.containsKey("--rtmps-port") && !anyPem && !anyPkcs12) {
            return null;
        }
        if (anyPem && anyPkcs12) {
            throw new BadOption("--tls-cert/--tls-key and --tls-keystore/--tls-keystore-password-file exclude each other");
        }
        if (anyPkcs12) {
            if (!values.containsKey("--rtmps-port") || !pkcs12.stream().allMatch(values::containsKey)) {
                throw new BadOption("--rtmps-port, --tls-keystore and --tls-keystore-password-file go together");
            }
        } else if (!values.containsKey("--rtmps-port") || !pem.stream().allMatch(values::containsKey)) {
            throw new BadOption("--rtmps-port, --tls-cert and --tls-key go together");
        }
        int port = intValue(values, "--rtmps-port", 0, 0, 0xFFFF);
        if (port != 0 && port == rtmpPort) {
            throw new BadOption("--rtmps-port must differ from --port: both are " + port);
        }
        return anyPem ? new CliOptions.TlsOptions(port, path(values, "--tls-cert"), path(values, "--tls-key"))
                : new CliOptions.TlsOptions(port, null, null, path(values, "--tls-keystore"),
                        path(values, "--tls-keystore-password-file"));
    }

    private static int intValue(Map<String, String> values, String flag, int defaultValue, int min, int max)
            throws BadOption {
        String text = values.get(flag);
        if (text == null) {
            return defaultValue;
        }
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new BadOption(flag + " needs a number, not '" + text + "'");
        }
        if (value < min || value > max) {
            throw new BadOption(flag + " must be between " + min + " and " + max + ", not " + value);
        }
        return value;
    }

    private static Path path(Map<String, String> values, String flag) throws BadOption {
        String text = values.get(flag);
        try {
            if (text.isBlank()) {
                throw new InvalidPathException(text, "empty");
            }
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new BadOption(flag + " needs a file name, not '" + text + "'");
        }
    }

    private static InetAddress address(String text) throws BadOption {
        if (text.isBlank()) {
            // InetAddress.getByName("") would quietly mean the loopback address.
            throw new BadOption("--bind needs an address");
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new BadOption("--bind: unknown address '" + text + "'");
        }
    }

    /** A wrong option value, with a message for the user (never holding the stream key). */
    private static final class BadOption extends Exception {
        private static final long serialVersionUID = 1L;

        BadOption(String message) {
            super(message, null, false, false);
        }
    }
}
