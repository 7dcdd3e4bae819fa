package io.github.rtmpflow.server.interop;

import io.github.rtmpflow.core.RtmpLimits;
import io.github.rtmpflow.core.amf.Amf0Reader;
import io.github.rtmpflow.core.amf.AmfEcmaArray;
import io.github.rtmpflow.core.amf.AmfNumber;
import io.github.rtmpflow.core.amf.AmfObject;
import io.github.rtmpflow.core.amf.AmfValue;
import io.github.rtmpflow.flv.FlvReader;
import io.github.rtmpflow.flv.FlvTag;
import io.github.rtmpflow.server.testing.Poll;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Waits for recordings to be finished, as seen from outside the server: in the file itself. */
public final class Recordings {

    private Recordings() {
    }

    /**
     * Waits until {@code file} is finished: the recorder patches {@code filesize} in onMetaData
     * with the file's final length as its last step before fsync and close, so a file whose
     * onMetaData filesize equals its length is complete.
     *
     * @return how long it took from the call, for the test log
     */
    public static Duration awaitFinished(Path file, Duration deadline) {
        long start = System.nanoTime();
        Poll.until("recording " + file + " finished (onMetaData filesize = file length)", deadline,
                () -> isFinished(file));
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Returns whether the file's onMetaData filesize equals its length. */
    public static boolean isFinished(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return false;
            }
            long length = Files.size(file);
            Double filesize = metadataNumber(file, "filesize");
            return filesize != null && filesize.longValue() == length;
        } catch (Exception e) {
            // Still being written: not finished yet.
            return false;
        }
    }

    /** Returns the number {@code key} of the file's first onMetaData tag, or null. */
    static Double metadataNumber(Path file, String key) throws Exception {
        try (FlvReader reader = new FlvReader(FileChannel.open(file))) {
            for (FlvTag tag = reader.next(); tag != null; tag = reader.next()) {
                if (tag.isOnMetaData()) {
                    List<AmfValue> values = new Amf0Reader(RtmpLimits.DEFAULTS).readAll(tag.payload());
                    for (AmfValue value : values) {
                        Map<String, AmfValue> entries = value instanceof AmfEcmaArray array ? array.entries()
                                : value instanceof AmfObject object ? object.properties() : null;
                        if (entries != null && entries.get(key) instanceof AmfNumber number) {
                            return number.value();
                        }
                    }
                    return null;
                }
            }
            return null;
        }
    }
}
