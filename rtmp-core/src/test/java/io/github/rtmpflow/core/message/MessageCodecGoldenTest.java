package io.github.rtmpflow.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.core.ProtocolException;
import io.github.rtmpflow.core.RtmpLimits;
import io.github.rtmpflow.core.amf.AmfEcmaArray;
import io.github.rtmpflow.core.amf.AmfNull;
import io.github.rtmpflow.core.amf.AmfNumber;
import io.github.rtmpflow.core.amf.AmfObject;
import io.github.rtmpflow.core.amf.AmfString;
import io.github.rtmpflow.core.amf.AmfValue;
import io.github.rtmpflow.core.chunk.RawMessage;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One table of handwritten payloads (RTMP 1.0 sections 5.4, 6.2, 7.1 and AMF0) drives both
 * directions: decoding the bytes gives the record, encoding the record gives the bytes.
 */
class MessageCodecGoldenTest {

    private static final HexFormat HEX = HexFormat.of();

    static Stream<Arguments> vectors() {
        return Stream.of(
                vector("Set Chunk Size 4096", 1, "00001000", new SetChunkSize(4096)),
                vector("Set Chunk Size max", 1, "7fffffff", new SetChunkSize(0x7FFFFFFF)),
                vector("Abort chunk stream 5", 2, "00000005", new Abort(5)),
                vector("Acknowledgement", 3, "12345678", new Acknowledgement(0x12345678L)),
                vector("Acknowledgement u32 max", 3, "ffffffff", new Acknowledgement(0xFFFFFFFFL)),
                vector("Window Ack Size 2500000", 5, "002625a0", new WindowAcknowledgementSize(2_500_000)),
                vector("Set Peer Bandwidth hard", 6, "004c4b4000",
                        new SetPeerBandwidth(5_000_000, SetPeerBandwidth.LimitType.HARD)),
                vector("Set Peer Bandwidth soft", 6, "004c4b4001",
                        new SetPeerBandwidth(5_000_000, SetPeerBandwidth.LimitType.SOFT)),
                vector("Set Peer Bandwidth dynamic", 6, "002625a002",
                        new SetPeerBandwidth(2_500_000, SetPeerBandwidth.LimitType.DYNAMIC)),
                vector("StreamBegin 1", 4, "0000 00000001", new StreamBegin(1)),
                vector("StreamEOF 1", 4, "0001 00000001", new StreamEof(1)),
                vector("StreamDry 7", 4, "0002 00000007", new StreamDry(7)),
                vector("SetBufferLength 1 3000 ms", 4, "0003 00000001 00000bb8", new SetBufferLength(1, 3000)),
                vector("StreamIsRecorded 2", 4, "0004 00000002", new StreamIsRecorded(2)),
                vector("PingRequest", 4, "0006 01020304", new PingRequest(0x01020304L)),
                vector("PingResponse u32", 4, "0007 fffffffe", new PingResponse(0xFFFFFFFEL)),
                vector("unknown User Control 0x1a", 4, "001a 01",
                        new UnknownUserControl(0x1a, ByteBuffer.wrap(new byte[] {1}))),
                vector("createStream(4, null)", 20,
                        "02000c63726561746553747265616d 00 4010000000000000 05",
                        CommandMessage.of("createStream", 4, AmfNull.INSTANCE)),
                vector("_result(4, null, 1)", 20,
                        "0200075f726573756c74 00 4010000000000000 05 00 3ff0000000000000",
                        CommandMessage.of("_result", 4, AmfNull.INSTANCE, new AmfNumber(1))),
                vector("AMF3 flavour of createStream (type 17, format byte 0)", 17,
                        "00 02000c63726561746553747265616d 00 4010000000000000 05",
                        new CommandMessage("createStream", 4, AmfNull.INSTANCE, List.of(), true)),
                vector("connect(1, {app: live})", 20,
                        "020007636f6e6e656374 00 3ff0000000000000 03 0003 617070 020004 6c697665 000009",
                        CommandMessage.of("connect", 1, AmfObject.builder().put("app", "live").build())),
                vector("@setDataFrame(onMetaData, [duration: 0])", 18,
                        "02000d40736574446174614672616d65 02000a6f6e4d65746144617461"
                                + " 08 00000001 0008 6475726174696f6e 00 0000000000000000 000009",
                        DataMessage.of(new AmfString("@setDataFrame"), new AmfString("onMetaData"),
                                new AmfEcmaArray(Map.<String, AmfValue>of("duration", new AmfNumber(0))))),
                vector("audio", 8, "af0121", new AudioMessage(bytes("af0121"))),
                vector("video", 9, "1701000000", new VideoMessage(bytes("1701000000"))),
                vector("aggregate", 22, "", new AggregateMessage(bytes(""))),
                vector("shared object (unknown)", 19, "0102", new UnknownMessage(19, bytes("0102"))));
    }

    private static Arguments vector(String name, int typeId, String hex, RtmpMessage message) {
        return Arguments.of(name, typeId, hex.replace(" ", ""), message);
    }

    private static ByteBuffer bytes(String hex) {
        return ByteBuffer.wrap(HEX.parseHex(hex));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void shouldDecodeGoldenPayload(String name, int typeId, String hex, RtmpMessage expected) throws ProtocolException {
        RawMessage raw = RawMessage.of(3, 0, typeId, 0, HEX.parseHex(hex));

        RtmpMessage decoded = MessageCodec.decode(raw, RtmpLimits.DEFAULTS);

        assertThat(decoded).isEqualTo(expected);
        assertThat(decoded.typeId()).isEqualTo(typeId);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void shouldEncodeGoldenPayload(String name, int typeId, String hex, RtmpMessage message) {
        RawMessage raw = MessageCodec.encode(message, 3, 1234, 1);

        assertThat(HEX.formatHex(raw.payloadBytes())).isEqualTo(hex);
        assertThat(raw.typeId()).isEqualTo(typeId);
        assertThat(raw.chunkStreamId()).isEqualTo(3);
        assertThat(raw.timestamp()).isEqualTo(1234);
        assertThat(raw.messageStreamId()).isEqualTo(1);
    }
}
