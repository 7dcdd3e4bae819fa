package io.github.rtmpflow.flv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FlvTagPredicatesTest {

    static Stream<Arguments> tags() {
        return Stream.of(
                // type, hex body, keyframe, sequence header, sequence end, onMetaData
                Arguments.of(TagType.VIDEO, "1700000000014d401f", false, true, false, false),
                Arguments.of(TagType.VIDEO, "1701000000000000", true, false, false, false),
                Arguments.of(TagType.VIDEO, "2701000000000000", false, false, false, false),
                Arguments.of(TagType.VIDEO, "1702000000", false, false, true, false),
                Arguments.of(TagType.VIDEO, "1c00000000", false, true, false, false),
                Arguments.of(TagType.VIDEO, "1c01000000", true, false, false, false),
                Arguments.of(TagType.VIDEO, "12", true, false, false, false), // H.263 keyframe
                Arguments.of(TagType.VIDEO, "17", false, false, false, false), // truncated AVC
                // enhanced: SequenceStart hvc1, CodedFrames key, CodedFramesX inter, SequenceEnd
                Arguments.of(TagType.VIDEO, "9068766331", false, true, false, false),
                Arguments.of(TagType.VIDEO, "916176303100", true, false, false, false),
                Arguments.of(TagType.VIDEO, "a36176633100", false, false, false, false),
                Arguments.of(TagType.VIDEO, "9361766331", true, false, false, false),
                Arguments.of(TagType.VIDEO, "9261763031", false, false, true, false),
                Arguments.of(TagType.VIDEO, "9568766331", false, true, false, false), // MPEG2TS start
                Arguments.of(TagType.VIDEO, "d100", false, false, false, false), // command frame
                // ModEx (3 bytes nano offset, then CodedFrames) on a key frame
                Arguments.of(TagType.VIDEO, "970207a1200161763031", true, false, false, false),
                // ModEx with 16-bit size: 0xff then UI16 0x0000 => 1 byte, then SequenceStart
                Arguments.of(TagType.VIDEO, "97ff00000100617630310000", false, true, false, false),
                Arguments.of(TagType.VIDEO, "9702", false, false, false, false), // truncated ModEx
                // multitrack one track, CodedFrames inside, key frame
                Arguments.of(TagType.VIDEO, "960161766331000000", true, false, false, false),
                Arguments.of(TagType.VIDEO, "9620", false, true, false, false), // many codecs, start
                Arguments.of(TagType.VIDEO, "96", false, false, false, false),
                Arguments.of(TagType.VIDEO, "", false, false, false, false),
                Arguments.of(TagType.AUDIO, "af001210", false, true, false, false),
                Arguments.of(TagType.AUDIO, "af01aabb", false, false, false, false),
                Arguments.of(TagType.AUDIO, "2f", false, false, false, false), // MP3
                Arguments.of(TagType.AUDIO, "904f707573", false, true, false, false),
                Arguments.of(TagType.AUDIO, "914f707573", false, false, false, false),
                Arguments.of(TagType.AUDIO, "92664c6143", false, false, true, false),
                Arguments.of(TagType.AUDIO, "9500", false, true, false, false), // multitrack start
                Arguments.of(TagType.AUDIO, "970200000001", false, false, false, false), // ModEx, coded
                Arguments.of(TagType.AUDIO, "", false, false, false, false),
                // Enhanced RTMP v2 cases of issue #8: VP9 key frame, video metadata (colorInfo)
                // with frame types 1 and 5 (FFmpeg), FLAC start, AC-3 frames, ModEx + multitrack start
                Arguments.of(TagType.VIDEO, "917670303900", true, false, false, false),
                Arguments.of(TagType.VIDEO, "946876633102000963", false, false, false, false),
                Arguments.of(TagType.VIDEO, "d46876633102000963", false, false, false, false),
                Arguments.of(TagType.AUDIO, "90664c614312", false, true, false, false),
                Arguments.of(TagType.AUDIO, "9161632d330b77", false, false, false, false),
                Arguments.of(TagType.AUDIO, "970200000105004f707573", false, true, false, false),
                Arguments.of(TagType.SCRIPT, "02000a6f6e4d65746144617461080000000000", false, false, false, true),
                Arguments.of(TagType.SCRIPT,
                        "02000d40736574446174614672616d6502000a6f6e4d6574614461746103000009",
                        false, false, false, true),
                Arguments.of(TagType.SCRIPT, "02000a6f6e437565506f696e74", false, false, false, false),
                Arguments.of(TagType.SCRIPT, "02000a6f6e4d657461", false, false, false, false));
    }

    @ParameterizedTest
    @MethodSource("tags")
    void shouldClassifyLegacyAndEnhancedTags(TagType type, String hex, boolean key, boolean header,
            boolean end, boolean onMetaData) {
        FlvTag tag = FlvTag.of(type, 0, ByteBuffer.wrap(HexFormat.of().parseHex(hex)));

        assertThat(tag.isKeyframe()).as("keyframe").isEqualTo(key);
        assertThat(tag.isSequenceHeader()).as("sequence header").isEqualTo(header);
        assertThat(tag.isSequenceEnd()).as("sequence end").isEqualTo(end);
        assertThat(tag.isOnMetaData()).as("onMetaData").isEqualTo(onMetaData);
        assertThat(tag.isMetadata()).as("metadata").isEqualTo(type == TagType.SCRIPT);
        FlvTag moved = tag.withTimestamp(1234);
        assertThat(moved.timestamp()).isEqualTo(1234);
        assertThat(moved.payload()).isEqualTo(tag.payload());
        assertThat(moved.isKeyframe()).isEqualTo(key);
        assertThat(moved.isSequenceHeader()).isEqualTo(header);
    }
}
