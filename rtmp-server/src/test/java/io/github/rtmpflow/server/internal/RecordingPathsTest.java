package io.github.rtmpflow.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingPathsTest {

    @TempDir
    Path dir;

    @Test
    void shouldNeverReuseAFileName() throws Exception {
        RecordingPaths paths = new RecordingPaths(dir);
        Path first = paths.claim("live", "cam1");
        Files.writeString(first, "first");
        Path second = paths.claim("live", "cam1");
        Path third = paths.claim("live", "cam1");

        assertThat(first).isEqualTo(dir.resolve("live/cam1.flv").toAbsolutePath());
        assertThat(second.getFileName()).hasToString("cam1-1.flv");
        assertThat(third.getFileName()).hasToString("cam1-2.flv");
        assertThat(Files.readString(first)).isEqualTo("first");
    }

    @Test
    void shouldMapRiskyCharactersToPortableNames() throws Exception {
        RecordingPaths paths = new RecordingPaths(dir);
        Path path = paths.claim("live", ".hid:den");

        assertThat(path.getFileName()).hasToString("_hid_den.flv");
        assertThat(path.getParent()).isEqualTo(dir.resolve("live").toAbsolutePath());
    }
}
