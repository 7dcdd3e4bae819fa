package io.github.rtmpflow.server.internal;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Chooses and claims the file of a new recording: {@code <dir>/<app>/<name>.flv}, or
 * {@code <name>-1.flv}, {@code <name>-2.flv}, ... when taken, so a recording is never
 * overwritten. The file is created atomically ({@code CREATE_NEW}), so two sessions can never
 * claim the same one.
 */
public final class RecordingPaths {

    /** Gives up after this many taken suffixes (a directory nobody cleans). */
    static final int MAX_SUFFIX = 100_000;

    private final Path directory;

    /** Creates the chooser for recordings under {@code directory}. */
    public RecordingPaths(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    /** Returns the recording root. */
    public Path directory() {
        return directory;
    }

    /**
     * Creates and returns a new empty file for a recording of {@code app/name}; both names were
     * validated by {@link NameValidator}.
     *
     * @throws IOException when the directory cannot be created or every candidate is taken
     */
    public Path claim(String app, String name) throws IOException {
        Path appDirectory = inside(directory.resolve(fileSafe(app)));
        Files.createDirectories(appDirectory);
        String base = fileSafe(name);
        for (int suffix = 0; suffix <= MAX_SUFFIX; suffix++) {
            String fileName = suffix == 0 ? base + ".flv" : base + "-" + suffix + ".flv";
            Path candidate = inside(appDirectory.resolve(fileName));
            try {
                return Files.createFile(candidate);
            } catch (FileAlreadyExistsException e) {
                // taken by an earlier session: try the next suffix
            }
        }
        throw new IOException("no free recording file name: app=" + app + " name=" + name);
    }

    /**
     * Maps a validated name to a portable file name: characters that some file systems refuse
     * become {@code _}; a leading dot too, so no recording is a hidden file.
     */
    static String fileSafe(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean refused = c == ':' || c == '*' || c == '?' || c == '"' || c == '<' || c == '>' || c == '|'
                    || c == '/' || c == '\\' || c < 0x20 || (i == 0 && c == '.');
            out.append(refused ? '_' : c);
        }
        return out.toString();
    }

    private Path inside(Path path) throws IOException {
        Path normalized = path.normalize();
        if (!normalized.startsWith(directory) || normalized.equals(directory)) {
            // Defence in depth: validated names cannot get here.
            throw new IOException("recording path escapes the recording directory");
        }
        return normalized;
    }
}
