package io.github.rtmpflow.server.interop;

import io.github.rtmpflow.flv.FlvReader;
import io.github.rtmpflow.flv.FlvTag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Audio and video tags compared by bytes and timestamps: the tags of a source file (read with
 * rtmpflow's {@link FlvReader}) against what a subscriber received or a recording holds.
 *
 * <p>Timestamps are compared modulo 2^32: the file and the wire carry 32-bit timestamps, the
 * server hands out its 64-bit unwrapped timeline, and recordings rebase to 0 (compare those
 * with {@link #rebased(List)}).
 */
public final class MediaTags {

    private static final long WIRE_TIMESTAMP_MASK = 0xFFFF_FFFFL;

    private MediaTags() {
    }

    /** Returns every audio and video tag of the FLV file, in file order. */
    public static List<FlvTag> read(Path flv) {
        List<FlvTag> tags = new ArrayList<>();
        try (FlvReader reader = new FlvReader(FileChannel.open(flv))) {
            for (FlvTag tag = reader.next(); tag != null; tag = reader.next()) {
                if (tag.isAudio() || tag.isVideo()) {
                    tags.add(tag);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + flv, e);
        }
        return tags;
    }

    /** Returns the audio and video tags of {@code tags}, in order. */
    public static List<FlvTag> media(List<FlvTag> tags) {
        return tags.stream().filter(t -> t.isAudio() || t.isVideo()).toList();
    }

    /** Returns the tags with timestamps shifted so that the first is 0 (as a recorder writes). */
    public static List<FlvTag> rebased(List<FlvTag> tags) {
        if (tags.isEmpty()) {
            return tags;
        }
        long first = tags.get(0).timestamp();
        return tags.stream().map(t -> FlvTag.of(t.type(), t.timestamp() - first, t.payload())).toList();
    }

    /** Fails unless {@code actual} holds exactly the tags of {@code expected}: types, timestamps, bytes, order. */
    public static void assertSame(String what, List<FlvTag> expected, List<FlvTag> actual) {
        int n = Math.min(expected.size(), actual.size());
        for (int i = 0; i < n; i++) {
            String difference = difference(expected.get(i), actual.get(i));
            if (difference != null) {
                throw new AssertionError(what + ": tag " + i + " of " + expected.size() + " differs: " + difference);
            }
        }
        if (expected.size() != actual.size()) {
            throw new AssertionError(what + ": expected " + expected.size() + " audio/video tags, got " + actual.size()
                    + (actual.size() > n ? "; first extra: " + actual.get(n) : "; first missing: " + expected.get(n)));
        }
    }

    /** Fails unless {@code actual} is the first tags of {@code expected}, at least {@code minimum} of them. */
    public static void assertPrefix(String what, List<FlvTag> expected, List<FlvTag> actual, int minimum) {
        if (actual.size() < minimum || actual.size() > expected.size()) {
            throw new AssertionError(what + ": expected between " + minimum + " and " + expected.size()
                    + " tags, got " + actual.size());
        }
        assertSame(what, expected.subList(0, actual.size()), actual);
    }

    /**
     * Fails unless {@code actual} is a subsequence of {@code expected} (tags only left out, never
     * altered, added or reordered) in which every video gap resumes at a keyframe (or a sequence
     * header or end, which are never dropped): what {@code DROP_UNTIL_KEYFRAME} promises.
     */
    public static void assertKeyframeAlignedSubsequence(String what, List<FlvTag> expected, List<FlvTag> actual) {
        int next = 0;
        boolean videoGap = false;
        for (int i = 0; i < actual.size(); i++) {
            FlvTag tag = actual.get(i);
            int start = next;
            while (next < expected.size() && difference(expected.get(next), tag) != null) {
                videoGap |= expected.get(next).isVideo();
                next++;
            }
            if (next == expected.size()) {
                throw new AssertionError(what + ": received tag " + i + " " + tag + " is not in the source after tag "
                        + start);
            }
            if (tag.isVideo() && videoGap && !tag.isKeyframe() && !tag.isSequenceHeader() && !tag.isSequenceEnd()) {
                throw new AssertionError(what + ": video resumed after a gap at " + tag + ", not at a keyframe");
            }
            if (tag.isVideo()) {
                videoGap = false;
            }
            next++;
        }
    }

    /** Returns null when the tags are equal (timestamps modulo 2^32), else what differs. */
    static String difference(FlvTag expected, FlvTag actual) {
        if (expected.type() != actual.type()) {
            return "type " + expected.type() + " != " + actual.type() + " (" + expected + " vs " + actual + ")";
        }
        if ((expected.timestamp() & WIRE_TIMESTAMP_MASK) != (actual.timestamp() & WIRE_TIMESTAMP_MASK)) {
            return "timestamp " + expected.timestamp() + " != " + actual.timestamp() + " (" + expected + ")";
        }
        ByteBuffer a = expected.payload();
        ByteBuffer b = actual.payload();
        if (!a.equals(b)) {
            int mismatch = a.mismatch(b);
            return "bytes differ at offset " + mismatch + " (" + expected + " vs " + actual + "): expected "
                    + head(a, mismatch) + " got " + head(b, mismatch);
        }
        return null;
    }

    private static String head(ByteBuffer body, int from) {
        int start = Math.max(0, Math.min(from, body.remaining()));
        byte[] bytes = new byte[Math.min(16, body.remaining() - start)];
        body.duplicate().position(start).get(bytes);
        return "..." + HexFormat.of().formatHex(bytes);
    }
}
