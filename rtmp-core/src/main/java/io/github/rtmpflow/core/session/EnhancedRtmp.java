package io.github.rtmpflow.core.session;

import io.github.rtmpflow.core.amf.AmfEcmaArray;
import io.github.rtmpflow.core.amf.AmfNumber;
import io.github.rtmpflow.core.amf.AmfObject;
import io.github.rtmpflow.core.amf.AmfStrictArray;
import io.github.rtmpflow.core.amf.AmfString;
import io.github.rtmpflow.core.amf.AmfValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Enhanced RTMP connect negotiation (enhanced-rtmp-v2.md, "Enhancing NetConnection connect
 * Command"): the client lists the codecs and capabilities it supports in the connect command
 * object, and the server states its own in the {@code _result} properties object.
 */
public final class EnhancedRtmp {
    /** Connect property: strict array of FourCC strings. */
    public static final String FOUR_CC_LIST = "fourCcList";
    /** Connect property: object mapping a video FourCC to {@code FOUR_CC_CAN_*} flags. */
    public static final String VIDEO_FOUR_CC_INFO_MAP = "videoFourCcInfoMap";
    /** Connect property: object mapping an audio FourCC to {@code FOUR_CC_CAN_*} flags. */
    public static final String AUDIO_FOUR_CC_INFO_MAP = "audioFourCcInfoMap";
    /** Connect property: number holding {@code CAPS_EX_*} flags. */
    public static final String CAPS_EX = "capsEx";

    /** capsEx flag: understands NetConnection.Connect.ReconnectRequest. */
    public static final int CAPS_EX_RECONNECT = 0x01;
    /** capsEx flag: understands multitrack audio and video. */
    public static final int CAPS_EX_MULTITRACK = 0x02;
    /** capsEx flag: can parse the ModEx signal (packet type 7). */
    public static final int CAPS_EX_MOD_EX = 0x04;
    /** capsEx flag: supports the ModEx TimestampOffsetNano. */
    public static final int CAPS_EX_TIMESTAMP_NANO_OFFSET = 0x08;
    /** The FourCC wildcard: any codec (a key of a FourCC info map or an entry of fourCcList). */
    public static final String FOUR_CC_WILDCARD = "*";
    /** FourCcInfoMask: can decode the codec. */
    public static final int FOUR_CC_CAN_DECODE = 0x01;
    /** FourCcInfoMask: can encode the codec. */
    public static final int FOUR_CC_CAN_ENCODE = 0x02;
    /** FourCcInfoMask: can forward the codec. */
    public static final int FOUR_CC_CAN_FORWARD = 0x04;

    /**
     * Video FourCCs rtmpflow names in its answer. It forwards any FourCC (tag bodies pass through
     * unchanged), which the wildcard states; these are named too for clients that look a codec
     * up by its own key.
     */
    public static final List<String> SUPPORTED_VIDEO_FOUR_CCS = List.of("avc1", "hvc1", "av01", "vp09", "vp08", "vvc1");
    /** Audio FourCCs rtmpflow names in its answer (it forwards any, see the video list). */
    public static final List<String> SUPPORTED_AUDIO_FOUR_CCS = List.of("Opus", "fLaC", "ac-3", "ec-3", "mp4a", ".mp3");
    /**
     * capsEx rtmpflow states: reconnect (it sends ReconnectRequest when it drains), multitrack
     * (tracks pass through, subscribers may select them), ModEx and TimestampNanoOffset (parsed
     * by the tag views, passed through unchanged).
     */
    public static final int SUPPORTED_CAPS_EX =
            CAPS_EX_RECONNECT | CAPS_EX_MULTITRACK | CAPS_EX_MOD_EX | CAPS_EX_TIMESTAMP_NANO_OFFSET;

    private EnhancedRtmp() {
    }

    /** Returns whether the connect command object carries any Enhanced RTMP property. */
    public static boolean isEnhanced(AmfObject connectCommandObject) {
        Map<String, AmfValue> p = connectCommandObject.properties();
        return p.containsKey(FOUR_CC_LIST) || p.containsKey(VIDEO_FOUR_CC_INFO_MAP)
                || p.containsKey(AUDIO_FOUR_CC_INFO_MAP) || p.containsKey(CAPS_EX);
    }

    /**
     * Adds what rtmpflow supports to the {@code _result} properties being built, as
     * enhanced-rtmp-v2 asks a server to state it: {@code fourCcList} (the named FourCCs and
     * {@code "*"}), {@code videoFourCcInfoMap} and {@code audioFourCcInfoMap} ({@code "*"} and every
     * named FourCC: {@link #FOUR_CC_CAN_FORWARD} only, since a server neither decodes nor encodes)
     * and {@link #SUPPORTED_CAPS_EX}.
     */
    public static void putServerCapabilities(AmfObject.Builder properties) {
        List<AmfValue> all = new ArrayList<>();
        Map<String, AmfValue> video = new LinkedHashMap<>();
        Map<String, AmfValue> audio = new LinkedHashMap<>();
        // SPEC: a '*' key is a catch-all for any codec; forwarders may list '*'.
        video.put(FOUR_CC_WILDCARD, new AmfNumber(FOUR_CC_CAN_FORWARD));
        audio.put(FOUR_CC_WILDCARD, new AmfNumber(FOUR_CC_CAN_FORWARD));
        for (String f : SUPPORTED_VIDEO_FOUR_CCS) {
            all.add(new AmfString(f));
            video.put(f, new AmfNumber(FOUR_CC_CAN_FORWARD));
        }
        for (String f : SUPPORTED_AUDIO_FOUR_CCS) {
            all.add(new AmfString(f));
            audio.put(f, new AmfNumber(FOUR_CC_CAN_FORWARD));
        }
        all.add(new AmfString(FOUR_CC_WILDCARD));
        properties.put(FOUR_CC_LIST, new AmfStrictArray(all));
        properties.put(VIDEO_FOUR_CC_INFO_MAP, new AmfObject(video));
        properties.put(AUDIO_FOUR_CC_INFO_MAP, new AmfObject(audio));
        properties.put(CAPS_EX, SUPPORTED_CAPS_EX);
    }

    /** Reads {@code fourCcList}: its string entries (others skipped); empty when absent. */
    static List<String> fourCcList(AmfObject commandObject) {
        if (!(commandObject.get(FOUR_CC_LIST) instanceof AmfStrictArray array)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (AmfValue v : array.items()) {
            if (v.asString() != null) {
                out.add(v.asString());
            }
        }
        return List.copyOf(out);
    }

    /** Reads a FourCC info map (object or ECMA array of numbers; others skipped); empty when absent. */
    static Map<String, Integer> fourCcInfoMap(AmfObject commandObject, String property) {
        AmfValue v = commandObject.get(property);
        Map<String, AmfValue> entries;
        if (v instanceof AmfObject o) {
            entries = o.properties();
        } else if (v instanceof AmfEcmaArray a) {
            // LENIENT: the spec asks readers to accept an ECMA array where an object is meant.
            entries = a.entries();
        } else {
            return Map.of();
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        entries.forEach((k, n) -> {
            if (!Double.isNaN(n.asNumber())) {
                out.put(k, (int) n.asNumber());
            }
        });
        return Collections.unmodifiableMap(out);
    }

    /** Reads capsEx; 0 when absent or not a number. */
    static int capsEx(AmfObject commandObject) {
        double v = commandObject.getNumber(CAPS_EX);
        return Double.isNaN(v) ? 0 : (int) v;
    }
}
