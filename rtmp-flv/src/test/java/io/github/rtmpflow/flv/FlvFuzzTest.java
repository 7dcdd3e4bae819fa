package io.github.rtmpflow.flv;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.rtmpflow.core.ProtocolException;
import io.github.rtmpflow.core.RtmpLimits;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Arbitrary bytes as tag bodies, configuration records, onMetaData and FLV files: the only
 * exceptions allowed are the documented ones ({@link ProtocolException} from the views,
 * {@link FlvFormatException} from the reader), and the cheap predicates agree with the views.
 * Runs the seeds under {@code src/test/resources/.../FlvFuzzTestInputs} in regression mode
 * during {@code verify}; {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class FlvFuzzTest {
    private static final int MAX_TAG_SIZE = 1 << 16;

    @FuzzTest(maxDuration = "60s")
    void videoTagBodies(byte[] data) {
        FlvTag tag = FlvTag.of(TagType.VIDEO, 0, ByteBuffer.wrap(data));
        boolean keyframe = tag.isKeyframe();
        boolean sequenceHeader = tag.isSequenceHeader();
        VideoTagHeader header;
        try {
            header = VideoTagHeader.parse(tag);
        } catch (ProtocolException e) {
            return;
        }
        assertThat(keyframe).isEqualTo(header.isKeyframe());
        if (sequenceHeader) {
            assertThat(header.packetType()).isIn(VideoPacketType.SEQUENCE_START,
                    VideoPacketType.MPEG2TS_SEQUENCE_START);
        }
        try {
            header.metadata(RtmpLimits.DEFAULTS);
        } catch (ProtocolException e) {
            // documented
        }
        for (VideoTrack track : header.tracks()) {
            try {
                track.decoderConfiguration();
            } catch (ProtocolException e) {
                // documented
            }
        }
    }

    @FuzzTest(maxDuration = "60s")
    void audioTagBodies(byte[] data) {
        FlvTag tag = FlvTag.of(TagType.AUDIO, 0, ByteBuffer.wrap(data));
        boolean sequenceHeader = tag.isSequenceHeader();
        boolean sequenceEnd = tag.isSequenceEnd();
        AudioTagHeader header;
        try {
            header = AudioTagHeader.parse(tag);
        } catch (ProtocolException e) {
            return;
        }
        assertThat(sequenceHeader).isEqualTo(header.packetType() == AudioPacketType.SEQUENCE_START);
        assertThat(sequenceEnd).isEqualTo(header.packetType() == AudioPacketType.SEQUENCE_END);
        for (AudioTrack track : header.tracks()) {
            try {
                if (track.codec() == AudioCodec.AAC) {
                    track.audioSpecificConfig();
                }
                track.multichannelConfig();
            } catch (ProtocolException e) {
                // documented
            }
        }
    }

    /**
     * First byte: bit 7 video or audio, bits 0-6 a set of track ids (0-6) to choose; the rest is
     * the tag body. Track selection never throws; what it keeps parses as the original did, with
     * only chosen tracks, each with its original id, codec and bytes (when the views accept the
     * original at all).
     */
    @FuzzTest(maxDuration = "60s")
    void trackSelection(byte[] data) throws ProtocolException {
        if (data.length < 1) {
            return;
        }
        boolean video = (data[0] & 0x80) != 0;
        Set<Integer> ids = new HashSet<>();
        for (int id = 0; id < 7; id++) {
            if ((data[0] & (1 << id)) != 0) {
                ids.add(id);
            }
        }
        FlvTag tag = FlvTag.of(video ? TagType.VIDEO : TagType.AUDIO, 0, ByteBuffer.wrap(data, 1, data.length - 1));
        TrackSelection selection = video ? TrackSelection.of(ids, null) : TrackSelection.of(null, ids);
        FlvTag kept = TrackFilter.apply(tag, selection);
        FlvTag plain = TrackFilter.apply(tag, selection.inSingleTrackForm());
        if (kept == null || kept == tag) {
            return;
        }
        List<Object> original;
        try {
            original = tracks(tag, video);
        } catch (ProtocolException e) {
            return; // a body the views reject is only passed on or dropped, never judged here
        }
        List<Object> narrowed = tracks(kept, video);
        assertThat(narrowed).isNotEmpty();
        assertThat(original).containsAll(narrowed);
        assertThat(plain).isNotNull();
    }

    private static List<Object> tracks(FlvTag tag, boolean video) throws ProtocolException {
        List<Object> out = new ArrayList<>();
        if (video) {
            for (VideoTrack t : VideoTagHeader.parse(tag).tracks()) {
                out.add(List.of(t.trackId(), t.fourCc(), t.compositionTime(), t.data()));
            }
        } else {
            for (AudioTrack t : AudioTagHeader.parse(tag).tracks()) {
                out.add(List.of(t.trackId(), t.fourCc(), t.data()));
            }
        }
        return out;
    }

    @FuzzTest(maxDuration = "60s")
    void configurationRecords(byte[] data) {
        ByteBuffer in = ByteBuffer.wrap(data);
        try {
            AvcDecoderConfigurationRecord.parse(in);
        } catch (ProtocolException e) {
            // documented
        }
        try {
            HevcDecoderConfigurationRecord.parse(in);
        } catch (ProtocolException e) {
            // documented
        }
        try {
            Av1CodecConfigurationRecord.parse(in);
        } catch (ProtocolException e) {
            // documented
        }
        try {
            AudioSpecificConfig.parse(in);
        } catch (ProtocolException e) {
            // documented
        }
        try {
            AvcSps.parse(in);
        } catch (ProtocolException e) {
            // documented
        }
        try {
            HevcSps.parse(in);
        } catch (ProtocolException e) {
            // documented
        }
        assertThat(in.position()).isZero();
    }

    @FuzzTest(maxDuration = "60s")
    void scriptBodies(byte[] data) {
        FlvTag tag = FlvTag.of(TagType.SCRIPT, 0, ByteBuffer.wrap(data));
        tag.isOnMetaData();
        ScriptData.toFlvScriptBody(tag.payload());
        try {
            OnMetaData metadata = OnMetaData.parse(tag.payload(), RtmpLimits.DEFAULTS);
            metadata.videoCodec();
            metadata.audioCodec();
        } catch (ProtocolException e) {
            // documented
        }
    }

    @FuzzTest(maxDuration = "60s")
    void flvFiles(byte[] data) throws IOException {
        int whole = readAll(new FlvReader(TestChannels.whole(data), MAX_TAG_SIZE));
        int bytewise = readAll(new FlvReader(TestChannels.oneByteAtATime(data), MAX_TAG_SIZE));
        assertThat(bytewise).isEqualTo(whole);
    }

    private static int readAll(FlvReader reader) throws IOException {
        int count = 0;
        try {
            while (reader.next() != null) {
                count++;
            }
        } catch (FlvFormatException e) {
            return -1 - count;
        }
        return count;
    }
}
