package io.github.rtmpflow.server.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the tests keep their files: under the module's {@code target/} directory. */
public final class TestPaths {

    private TestPaths() {
    }

    /** Returns the module's build directory (surefire and failsafe set {@code basedir}). */
    public static Path target() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("target");
    }

    /** Returns a fresh directory {@code target/<area>/<name>-N} for one test's files. */
    public static Path freshDirectory(String area, String name) {
        Path parent = target().resolve(area);
        try {
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent, name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
