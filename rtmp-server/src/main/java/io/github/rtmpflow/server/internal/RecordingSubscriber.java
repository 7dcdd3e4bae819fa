package io.github.rtmpflow.server.internal;

import io.github.rtmpflow.flv.FlvRecorder;
import io.github.rtmpflow.flv.FlvTag;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records one publish session to a file already claimed for it (see
 * {@link RecordingManager#start}): opens it when subscribed (on the delivery executor, so no
 * per-tag disk work runs on an event loop), writes every tag through an {@link FlvRecorder},
 * and finishes the file when the session completes.
 */
final class RecordingSubscriber implements Flow.Subscriber<FlvTag> {

    private static final Logger LOG = LoggerFactory.getLogger(RecordingSubscriber.class);

    private final Path file;
    private final String app;
    private final String name;
    private final CompletableFuture<Path> finished = new CompletableFuture<>();
    private FlvRecorder recorder;

    RecordingSubscriber(Path file, String app, String name) {
        this.file = file;
        this.app = app;
        this.name = name;
    }

    /** Completes with the file once it is closed (null when it could not be created). */
    CompletableFuture<Path> finished() {
        return finished;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        try {
            recorder = new FlvRecorder(FileChannel.open(file, StandardOpenOption.WRITE), file);
            LOG.info("[{}/{}] recording to {}", app, name, file);
        } catch (IOException | RuntimeException e) {
            LOG.warn("[{}/{}] cannot start the recording: {}", app, name, e.toString());
            subscription.cancel();
            finished.complete(null);
            return;
        }
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(FlvTag tag) {
        if (recorder != null) {
            recorder.accept(tag);
        }
    }

    @Override
    public void onError(Throwable error) {
        LOG.warn("[{}/{}] recording source failed: {}", app, name, error.toString());
        finish();
    }

    @Override
    public void onComplete() {
        finish();
    }

    private void finish() {
        Path file = null;
        if (recorder != null) {
            recorder.close();
            file = recorder.path();
        }
        finished.complete(file);
    }
}
