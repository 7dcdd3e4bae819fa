package io.github.rtmpflow.flv;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a stream of tags to an FLV file, as a {@link Flow.Subscriber} (it requests
 * {@code Long.MAX_VALUE}) or as a plain {@link Consumer} ({@link #accept}).
 *
 * <p>Whole tags only: each tag is written completely or, after an I/O error, the file is cut
 * back to the last complete tag on close, so an abrupt end never leaves a partial tag. On
 * close the onMetaData duration and filesize are patched in, the data is forced to the device
 * (fsync) and the file is closed.
 *
 * <p>Errors never reach the publisher: an I/O error (disk full, ...) stops the recording,
 * is logged once at ERROR, and is exposed as {@link State#FAILED} with {@link #failure()};
 * later tags are ignored. {@link #onError} is logged at WARN and closes the file.
 *
 * <p>Thread-safe: tags, completion and {@link #close()} may come from different threads.
 * Tags are written synchronously on the calling thread; bodies are not kept.
 */
public final class FlvRecorder implements Flow.Subscriber<FlvTag>, Consumer<FlvTag>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FlvRecorder.class);
    private static final int MAX_SUFFIX = 100_000;

    /** Where a recorder is in its life. */
    public enum State {
        /** Accepting tags. */
        RECORDING,
        /** Closed after a normal end; the file is complete. */
        CLOSED,
        /** Stopped by an I/O error; the file holds the complete tags written before it. */
        FAILED
    }

    private final Path path;
    private final SeekableByteChannel channel;
    private final FlvWriter writer;
    private State state = State.RECORDING;
    private IOException failure;
    private Flow.Subscription subscription;

    /**
     * Creates a recorder that writes to {@code channel}, which must be at the start of an empty
     * file; the recorder owns and closes it. {@code path} is only used in log lines and
     * {@link #path()} (may be {@code null}).
     */
    public FlvRecorder(SeekableByteChannel channel, Path path) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.path = path;
        this.writer = new FlvWriter(channel);
    }

    /**
     * Creates a new file and a recorder for it; never overwrites an existing file.
     *
     * @throws java.nio.file.FileAlreadyExistsException when {@code file} exists
     * @throws IOException when the file cannot be created
     */
    public static FlvRecorder create(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new FlvRecorder(channel, file);
    }

    /**
     * Returns {@code dir/baseName.flv} if no such file exists, otherwise the first of
     * {@code baseName-1.flv}, {@code baseName-2.flv}, ... that does not exist. Another process can
     * still create the file in between: {@link #create} refuses to overwrite it.
     *
     * @throws IllegalArgumentException when {@code baseName} is empty or contains a path separator
     * @throws IllegalStateException when no free name is found
     */
    public static Path nextFreePath(Path dir, String baseName) {
        if (baseName.isEmpty() || baseName.contains("/") || baseName.contains("\\") || baseName.equals("..")) {
            throw new IllegalArgumentException("baseName must be a plain file name: baseName=" + baseName);
        }
        Path candidate = dir.resolve(baseName + ".flv");
        for (int i = 1; Files.exists(candidate); i++) {
            if (i > MAX_SUFFIX) {
                throw new IllegalStateException("no free file name: dir=" + dir + ", baseName=" + baseName);
            }
            candidate = dir.resolve(baseName + "-" + i + ".flv");
        }
        return candidate;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        synchronized (this) {
            if (subscription != null || state != State.RECORDING) {
                s.cancel(); // SPEC: Reactive Streams 2.5, one subscription at a time
                return;
            }
            subscription = s;
        }
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(FlvTag tag) {
        accept(tag);
    }

    /** Writes one tag; ignored once the recorder is closed or failed. Never throws. */
    @Override
    public synchronized void accept(FlvTag tag) {
        Objects.requireNonNull(tag, "tag");
        if (state != State.RECORDING) {
            return;
        }
        try {
            writer.write(tag);
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    @Override
    public void onError(Throwable throwable) {
        LOG.warn("[{}] recording source failed, closing the file", path, throwable);
        close();
    }

    @Override
    public void onComplete() {
        close();
    }

    /**
     * Finishes the file (truncate to whole tags, patch duration and filesize, fsync) and closes
     * it. Idempotent; never throws: a failure while finishing is logged and shown by
     * {@link #state()} and {@link #failure()}.
     */
    @Override
    public void close() {
        Flow.Subscription s;
        synchronized (this) {
            if (!channel.isOpen()) {
                return;
            }
            try {
                writer.finish();
                if (channel instanceof FileChannel) {
                    ((FileChannel) channel).force(true);
                }
            } catch (IOException | RuntimeException e) {
                fail(e);
            } finally {
                closeChannel();
            }
            if (state == State.RECORDING) {
                state = State.CLOSED;
                LOG.info("[{}] recording closed: tags={}, bytes={}, durationMs={}", path, writer.tagCount(),
                        writer.committedSize(), writer.durationMillis());
            }
            s = subscription;
            subscription = null;
        }
        if (s != null) {
            s.cancel();
        }
    }

    private void fail(Exception e) {
        if (state == State.FAILED) {
            return;
        }
        state = State.FAILED;
        failure = e instanceof IOException ? (IOException) e : new IOException(e.getMessage(), e);
        LOG.error("[{}] recording stopped after {} bytes: {}", path, writer.committedSize(), e.toString(), e);
        try {
            writer.finish();
        } catch (IOException | RuntimeException again) {
            LOG.debug("[{}] could not finish the file after the failure", path, again);
        }
    }

    private void closeChannel() {
        try {
            channel.close();
        } catch (IOException e) {
            fail(e);
        }
    }

    /** Returns the recorder's state. */
    public synchronized State state() {
        return state;
    }

    /** Returns the I/O error that stopped the recording, or {@code null}. */
    public synchronized IOException failure() {
        return failure;
    }

    /** Returns the file path given at creation (may be {@code null}). */
    public Path path() {
        return path;
    }

    /** Returns the bytes of complete tags written so far. */
    public synchronized long bytesWritten() {
        return writer.committedSize();
    }

    /** Returns the tags written so far, the onMetaData tag included. */
    public synchronized long tagsWritten() {
        return writer.tagCount();
    }

    /** Returns the recorded duration in milliseconds so far. */
    public synchronized long durationMillis() {
        return writer.durationMillis();
    }
}
