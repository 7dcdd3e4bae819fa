package io.github.rtmpflow.server.internal;

import io.github.rtmpflow.server.TlsCredentials;
import io.github.rtmpflow.server.TlsCredentialsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current TLS context of a listener, reloaded when its credential files change.
 *
 * <p>A daemon thread polls the files every interval and compares, per file, the resolved path
 * (ACME clients such as certbot swap symlinks), the modification time and the size. On a change
 * it loads the files; a load that fails (a half-written file, a key that does not match) is
 * logged at WARN and the previous context stays in use until the next change. New connections
 * take {@link #current()}; open ones keep the engine they have. File I/O and key parsing never
 * run on an event loop.
 */
public final class ReloadingTlsContext implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReloadingTlsContext.class);

    private final TlsCredentials credentials;
    private final ScheduledExecutorService poller;
    private volatile TlsContexts.Loaded current;
    private List<FileStamp> stamps;

    /**
     * Loads the credentials now (failing at once when they are unusable) and, unless
     * {@code interval} is zero, starts polling them.
     *
     * @throws TlsCredentialsException when the files cannot be read or used, with a message for the user
     */
    public ReloadingTlsContext(TlsCredentials credentials, Duration interval) throws TlsCredentialsException {
        this.credentials = credentials;
        try {
            this.stamps = stamps(credentials);
            this.current = TlsContexts.load(credentials);
        } catch (IOException e) {
            String message = e.getMessage();
            if (e instanceof NoSuchFileException) {
                message = "no such file: " + message;
            }
            throw new TlsCredentialsException("cannot use the TLS credentials: " + message, e);
        }
        LOG.info("TLS certificate loaded: {}", describe(current));
        if (interval.isZero()) {
            this.poller = null;
        } else {
            this.poller = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "rtmpflow-tls-reload");
                thread.setDaemon(true);
                return thread;
            });
            long millis = Math.max(1, interval.toMillis());
            poller.scheduleWithFixedDelay(this::checkSafely, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    /** Returns the context new connections use. */
    public TlsContexts.Loaded current() {
        return current;
    }

    /**
     * Reloads when the files changed since the last look; returns whether the context changed.
     * Called by the poller; synchronized so a direct call (tests) does not race it.
     */
    public synchronized boolean reloadIfChanged() {
        List<FileStamp> now;
        try {
            now = stamps(credentials);
        } catch (IOException e) {
            // Mid-swap a symlink may briefly point nowhere: look again next time.
            LOG.debug("TLS credential files not readable now: {}", e.toString());
            return false;
        }
        if (now.equals(stamps)) {
            return false;
        }
        stamps = now;
        try {
            TlsContexts.Loaded loaded = TlsContexts.load(credentials);
            current = loaded;
            LOG.info("TLS certificate reloaded: {}", describe(loaded));
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warn("TLS certificate reload failed, the previous certificate stays in use: {}", e.getMessage());
            return false;
        }
    }

    private void checkSafely() {
        try {
            reloadIfChanged();
        } catch (Throwable t) {
            LOG.warn("TLS reload check failed", t);
        }
    }

    @Override
    public void close() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }

    private static String describe(TlsContexts.Loaded loaded) {
        return "subject=" + loaded.certificate().getSubjectX500Principal().getName() + ", serial="
                + loaded.certificate().getSerialNumber().toString(16) + ", notAfter="
                + loaded.certificate().getNotAfter().toInstant();
    }

    private static List<FileStamp> stamps(TlsCredentials credentials) throws IOException {
        List<FileStamp> result = new ArrayList<>();
        for (Path file : credentials.files()) {
            Path real = file.toRealPath();
            result.add(new FileStamp(real, Files.getLastModifiedTime(real), Files.size(real)));
        }
        return result;
    }

    /**
     * What identifies a version of a credential file.
     *
     * @param realPath the path with every symlink resolved
     * @param modified the modification time
     * @param size the length in bytes
     */
    private record FileStamp(Path realPath, FileTime modified, long size) {
    }
}
