package io.github.rtmpflow.flv;

import io.github.rtmpflow.core.ProtocolError;
import io.github.rtmpflow.core.ProtocolException;
import io.github.rtmpflow.core.RtmpLimits;
import io.github.rtmpflow.core.amf.Amf0Reader;
import io.github.rtmpflow.core.amf.AmfBoolean;
import io.github.rtmpflow.core.amf.AmfEcmaArray;
import io.github.rtmpflow.core.amf.AmfNumber;
import io.github.rtmpflow.core.amf.AmfObject;
import io.github.rtmpflow.core.amf.AmfString;
import io.github.rtmpflow.core.amf.AmfValue;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A typed view of onMetaData: the well-known properties an encoder announces (SPEC: FLV 10.1
 * E.5 and Enhanced RTMP "Enhancing onMetaData"), plus the raw map for everything else.
 * Numbers that are absent or of another type read as {@code NaN}, strings as {@code null}.
 *
 * @param properties the properties in wire order (an ECMA array or an object on the wire)
 */
public record OnMetaData(Map<String, AmfValue> properties) {

    private static final String ON_METADATA = "onMetaData";
    private static final String SET_DATA_FRAME = "@setDataFrame";
    private static final double MAX_LEGACY_CODEC_ID = 255;

    /** Copies the map into an unmodifiable one, keeping its order. */
    public OnMetaData {
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /**
     * Parses a script tag's body.
     *
     * @throws ProtocolException as {@link #parse(ByteBuffer, RtmpLimits)}
     * @throws IllegalArgumentException when the tag is not a script tag
     */
    public static OnMetaData parse(FlvTag tag) throws ProtocolException {
        if (!tag.isScript()) {
            throw new IllegalArgumentException("not a script tag: type=" + tag.type());
        }
        return parse(tag.payload(), RtmpLimits.DEFAULTS);
    }

    /**
     * Parses an onMetaData body: {@code "onMetaData", map} as in an FLV script tag, or
     * {@code "@setDataFrame", "onMetaData", map} as in the RTMP data message. Its position is
     * not changed.
     *
     * @throws ProtocolException {@link ProtocolError.Code#BAD_AMF} when the AMF0 is malformed,
     *     {@link ProtocolError.Code#BAD_MESSAGE} when it is not onMetaData with an ECMA array or
     *     object
     */
    public static OnMetaData parse(ByteBuffer body, RtmpLimits limits) throws ProtocolException {
        List<AmfValue> values = new Amf0Reader(limits).readAll(body.duplicate());
        int at = 0;
        if (!values.isEmpty() && SET_DATA_FRAME.equals(values.get(0).asString())) {
            at = 1;
        }
        if (values.size() < at + 2 || !ON_METADATA.equals(values.get(at).asString())) {
            throw new ProtocolException(ProtocolError.Code.BAD_MESSAGE, "not onMetaData: values=" + values.size());
        }
        AmfValue map = values.get(at + 1);
        if (map instanceof AmfEcmaArray a) {
            return new OnMetaData(a.entries());
        }
        if (map instanceof AmfObject o) {
            return new OnMetaData(o.properties());
        }
        throw new ProtocolException(ProtocolError.Code.BAD_MESSAGE,
                "onMetaData is not an ECMA array or object: " + map.getClass().getSimpleName());
    }

    /** Returns a property, or {@code null}. */
    public AmfValue get(String name) {
        return properties.get(name);
    }

    /** Returns a number property, or {@code NaN} when absent or not a number. */
    public double number(String name) {
        AmfValue v = properties.get(name);
        return v instanceof AmfNumber n ? n.value() : Double.NaN;
    }

    /** Returns a string property, or {@code null} when absent or not a string. */
    public String string(String name) {
        AmfValue v = properties.get(name);
        return v instanceof AmfString s ? s.value() : null;
    }

    /** Returns {@code width} in pixels, or NaN. */
    public double width() {
        return number("width");
    }

    /** Returns {@code height} in pixels, or NaN. */
    public double height() {
        return number("height");
    }

    /** Returns {@code framerate} in frames per second, or NaN. */
    public double frameRate() {
        return number("framerate");
    }

    /** Returns {@code videodatarate} in kbit/s, or NaN. */
    public double videoDataRate() {
        return number("videodatarate");
    }

    /** Returns {@code audiodatarate} in kbit/s, or NaN. */
    public double audioDataRate() {
        return number("audiodatarate");
    }

    /** Returns {@code audiosamplerate} in Hz, or NaN. */
    public double audioSampleRate() {
        return number("audiosamplerate");
    }

    /** Returns {@code audiosamplesize} in bits, or NaN. */
    public double audioSampleSize() {
        return number("audiosamplesize");
    }

    /** Returns {@code audiochannels}, or NaN. */
    public double audioChannels() {
        return number("audiochannels");
    }

    /** Returns {@code stereo}, or {@code null} when absent or not a boolean. */
    public Boolean stereo() {
        AmfValue v = properties.get("stereo");
        return v instanceof AmfBoolean b ? b.value() : null;
    }

    /** Returns {@code duration} in seconds, or NaN. */
    public double duration() {
        return number("duration");
    }

    /** Returns {@code filesize} in bytes, or NaN. */
    public double fileSize() {
        return number("filesize");
    }

    /** Returns {@code encoder}, or {@code null}. */
    public String encoder() {
        return string("encoder");
    }

    /** Returns the raw {@code videocodecid}: a number (legacy id or FourCC value) or a string. */
    public AmfValue videoCodecId() {
        return properties.get("videocodecid");
    }

    /** Returns the raw {@code audiocodecid}: a number (legacy id or FourCC value) or a string. */
    public AmfValue audioCodecId() {
        return properties.get("audiocodecid");
    }

    /**
     * Returns the video codec {@code videocodecid} names: a legacy codec id (7), a FourCC as a
     * number (1635135537 for av01) or a FourCC string ("hvc1"); {@code null} when absent,
     * {@link VideoCodec#UNKNOWN} when not recognised.
     */
    public VideoCodec videoCodec() {
        AmfValue v = videoCodecId();
        if (v == null) {
            return null;
        }
        int fourCc = fourCc(v);
        if (fourCc != 0) {
            return VideoCodec.ofFourCc(fourCc);
        }
        return v instanceof AmfNumber n ? VideoCodec.ofLegacyId((int) n.value()) : VideoCodec.UNKNOWN;
    }

    /**
     * Returns the audio codec {@code audiocodecid} names, as {@link #videoCodec()} does: a legacy
     * SoundFormat (10), a FourCC number or a FourCC string ("Opus").
     */
    public AudioCodec audioCodec() {
        AmfValue v = audioCodecId();
        if (v == null) {
            return null;
        }
        int fourCc = fourCc(v);
        if (fourCc != 0) {
            return AudioCodec.ofFourCc(fourCc);
        }
        return v instanceof AmfNumber n ? AudioCodec.ofSoundFormat((int) n.value()) : AudioCodec.UNKNOWN;
    }

    /** Returns the FourCC a codec id value holds, or 0 when it is a legacy id or not a code. */
    private static int fourCc(AmfValue v) {
        if (v instanceof AmfString s && s.value().length() == 4) {
            return FourCc.of(s.value());
        }
        if (v instanceof AmfNumber n && n.value() > MAX_LEGACY_CODEC_ID && n.value() <= 0xFFFF_FFFFL) {
            return (int) (long) n.value();
        }
        return 0;
    }
}
