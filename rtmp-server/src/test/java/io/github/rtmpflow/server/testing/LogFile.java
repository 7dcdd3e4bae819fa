package io.github.rtmpflow.server.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The log of this test JVM: surefire points slf4j-simple at a file (see the module's pom) at
 * DEBUG level, so tests can prove what is and is not logged.
 */
public final class LogFile {
    private LogFile() {
    }

    /** Returns the whole log so far. */
    public static String read() throws IOException {
        String file = System.getProperty("org.slf4j.simpleLogger.logFile");
        if (file == null || file.startsWith("System.")) {
            throw new IllegalStateException("tests must run with org.slf4j.simpleLogger.logFile set to a file");
        }
        return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    }
}
