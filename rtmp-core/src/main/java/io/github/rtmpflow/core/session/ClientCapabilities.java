package io.github.rtmpflow.core.session;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a client announced in its {@code connect} command object per Enhanced RTMP
 * (enhanced-rtmp-v2, "Enhancing NetConnection connect Command"), with the spec's reading rules:
 * a {@code "*"} key in a FourCC info map is a catch-all that overrides the per-codec entries; a
 * FourCC named only in the older {@code fourCcList} (or a {@code "*"} entry there) is taken as
 * fully supported (decode, encode, forward), since that list carries no flags.
 *
 * @param fourCcList the {@code fourCcList} strings; empty when absent
 * @param videoFourCcInfoMap {@code videoFourCcInfoMap}: FourCC to {@code FourCcInfoMask} flags
 * @param audioFourCcInfoMap {@code audioFourCcInfoMap}: FourCC to {@code FourCcInfoMask} flags
 * @param capsEx the {@code capsEx} flags ({@link EnhancedRtmp#CAPS_EX_RECONNECT} ...); 0 when absent
 */
public record ClientCapabilities(List<String> fourCcList, Map<String, Integer> videoFourCcInfoMap,
        Map<String, Integer> audioFourCcInfoMap, int capsEx) {

    /** What a legacy client (no Enhanced RTMP property) announces: nothing. */
    public static final ClientCapabilities NONE = new ClientCapabilities(List.of(), Map.of(), Map.of(), 0);

    private static final int ALL_FLAGS = EnhancedRtmp.FOUR_CC_CAN_DECODE | EnhancedRtmp.FOUR_CC_CAN_ENCODE
            | EnhancedRtmp.FOUR_CC_CAN_FORWARD;

    /** Copies the collections. */
    public ClientCapabilities {
        fourCcList = List.copyOf(Objects.requireNonNull(fourCcList, "fourCcList"));
        videoFourCcInfoMap = Map.copyOf(Objects.requireNonNull(videoFourCcInfoMap, "videoFourCcInfoMap"));
        audioFourCcInfoMap = Map.copyOf(Objects.requireNonNull(audioFourCcInfoMap, "audioFourCcInfoMap"));
    }

    /** Returns whether the client announced any Enhanced RTMP property. */
    public boolean enhanced() {
        return !fourCcList.isEmpty() || !videoFourCcInfoMap.isEmpty() || !audioFourCcInfoMap.isEmpty() || capsEx != 0;
    }

    /** Returns whether the client handles NetConnection.Connect.ReconnectRequest (capsEx Reconnect). */
    public boolean supportsReconnect() {
        return (capsEx & EnhancedRtmp.CAPS_EX_RECONNECT) != 0;
    }

    /** Returns whether the client handles multitrack audio and video (capsEx Multitrack). */
    public boolean supportsMultitrack() {
        return (capsEx & EnhancedRtmp.CAPS_EX_MULTITRACK) != 0;
    }

    /** Returns whether the client parses the ModEx signal (capsEx ModEx). */
    public boolean supportsModEx() {
        return (capsEx & EnhancedRtmp.CAPS_EX_MOD_EX) != 0;
    }

    /** Returns whether the client handles the ModEx TimestampOffsetNano (capsEx TimestampNanoOffset). */
    public boolean supportsTimestampNanoOffset() {
        return (capsEx & EnhancedRtmp.CAPS_EX_TIMESTAMP_NANO_OFFSET) != 0;
    }

    /** Returns the {@code FourCcInfoMask} flags the client states for a video FourCC (0: none). */
    public int videoFlags(String fourCc) {
        return flags(videoFourCcInfoMap, fourCc);
    }

    /** Returns the {@code FourCcInfoMask} flags the client states for an audio FourCC (0: none). */
    public int audioFlags(String fourCc) {
        return flags(audioFourCcInfoMap, fourCc);
    }

    /** Returns whether the client can decode (play) a video FourCC. */
    public boolean canDecodeVideo(String fourCc) {
        return (videoFlags(fourCc) & EnhancedRtmp.FOUR_CC_CAN_DECODE) != 0;
    }

    /** Returns whether the client can forward a video FourCC. */
    public boolean canForwardVideo(String fourCc) {
        return (videoFlags(fourCc) & EnhancedRtmp.FOUR_CC_CAN_FORWARD) != 0;
    }

    /** Returns whether the client can decode (play) an audio FourCC. */
    public boolean canDecodeAudio(String fourCc) {
        return (audioFlags(fourCc) & EnhancedRtmp.FOUR_CC_CAN_DECODE) != 0;
    }

    private int flags(Map<String, Integer> map, String fourCc) {
        Objects.requireNonNull(fourCc, "fourCc");
        // SPEC: when the '*' key exists it overrides the flags of specific codecs.
        Integer wildcard = map.get(EnhancedRtmp.FOUR_CC_WILDCARD);
        if (wildcard != null) {
            return wildcard;
        }
        Integer own = map.get(fourCc);
        if (own != null) {
            return own;
        }
        return fourCcList.contains(fourCc) || fourCcList.contains(EnhancedRtmp.FOUR_CC_WILDCARD) ? ALL_FLAGS : 0;
    }
}
