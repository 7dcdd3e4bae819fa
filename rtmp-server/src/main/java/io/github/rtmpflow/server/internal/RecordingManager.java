package io.github.rtmpflow.server.internal;

import io.github.rtmpflow.flv.OverflowPolicy;
import io.github.rtmpflow.flv.SubscribeOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every publish session to {@code <dir>/<app>/<name>.flv} (never overwriting), each
 * recorder a subscriber of its session like any other, and lets a closing server wait for the
 * files to be finished.
 */
public final class RecordingManager {

    /** Default queue of a recorder: generous, so only a disk far slower than the stream drops. */
    public static final SubscribeOptions DEFAULT_OPTIONS = SubscribeOptions.defaults()
            .withName("recorder")
            .withBounds(16_384, 64L * 1024 * 1024)
            .withOverflowPolicy(OverflowPolicy.DROP_UNTIL_KEYFRAME);

    private static final Logger LOG = LoggerFactory.getLogger(RecordingManager.class);

    private final RecordingPaths paths;
    private final SubscribeOptions options;
    private final Set<CompletableFuture<Path>> active = ConcurrentHashMap.newKeySet();

    /** Creates a manager recording under {@code directory} with {@code options}. */
    public RecordingManager(Path directory, SubscribeOptions options) {
        this.paths = new RecordingPaths(directory);
        this.options = options;
    }

    /** Returns the recording root. */
    public Path directory() {
        return paths.directory();
    }

    /**
     * Starts recording {@code stream}. The file name is claimed here, on the publisher's loop as
     * the session starts (one file creation per session), so sessions of one name get
     * {@code name.flv}, {@code name-1.flv}, ... in publish order even when their recorders'
     * executors run late; the file is opened and written on the recorder's executor.
     */
    public void start(LiveStreamImpl stream) {
        Path file;
        try {
            file = paths.claim(stream.app(), stream.name());
        } catch (IOException | RuntimeException e) {
            LOG.warn("[{}/{}] cannot start the recording: {}", stream.app(), stream.name(), e.toString());
            return;
        }
        RecordingSubscriber subscriber = new RecordingSubscriber(file, stream.app(), stream.name());
        CompletableFuture<Path> finished = subscriber.finished();
        active.add(finished);
        finished.whenComplete((path, error) -> active.remove(finished));
        stream.subscribe(subscriber, options);
    }

    /** Waits until every recording started so far is finished, at most {@code timeoutMillis}. */
    public boolean awaitFinished(long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (CompletableFuture<Path> f : active) {
            long left = deadline - System.nanoTime();
            try {
                f.get(Math.max(0, left), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                LOG.warn("recordings not finished after {} ms", timeoutMillis);
                return false;
            } catch (ExecutionException e) {
                LOG.debug("recording failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
