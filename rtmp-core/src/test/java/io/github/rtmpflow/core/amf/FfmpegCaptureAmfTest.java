package io.github.rtmpflow.core.amf;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.core.ProtocolException;
import io.github.rtmpflow.core.RtmpLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * AMF0 bodies of real FFmpeg 5.1 messages, cut by hand out of {@code fixtures/ffmpeg_publish_c2s.bin}
 * (see the shared fixtures README): decoded field by field, and re-encoded byte for byte, since
 * FFmpeg writes canonical AMF0.
 */
class FfmpegCaptureAmfTest {
    /** C0 + C1 + C2. */
    private static final int HANDSHAKE_LENGTH = 1 + 1536 + 1536;
    /** The connect command's first chunk: fmt 0 on chunk stream 3, 140 bytes, type 20. */
    private static final String CONNECT_HEADER = "03 000000 00008c 14 00000000";
    /** publish: fmt 0 on chunk stream 8, 38 bytes, type 20, message stream 1 (after Set Chunk Size 4096). */
    private static final int PUBLISH_OFFSET = 3361;
    private static final String PUBLISH_HEADER = "08 000000 000026 14 01000000";
    /** @setDataFrame: fmt 0 on chunk stream 4, 309 bytes, type 18, message stream 1. */
    private static final int METADATA_OFFSET = 3411;
    private static final String METADATA_HEADER = "04 000000 000135 12 01000000";
    private static final int FFMPEG_CHUNK_SIZE_AT_CONNECT = 128;

    private static byte[] capture;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = FfmpegCaptureAmfTest.class.getResourceAsStream("/fixtures/ffmpeg_publish_c2s.bin")) {
            assertThat(in).as("fixture on the test class path").isNotNull();
            capture = in.readAllBytes();
        }
    }

    /** Reassembles a message of 128-byte chunks whose continuation chunks carry a one-byte fmt-3 header. */
    static byte[] connectPayload() {
        byte[] header = HexFormat.of().parseHex(CONNECT_HEADER.replace(" ", ""));
        assertThat(Arrays.copyOfRange(capture, HANDSHAKE_LENGTH, HANDSHAKE_LENGTH + 12)).isEqualTo(header);
        int length = ((header[4] & 0xFF) << 16) | ((header[5] & 0xFF) << 8) | (header[6] & 0xFF);
        byte[] payload = new byte[length];
        int at = HANDSHAKE_LENGTH + 12;
        int copied = 0;
        while (copied < length) {
            if (copied > 0) {
                assertThat(capture[at++]).as("fmt 3, chunk stream 3").isEqualTo((byte) 0xC3);
            }
            int n = Math.min(FFMPEG_CHUNK_SIZE_AT_CONNECT, length - copied);
            System.arraycopy(capture, at, payload, copied, n);
            at += n;
            copied += n;
        }
        return payload;
    }

    private static byte[] singleChunkPayload(int offset, String headerHex) {
        byte[] header = HexFormat.of().parseHex(headerHex.replace(" ", ""));
        assertThat(Arrays.copyOfRange(capture, offset, offset + 12)).isEqualTo(header);
        int length = ((header[4] & 0xFF) << 16) | ((header[5] & 0xFF) << 8) | (header[6] & 0xFF);
        return Arrays.copyOfRange(capture, offset + 12, offset + 12 + length);
    }

    private static ByteBuffer buffer(byte[] bytes, boolean direct) {
        return direct ? ByteBuffer.allocateDirect(bytes.length).put(bytes).flip() : ByteBuffer.wrap(bytes);
    }

    @ParameterizedTest(name = "direct={0}")
    @ValueSource(booleans = {false, true})
    void shouldDecodeFfmpegConnectCommand(boolean direct) throws ProtocolException {
        List<AmfValue> values = new Amf0Reader(RtmpLimits.DEFAULTS).readAll(buffer(connectPayload(), direct));

        assertThat(values).containsExactly(
                new AmfString("connect"),
                new AmfNumber(1.0),
                AmfObject.builder()
                        .put("app", "live")
                        .put("type", "nonprivate")
                        .put("flashVer", "FMLE/3.0 (compatible; Lavf59.27.100)")
                        .put("tcUrl", "rtmp://127.0.0.1:19350/live")
                        .build());
        AmfObject command = (AmfObject) values.get(2);
        assertThat(command.properties().keySet()).containsExactly("app", "type", "flashVer", "tcUrl");
        assertThat(command.getString("app")).isEqualTo("live");
    }

    @ParameterizedTest(name = "direct={0}")
    @ValueSource(booleans = {false, true})
    void shouldDecodeFfmpegPublishCommand(boolean direct) throws ProtocolException {
        byte[] payload = singleChunkPayload(PUBLISH_OFFSET, PUBLISH_HEADER);

        List<AmfValue> values = new Amf0Reader(RtmpLimits.DEFAULTS).readAll(buffer(payload, direct));

        assertThat(values).containsExactly(new AmfString("publish"), new AmfNumber(5.0), AmfNull.INSTANCE,
                new AmfString("ffmpeg3s"), new AmfString("live"));
    }

    @ParameterizedTest(name = "direct={0}")
    @ValueSource(booleans = {false, true})
    void shouldDecodeFfmpegMetadata(boolean direct) throws ProtocolException {
        byte[] payload = singleChunkPayload(METADATA_OFFSET, METADATA_HEADER);

        List<AmfValue> values = new Amf0Reader(RtmpLimits.DEFAULTS).readAll(buffer(payload, direct));

        assertThat(values).hasSize(3);
        assertThat(values.get(0)).isEqualTo(new AmfString("@setDataFrame"));
        assertThat(values.get(1)).isEqualTo(new AmfString("onMetaData"));
        AmfEcmaArray metadata = (AmfEcmaArray) values.get(2);
        assertThat(metadata.entries().keySet()).containsExactly("duration", "width", "height", "videodatarate",
                "framerate", "videocodecid", "audiodatarate", "audiosamplerate", "audiosamplesize", "stereo",
                "audiocodecid", "encoder", "filesize");
        assertThat(metadata.entries().get("width")).isEqualTo(new AmfNumber(640));
        assertThat(metadata.entries().get("height")).isEqualTo(new AmfNumber(360));
        assertThat(metadata.entries().get("framerate")).isEqualTo(new AmfNumber(30));
        assertThat(metadata.entries().get("videocodecid")).isEqualTo(new AmfNumber(7));
        assertThat(metadata.entries().get("audiocodecid")).isEqualTo(new AmfNumber(10));
        assertThat(metadata.entries().get("audiosamplerate")).isEqualTo(new AmfNumber(48000));
        assertThat(metadata.entries().get("stereo")).isEqualTo(AmfBoolean.FALSE);
        assertThat(metadata.entries().get("encoder")).isEqualTo(new AmfString("Lavf59.27.100"));
    }

    @ParameterizedTest(name = "message={0}")
    @ValueSource(strings = {"connect", "publish", "metadata"})
    void shouldReencodeFfmpegMessagesByteForByte(String message) throws ProtocolException {
        byte[] payload = switch (message) {
            case "connect" -> connectPayload();
            case "publish" -> singleChunkPayload(PUBLISH_OFFSET, PUBLISH_HEADER);
            default -> singleChunkPayload(METADATA_OFFSET, METADATA_HEADER);
        };

        List<AmfValue> values = new Amf0Reader(RtmpLimits.DEFAULTS).readAll(ByteBuffer.wrap(payload));

        assertThat(Amf0Writer.encode(values)).isEqualTo(payload);
    }
}
