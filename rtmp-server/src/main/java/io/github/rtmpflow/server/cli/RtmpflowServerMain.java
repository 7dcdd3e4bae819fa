package io.github.rtmpflow.server.cli;

import java.io.PrintStream;

/**
 * The entry point of {@code java -jar rtmpflow-server.jar}: parses the flags
 * ({@link CommandLine}), runs a {@link CliServer} and turns SIGTERM/SIGINT into a clean
 * shutdown that exits with status 0.
 *
 * <p>Exit status: 0 after {@code --help} or a clean shutdown; 1 when the server cannot start;
 * 2 on bad options.
 */
public final class RtmpflowServerMain {

    /** Exit status after {@code --help} or a clean shutdown. */
    static final int EXIT_OK = 0;
    /** Exit status when the server cannot start or does not close cleanly. */
    static final int EXIT_FAILED = 1;
    /** Exit status for bad options. */
    static final int EXIT_USAGE = 2;

    private RtmpflowServerMain() {
    }

    /**
     * Runs the server until SIGTERM/SIGINT; returns only through {@link System#exit} or
     * {@link Runtime#halt}.
     *
     * @param args the flags of {@link CommandLine#USAGE}
     */
    public static void main(String[] args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        configureLog();
        CommandLine.Parsed parsed = CommandLine.parse(args);
        if (parsed instanceof CommandLine.ShowHelp) {
            out.print(CommandLine.USAGE);
            out.flush();
            System.exit(EXIT_OK);
        } else if (parsed instanceof CommandLine.Invalid invalid) {
            err.println("rtmpflow-server: " + invalid.message());
            err.println();
            err.print(CommandLine.USAGE);
            err.flush();
            System.exit(EXIT_USAGE);
        }
        CliOptions options = ((CommandLine.Run) parsed).options();
        CliServer server;
        try {
            server = CliServer.start(options, out);
        } catch (CliServer.StartFailure e) {
            err.println("rtmpflow-server: " + e.getMessage());
            err.flush();
            System.exit(EXIT_FAILED);
            return;
        }
        // The JVM's own status after SIGTERM is 143 (130 after SIGINT): the hook closes the server
        // and then halts with the status it chose, which is what scripts and service managers see.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            boolean clean = server.shutdown();
            out.flush();
            err.flush();
            Runtime.getRuntime().halt(clean ? EXIT_OK : EXIT_FAILED);
        }, "rtmpflow-shutdown"));
        server.announce();
        server.awaitClosed();
    }

    /**
     * Gives the bundled slf4j-simple a server's log format (time stamps) unless the user set
     * its properties with {@code -D}; runs before the first logger is made.
     */
    private static void configureLog() {
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSZ");
        setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
