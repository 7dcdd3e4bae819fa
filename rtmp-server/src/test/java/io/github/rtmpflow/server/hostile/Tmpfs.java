package io.github.rtmpflow.server.hostile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Mounts a small tmpfs, for a real "No space left on device". Needs root (CAP_SYS_ADMIN), as
 * the CI machines and the build containers here run; without it the test fails loudly rather
 * than pretending with a fake channel.
 */
final class Tmpfs {

    private Tmpfs() {
    }

    /** Mounts a tmpfs of {@code size} (mount's syntax, e.g. {@code 48k}) on the empty directory {@code dir}. */
    static void mount(Path dir, String size) throws IOException, InterruptedException {
        Result r = run("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0700", "tmpfs", dir.toString());
        if (r.status != 0) {
            throw new AssertionError("\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n"
                    + "!!! cannot mount a tmpfs for the disk-full test (needs root / CAP_SYS_ADMIN): "
                    + r.output.strip() + "\n"
                    + "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!");
        }
    }

    /** Unmounts what {@link #mount} mounted. */
    static void unmount(Path dir) throws IOException, InterruptedException {
        Result r = run("umount", dir.toString());
        if (r.status != 0) {
            throw new AssertionError("cannot unmount " + dir + ": " + r.output);
        }
    }

    private record Result(int status, String output) {
    }

    private static Result run(String... command) throws IOException, InterruptedException {
        List<String> full = new java.util.ArrayList<>(List.of("timeout", "-k", "5", "20"));
        full.addAll(List.of(command));
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, String.join(" ", command) + " did not finish");
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
