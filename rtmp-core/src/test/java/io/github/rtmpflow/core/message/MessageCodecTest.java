package io.github.rtmpflow.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.rtmpflow.core.ProtocolError;
import io.github.rtmpflow.core.ProtocolException;
import io.github.rtmpflow.core.RtmpLimits;
import io.github.rtmpflow.core.amf.AmfBoolean;
import io.github.rtmpflow.core.amf.AmfNull;
import io.github.rtmpflow.core.amf.AmfNumber;
import io.github.rtmpflow.core.amf.AmfObject;
import io.github.rtmpflow.core.amf.AmfString;
import io.github.rtmpflow.core.amf.AmfValue;
import io.github.rtmpflow.core.chunk.RawMessage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class MessageCodecTest {

    private static final HexFormat HEX = HexFormat.of();

    private static RtmpMessage decode(int typeId, String hex) throws ProtocolException {
        return MessageCodec.decode(RawMessage.of(2, 0, typeId, 0, HEX.parseHex(hex.replace(" ", ""))),
                RtmpLimits.DEFAULTS);
    }

    private static ProtocolError.Code errorCode(int typeId, String hex) {
        try {
            decode(typeId, hex);
        } catch (ProtocolException e) {
            return e.error().code();
        }
        throw new AssertionError("decoded without error: typeId=" + typeId + " hex=" + hex);
    }

    @ParameterizedTest(name = "type {0} payload [{1}]")
    @CsvSource({
        "1, ''", "1, 000010", "1, 0000100000",
        "2, 000005", "3, 1234567800", "5, ''", "5, 002625a0ff",
        "6, 002625a0", "6, 002625a00200",
        "4, ''", "4, 00",
        "4, 0000 000001", "4, 0003 00000001 00000b", "4, 0006 010203", "4, 0007"
    })
    void shouldRejectControlMessageOfWrongSize(int typeId, String hex) {
        assertThat(errorCode(typeId, hex)).isEqualTo(ProtocolError.Code.BAD_MESSAGE);
    }

    @ParameterizedTest(name = "chunk size {0}")
    @CsvSource({"00000000", "80000000", "ffffffff"})
    void shouldRejectSetChunkSizeOfZeroOrWithBit31(String hex) {
        assertThat(errorCode(1, hex)).isEqualTo(ProtocolError.Code.BAD_CHUNK_SIZE);
    }

    @Test
    void shouldRejectUnknownPeerBandwidthLimitType() {
        assertThat(errorCode(6, "002625a003")).isEqualTo(ProtocolError.Code.BAD_MESSAGE);
    }

    @Test
    void shouldTolerateTrailingBytesAfterUserControlEventData() throws ProtocolException {
        assertThat(decode(4, "0000 00000001 ffff")).isEqualTo(new StreamBegin(1));
        assertThat(decode(4, "0006 01020304 00")).isEqualTo(new PingRequest(0x01020304L));
    }

    @Test
    void shouldRejectCommandWithoutName() {
        assertThat(errorCode(20, "")).isEqualTo(ProtocolError.Code.BAD_MESSAGE);
        assertThat(errorCode(20, "00 3ff0000000000000")).isEqualTo(ProtocolError.Code.BAD_MESSAGE);
        assertThat(errorCode(17, "")).isEqualTo(ProtocolError.Code.BAD_MESSAGE);
    }

    @Test
    void shouldRejectCommandWhoseTransactionIdIsNotANumber() {
        assertThat(errorCode(20, "020001 61 020001 62")).isEqualTo(ProtocolError.Code.BAD_MESSAGE);
    }

    @Test
    void shouldReportMalformedAmfAsBadAmf() {
        assertThat(errorCode(20, "020007 636f6e6e656374 00 3ff0")).isEqualTo(ProtocolError.Code.BAD_AMF);
        assertThat(errorCode(18, "02ffff 61")).isEqualTo(ProtocolError.Code.BAD_AMF);
    }

    @Test
    void shouldReadCommandWithOnlyANameAsTransactionZeroWithNullObject() throws ProtocolException {
        assertThat(decode(20, "020004 70696e67"))
                .isEqualTo(new CommandMessage("ping", 0, AmfNull.INSTANCE, List.of(), false));
    }

    @Test
    void shouldViewMediaPayloadWithoutCopying() throws ProtocolException {
        byte[] array = HEX.parseHex("af0121");
        RawMessage raw = RawMessage.of(4, 0, 8, 1, array);

        AudioMessage audio = (AudioMessage) MessageCodec.decode(raw, RtmpLimits.DEFAULTS);
        array[2] = 0x42; // only a test may touch a payload after handing it over: it proves the view

        assertThat(audio.payload().isReadOnly()).isTrue();
        assertThat(audio.payload().get(2)).isEqualTo((byte) 0x42);
        assertThat(MessageCodec.encode(audio, 4, 0, 1).payload().get(2)).isEqualTo((byte) 0x42);
    }

    @Test
    void shouldKeepDataBodyAsViewOfPayloadAfterTheFormatByte() throws ProtocolException {
        byte[] array = HEX.parseHex("00 020004 74657374 0101".replace(" ", ""));
        RawMessage raw = RawMessage.of(4, 0, 15, 1, array);

        DataMessage data = (DataMessage) MessageCodec.decode(raw, RtmpLimits.DEFAULTS);
        array[4] = 0x54; // 'T', inside the string: only a test may do this, it proves the view

        assertThat(data.amf3()).isTrue();
        assertThat(data.values()).containsExactly(new AmfString("test"), AmfBoolean.TRUE);
        assertThat(data.body().remaining()).isEqualTo(array.length - 1);
        assertThat(data.body().get(3)).isEqualTo((byte) 0x54);
        assertThat(HEX.formatHex(MessageCodec.encode(data, 4, 0, 1).payloadBytes()))
                .isEqualTo(HEX.formatHex(array));
    }

    @Test
    void shouldDropSetDataFrameAsSliceOfTheOriginalBytes() throws ProtocolException {
        String metaData = "02000a6f6e4d65746144617461 03 0005 7769647468 00 4084000000000000 000009";
        DataMessage data = (DataMessage) decode(18, "02000d40736574446174614672616d65" + metaData);

        DataMessage script = data.withoutSetDataFrame();

        assertThat(data.isSetDataFrame()).isTrue();
        assertThat(script.handlerName()).isEqualTo("onMetaData");
        assertThat(script.values()).hasSize(2);
        assertThat(((AmfObject) script.values().get(1)).getNumber("width")).isEqualTo(640);
        byte[] body = new byte[script.body().remaining()];
        script.body().duplicate().get(body);
        assertThat(HEX.formatHex(body)).isEqualTo(metaData.replace(" ", ""));
        assertThat(script.withoutSetDataFrame()).isSameAs(script);
    }

    @Test
    void shouldReencodeWhenAHandBuiltBodyDoesNotHoldThePrefix() {
        DataMessage handBuilt = new DataMessage(List.of(new AmfString("@setDataFrame"), new AmfString("onMetaData")),
                false, ByteBuffer.allocate(0));

        DataMessage script = handBuilt.withoutSetDataFrame();

        assertThat(script).isEqualTo(DataMessage.of(new AmfString("onMetaData")));
    }

    static LongStream seeds() {
        return LongStream.of(1, 2, 3, 42, 1_000_003, 20_240_601);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void shouldDecodeWhatItEncodes(long seed) throws ProtocolException {
        Random random = new Random(seed);
        for (int i = 0; i < 300; i++) {
            RtmpMessage m = randomMessage(random);
            RawMessage raw = MessageCodec.encode(m, 2 + random.nextInt(100), random.nextInt(1 << 20), random.nextInt(5));

            RtmpMessage back = MessageCodec.decode(raw, RtmpLimits.DEFAULTS);

            assertThat(back).as("seed=%d i=%d", seed, i).isEqualTo(m);
            assertThat(MessageCodec.encodePayload(back)).isEqualTo(raw.payload());
        }
    }

    private static RtmpMessage randomMessage(Random r) {
        long u32 = r.nextLong() & 0xFFFF_FFFFL;
        switch (r.nextInt(16)) {
            case 0: return new SetChunkSize(1 + r.nextInt(Integer.MAX_VALUE));
            case 1: return new Abort(r.nextInt());
            case 2: return new Acknowledgement(u32);
            case 3: return new WindowAcknowledgementSize(u32);
            case 4: return new SetPeerBandwidth(u32, SetPeerBandwidth.LimitType.values()[r.nextInt(3)]);
            case 5: return new StreamBegin(r.nextInt());
            case 6: return new StreamEof(r.nextInt());
            case 7: return new StreamDry(r.nextInt());
            case 8: return new SetBufferLength(r.nextInt(), u32);
            case 9: return new StreamIsRecorded(r.nextInt());
            case 10: return r.nextBoolean() ? new PingRequest(u32) : new PingResponse(u32);
            case 11: return new UnknownUserControl(8 + r.nextInt(0xFFF0), ByteBuffer.wrap(randomBytes(r)));
            case 12: return new CommandMessage("cmd" + r.nextInt(100), r.nextInt(50),
                    r.nextBoolean() ? AmfNull.INSTANCE : randomObject(r, 2), randomValues(r), r.nextBoolean());
            case 13: {
                AmfValue[] values = randomValues(r).toArray(new AmfValue[0]);
                DataMessage d = DataMessage.of(values);
                return r.nextBoolean() ? d : new DataMessage(d.values(), true, d.body());
            }
            case 14: return r.nextBoolean() ? new AudioMessage(ByteBuffer.wrap(randomBytes(r)))
                    : new VideoMessage(ByteBuffer.wrap(randomBytes(r)));
            default: return new UnknownMessage(23 + r.nextInt(200), ByteBuffer.wrap(randomBytes(r)));
        }
    }

    private static byte[] randomBytes(Random r) {
        byte[] b = new byte[r.nextInt(40)];
        r.nextBytes(b);
        return b;
    }

    private static List<AmfValue> randomValues(Random r) {
        List<AmfValue> values = new ArrayList<>();
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
            values.add(randomValue(r, 2));
        }
        return values;
    }

    private static AmfValue randomValue(Random r, int depth) {
        switch (r.nextInt(depth > 0 ? 5 : 4)) {
            case 0: return new AmfNumber(r.nextDouble() * 1e6);
            case 1: return new AmfString("s" + r.nextInt());
            case 2: return r.nextBoolean() ? AmfBoolean.TRUE : AmfBoolean.FALSE;
            case 3: return AmfNull.INSTANCE;
            default: return randomObject(r, depth - 1);
        }
    }

    private static AmfObject randomObject(Random r, int depth) {
        AmfObject.Builder b = AmfObject.builder();
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
            b.put("k" + i, randomValue(r, depth));
        }
        return b.build();
    }
}
