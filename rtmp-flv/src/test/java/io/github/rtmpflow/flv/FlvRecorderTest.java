package io.github.rtmpflow.flv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlvRecorderTest {
    private static final List<FlvTag> CAPTURE = CaptureTags.tags(CaptureTags.FFMPEG_H264);

    @TempDir
    Path dir;

    @Test
    void shouldRecordAPublishedFlowToAFileFfprobeReads() throws Exception {
        Path file = dir.resolve("live.flv");
        FlvRecorder recorder = FlvRecorder.create(file);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (SubmissionPublisher<FlvTag> publisher = new SubmissionPublisher<>(executor, 16)) {
            publisher.subscribe(recorder);
            CAPTURE.forEach(publisher::submit);
        }
        awaitTrue(() -> recorder.state() == FlvRecorder.State.CLOSED);
        executor.shutdown();

        long videoFrames = CAPTURE.stream().filter(t -> t.isVideo() && !t.isSequenceHeader() && !t.isSequenceEnd())
                .count();
        long audioFrames = CAPTURE.stream().filter(t -> t.isAudio() && !t.isSequenceHeader()).count();
        Probe probe = Probe.parse(MediaTools.ffprobe(file));
        assertThat(probe.stream("video").get("codec_name")).isEqualTo("h264");
        assertThat(probe.stream("video").get("width")).isEqualTo("640");
        assertThat(probe.stream("video").get("height")).isEqualTo("360");
        assertThat(probe.stream("video").get("nb_read_frames")).isEqualTo(String.valueOf(videoFrames));
        assertThat(probe.stream("audio").get("codec_name")).isEqualTo("aac");
        assertThat(probe.stream("audio").get("nb_read_frames")).isEqualTo(String.valueOf(audioFrames));
        assertThat(probe.duration()).isCloseTo(3.0, within(0.1));
        assertThat(recorder.bytesWritten()).isEqualTo(Files.size(file));
        assertThat(recorder.tagsWritten()).isEqualTo(CAPTURE.size());
    }

    @Test
    void shouldStartALateRecordingAtZeroFromCachedConfigurationAndAKeyframe() throws Exception {
        int secondKeyframe = indexOfKeyframe(1);
        List<FlvTag> join = CAPTURE.stream().filter(t -> t.isOnMetaData() || t.isSequenceHeader())
                .collect(Collectors.toList());
        join.addAll(CAPTURE.subList(secondKeyframe, CAPTURE.size()));
        Path file = dir.resolve("late.flv");
        try (FlvRecorder recorder = FlvRecorder.create(file)) {
            join.forEach(recorder);
        }

        List<FlvTag> reread = FlvReaderTest.readAll(FileChannel.open(file));
        FlvTag firstFrame = reread.stream().filter(FlvTag::isKeyframe).findFirst().orElseThrow();
        assertThat(firstFrame.timestamp()).isZero();
        assertThat(reread.subList(0, 3)).allMatch(t -> t.timestamp() == 0);
        long expectedEnd = CAPTURE.get(CAPTURE.size() - 1).timestamp() - CAPTURE.get(secondKeyframe).timestamp();
        assertThat(reread.get(reread.size() - 1).timestamp()).isEqualTo(expectedEnd);
    }

    private static int indexOfKeyframe(int n) {
        int seen = 0;
        for (int i = 0; i < CAPTURE.size(); i++) {
            if (CAPTURE.get(i).isKeyframe() && seen++ == n) {
                return i;
            }
        }
        throw new AssertionError("capture has fewer keyframes");
    }

    @Test
    void shouldStopOnAFullDiskWithoutThrowingAndKeepOnlyWholeTags() throws Exception {
        Path file = dir.resolve("full.flv");
        FailingChannel channel = new FailingChannel(FileChannel.open(file, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, StandardOpenOption.READ), 50_000);
        FlvRecorder recorder = new FlvRecorder(channel, file);

        CAPTURE.forEach(recorder); // the publisher never sees the error

        assertThat(recorder.state()).isEqualTo(FlvRecorder.State.FAILED);
        assertThat(recorder.failure()).hasMessage("No space left on device");
        long tags = recorder.tagsWritten();
        recorder.close();
        assertThat(recorder.state()).isEqualTo(FlvRecorder.State.FAILED);
        assertThat(Files.size(file)).isEqualTo(recorder.bytesWritten()).isLessThanOrEqualTo(50_000);
        assertThat(FlvReaderTest.readAll(FileChannel.open(file))).hasSize((int) tags);
    }

    @Test
    void shouldLeaveWholeTagsWhenClosedWhileTagsArrive() throws Exception {
        Path file = dir.resolve("abrupt.flv");
        FlvRecorder recorder = FlvRecorder.create(file);
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger sent = new AtomicInteger();
        Thread publisher = new Thread(() -> {
            for (int i = 0; !stop.get(); i++) {
                recorder.accept(CAPTURE.get(i % CAPTURE.size()));
                if (sent.incrementAndGet() == 50) {
                    started.countDown();
                }
            }
        });
        publisher.start();
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();

        recorder.close();
        stop.set(true);
        publisher.join();

        assertThat(recorder.state()).isEqualTo(FlvRecorder.State.CLOSED);
        List<FlvTag> reread = FlvReaderTest.readAll(FileChannel.open(file));
        assertThat(reread.size()).isEqualTo(recorder.tagsWritten()).isLessThan(sent.get() + 1);
    }

    @Test
    void shouldCloseTheFileWhenTheSourceFails() throws Exception {
        Path file = dir.resolve("error.flv");
        FlvRecorder recorder = FlvRecorder.create(file);
        recorder.onSubscribe(new NoSubscription());
        CAPTURE.subList(0, 20).forEach(recorder::onNext);

        recorder.onError(new IllegalStateException("publisher went away"));

        assertThat(recorder.state()).isEqualTo(FlvRecorder.State.CLOSED);
        assertThat(FlvReaderTest.readAll(FileChannel.open(file))).hasSize(20);
    }

    @Test
    void shouldRequestEverythingAndCancelASecondSubscription() throws IOException {
        FlvRecorder recorder = FlvRecorder.create(dir.resolve("s.flv"));
        NoSubscription first = new NoSubscription();
        NoSubscription second = new NoSubscription();

        recorder.onSubscribe(first);
        recorder.onSubscribe(second);

        assertThat(first.requested).isEqualTo(Long.MAX_VALUE);
        assertThat(second.cancelled).isTrue();
        recorder.onComplete();
        assertThat(first.cancelled).isTrue();
    }

    @Test
    void shouldNeverOverwriteAndFindTheNextFreeName() throws IOException {
        assertThat(FlvRecorder.nextFreePath(dir, "cam")).isEqualTo(dir.resolve("cam.flv"));
        FlvRecorder.create(dir.resolve("cam.flv")).close();
        assertThat(FlvRecorder.nextFreePath(dir, "cam")).isEqualTo(dir.resolve("cam-1.flv"));
        Files.createFile(dir.resolve("cam-1.flv"));
        assertThat(FlvRecorder.nextFreePath(dir, "cam")).isEqualTo(dir.resolve("cam-2.flv"));

        assertThatThrownBy(() -> FlvRecorder.create(dir.resolve("cam.flv")))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThatThrownBy(() -> FlvRecorder.nextFreePath(dir, "../x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("condition within 30 s").isBefore(deadline);
            Thread.sleep(10);
        }
    }

    private static final class NoSubscription implements Flow.Subscription {
        long requested;
        boolean cancelled;

        @Override
        public void request(long n) {
            requested += n;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }
}
