package io.github.rtmpflow.flv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.rtmpflow.core.ProtocolError;
import io.github.rtmpflow.core.ProtocolException;
import io.github.rtmpflow.core.RtmpLimits;
import io.github.rtmpflow.core.amf.Amf0Writer;
import io.github.rtmpflow.core.amf.AmfBoolean;
import io.github.rtmpflow.core.amf.AmfEcmaArray;
import io.github.rtmpflow.core.amf.AmfNumber;
import io.github.rtmpflow.core.amf.AmfObject;
import io.github.rtmpflow.core.amf.AmfString;
import io.github.rtmpflow.core.amf.AmfValue;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OnMetaDataTest {

    private static ByteBuffer body(AmfValue... values) {
        return ByteBuffer.wrap(Amf0Writer.encode(values));
    }

    @Test
    void shouldReadTheTypedPropertiesOfAnEncodersMetadata() throws ProtocolException {
        Map<String, AmfValue> map = new LinkedHashMap<>();
        map.put("duration", new AmfNumber(0));
        map.put("width", new AmfNumber(1920));
        map.put("height", new AmfNumber(1080));
        map.put("framerate", new AmfNumber(59.94));
        map.put("videodatarate", new AmfNumber(6000));
        map.put("videocodecid", new AmfString("hvc1"));
        map.put("audiocodecid", new AmfNumber(FourCc.of("Opus")));
        map.put("audiosamplerate", new AmfNumber(48000));
        map.put("audiosamplesize", new AmfNumber(16));
        map.put("audiochannels", new AmfNumber(2));
        map.put("stereo", AmfBoolean.TRUE);
        map.put("encoder", new AmfString("obs-output module"));
        map.put("custom", new AmfString("kept"));

        OnMetaData m = OnMetaData.parse(body(new AmfString("onMetaData"), new AmfEcmaArray(map)),
                RtmpLimits.DEFAULTS);

        assertThat(m.width()).isEqualTo(1920);
        assertThat(m.height()).isEqualTo(1080);
        assertThat(m.frameRate()).isEqualTo(59.94);
        assertThat(m.videoDataRate()).isEqualTo(6000);
        assertThat(m.videoCodec()).isEqualTo(VideoCodec.HEVC);
        assertThat(m.audioCodec()).isEqualTo(AudioCodec.OPUS);
        assertThat(m.audioSampleRate()).isEqualTo(48000);
        assertThat(m.audioSampleSize()).isEqualTo(16);
        assertThat(m.audioChannels()).isEqualTo(2);
        assertThat(m.stereo()).isTrue();
        assertThat(m.duration()).isZero();
        assertThat(m.encoder()).isEqualTo("obs-output module");
        assertThat(m.string("custom")).isEqualTo("kept");
        assertThat(m.properties().keySet()).containsExactlyElementsOf(map.keySet());
        assertThat(m.fileSize()).isNaN();
        assertThat(m.audioDataRate()).isNaN();
    }

    @Test
    void shouldReadLegacyCodecIdsAndUnknownOnes() throws ProtocolException {
        OnMetaData legacy = OnMetaData.parse(body(new AmfString("onMetaData"), AmfObject.builder()
                .put("videocodecid", 7).put("audiocodecid", 2).build()), RtmpLimits.DEFAULTS);
        OnMetaData unknown = OnMetaData.parse(body(new AmfString("onMetaData"), AmfObject.builder()
                .put("videocodecid", "wxyz").put("audiocodecid", 13).build()), RtmpLimits.DEFAULTS);
        OnMetaData none = OnMetaData.parse(body(new AmfString("onMetaData"), AmfObject.builder().build()),
                RtmpLimits.DEFAULTS);

        assertThat(legacy.videoCodec()).isEqualTo(VideoCodec.AVC);
        assertThat(legacy.audioCodec()).isEqualTo(AudioCodec.MP3);
        assertThat(unknown.videoCodec()).isEqualTo(VideoCodec.UNKNOWN);
        assertThat(unknown.audioCodec()).isEqualTo(AudioCodec.UNKNOWN);
        assertThat(none.videoCodec()).isNull();
        assertThat(none.stereo()).isNull();
        assertThat(none.width()).isNaN();
    }

    @Test
    void shouldAcceptTheRtmpDataMessageForm() throws ProtocolException {
        ByteBuffer message = body(new AmfString("@setDataFrame"), new AmfString("onMetaData"),
                new AmfEcmaArray(Map.of("width", new AmfNumber(640))));

        assertThat(OnMetaData.parse(message, RtmpLimits.DEFAULTS).width()).isEqualTo(640);
        assertThat(message.position()).isZero();
    }

    @Test
    void shouldRejectOtherScriptDataAndBrokenAmf() {
        assertThatThrownBy(() -> OnMetaData.parse(body(new AmfString("onCuePoint"), AmfObject.builder().build()),
                RtmpLimits.DEFAULTS))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.error().code()).isEqualTo(ProtocolError.Code.BAD_MESSAGE));
        assertThatThrownBy(() -> OnMetaData.parse(body(new AmfString("onMetaData"), new AmfNumber(1)),
                RtmpLimits.DEFAULTS))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.error().detail()).contains("not an ECMA array or object"));
        assertThatThrownBy(() -> OnMetaData.parse(ByteBuffer.wrap(HexFormat.of().parseHex("02000a6f6e4d657461")),
                RtmpLimits.DEFAULTS))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.error().code()).isEqualTo(ProtocolError.Code.BAD_AMF));
        assertThatThrownBy(() -> OnMetaData.parse(FlvTag.of(TagType.VIDEO, 0, ByteBuffer.allocate(1))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldTurnADataMessageIntoAScriptTagBodyWithoutCopying() {
        byte[] message = Amf0Writer.encode(new AmfString("@setDataFrame"), new AmfString("onMetaData"),
                new AmfEcmaArray(Map.of("width", new AmfNumber(640))));
        ByteBuffer source = ByteBuffer.wrap(message);

        ByteBuffer script = ScriptData.toFlvScriptBody(source);

        assertThat(script).isEqualTo(ByteBuffer.wrap(Amf0Writer.encode(new AmfString("onMetaData"),
                new AmfEcmaArray(Map.of("width", new AmfNumber(640))))));
        assertThat(source.position()).isZero();
        message[message.length - 1] = 42; // a view, not a copy: it sees the change
        assertThat(script.get(script.limit() - 1)).isEqualTo((byte) 42);
        assertThat(ScriptData.toFlvScriptBody(source.asReadOnlyBuffer()).isReadOnly()).isTrue();
    }

    @Test
    void shouldLeaveScriptBodiesWithoutSetDataFrameWhole() {
        ByteBuffer cuePoint = body(new AmfString("onCuePoint"), new AmfNumber(1));
        ByteBuffer almost = body(new AmfString("@setDataFrameX"), new AmfNumber(1));

        assertThat(ScriptData.toFlvScriptBody(cuePoint)).isEqualTo(cuePoint);
        assertThat(ScriptData.toFlvScriptBody(almost)).isEqualTo(almost);
        assertThat(ScriptData.toFlvScriptBody(ByteBuffer.allocate(0)).remaining()).isZero();
    }

    @Test
    void shouldTellOnMetaDataFromOtherScriptTags() {
        FlvTag metadata = FlvTag.of(TagType.SCRIPT, 0, body(new AmfString("onMetaData"), new AmfNumber(1)));
        FlvTag cuePoint = FlvTag.of(TagType.SCRIPT, 0, body(new AmfString("onCuePoint"), new AmfNumber(1)));

        assertThat(metadata.isMetadata()).isTrue();
        assertThat(metadata.isOnMetaData()).isTrue();
        assertThat(cuePoint.isMetadata()).isTrue();
        assertThat(cuePoint.isOnMetaData()).isFalse();
    }
}
