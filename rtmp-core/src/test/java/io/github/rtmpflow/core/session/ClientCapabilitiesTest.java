package io.github.rtmpflow.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.core.amf.AmfEcmaArray;
import io.github.rtmpflow.core.amf.AmfNumber;
import io.github.rtmpflow.core.amf.AmfObject;
import io.github.rtmpflow.core.amf.AmfStrictArray;
import io.github.rtmpflow.core.amf.AmfString;
import io.github.rtmpflow.core.amf.AmfValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The client's Enhanced RTMP capabilities read with enhanced-rtmp-v2's rules. */
class ClientCapabilitiesTest {

    private static ClientCapabilities read(AmfObject commandObject) {
        return ConnectRequest.from(commandObject, List.of()).capabilities();
    }

    @Test
    void shouldLetTheWildcardKeyOverrideTheFlagsOfSpecificCodecs() {
        ClientCapabilities caps = read(AmfObject.builder().put("app", "live")
                .put("videoFourCcInfoMap", AmfObject.builder().put("*", 4).put("vp09", 3).build())
                .build());

        assertThat(caps.videoFlags("vp09")).isEqualTo(4);
        assertThat(caps.videoFlags("hvc1")).isEqualTo(4);
        assertThat(caps.canForwardVideo("av01")).isTrue();
        assertThat(caps.canDecodeVideo("vp09")).isFalse();
        assertThat(caps.audioFlags("Opus")).as("audio map absent").isZero();
    }

    @Test
    void shouldReadAnEcmaArrayWhereAnObjectIsMeant() {
        Map<String, AmfValue> entries = new LinkedHashMap<>();
        entries.put("Opus", new AmfNumber(1));
        ClientCapabilities caps = read(AmfObject.builder().put("app", "live")
                .put("audioFourCcInfoMap", new AmfEcmaArray(entries)).build());

        assertThat(caps.canDecodeAudio("Opus")).isTrue();
        assertThat(caps.enhanced()).isTrue();
    }

    @Test
    void shouldTakeAFourCcOfTheOlderListAsFullySupported() {
        ClientCapabilities caps = read(AmfObject.builder().put("app", "live")
                .put("fourCcList", new AmfStrictArray(List.of(new AmfString("hvc1")))).build());

        assertThat(caps.videoFlags("hvc1")).isEqualTo(7);
        assertThat(caps.videoFlags("av01")).isZero();
    }

    @Test
    void shouldDecodeEveryCapsExFlag() {
        ClientCapabilities caps = read(AmfObject.builder().put("app", "live").put("capsEx", 15).build());

        assertThat(caps.supportsReconnect()).isTrue();
        assertThat(caps.supportsMultitrack()).isTrue();
        assertThat(caps.supportsModEx()).isTrue();
        assertThat(caps.supportsTimestampNanoOffset()).isTrue();
        assertThat(read(AmfObject.builder().put("app", "live").put("capsEx", 2).build()).supportsReconnect()).isFalse();
    }

    @Test
    void shouldAnnounceNothingForALegacyClient() {
        ClientCapabilities caps = read(AmfObject.builder().put("app", "live").put("flashVer", "FMLE/3.0").build());

        assertThat(caps).isEqualTo(ClientCapabilities.NONE);
        assertThat(caps.enhanced()).isFalse();
    }
}
