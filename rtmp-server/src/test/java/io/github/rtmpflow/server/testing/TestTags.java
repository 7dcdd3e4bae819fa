package io.github.rtmpflow.server.testing;

import io.github.rtmpflow.core.amf.Amf0Writer;
import io.github.rtmpflow.core.amf.AmfEcmaArray;
import io.github.rtmpflow.core.amf.AmfNumber;
import io.github.rtmpflow.core.amf.AmfString;
import io.github.rtmpflow.core.amf.AmfValue;
import io.github.rtmpflow.flv.FlvTag;
import io.github.rtmpflow.flv.TagType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Deterministic synthetic streams: metadata, AVC/AAC sequence headers, keyframes every 30 frames. */
public final class TestTags {

    private TestTags() {
    }

    /**
     * Returns onMetaData, the two sequence headers, then {@code videoFrames} video frames at 30 fps
     * (a keyframe every 30) interleaved with AAC frames every ~21 ms; bodies random with sizes
     * up to {@code maxFrameBytes}, some larger than any chunk size.
     */
    public static List<FlvTag> stream(long seed, int videoFrames, int maxFrameBytes) {
        Random random = new Random(seed);
        List<FlvTag> tags = new ArrayList<>();
        tags.add(metadata(640, 360));
        tags.add(FlvTag.of(TagType.VIDEO, 0, ByteBuffer.wrap(avcSequenceHeader())));
        tags.add(FlvTag.of(TagType.AUDIO, 0, ByteBuffer.wrap(new byte[] {(byte) 0xAF, 0x00, 0x11, (byte) 0x90})));
        long audioTime = 0;
        for (int i = 0; i < videoFrames; i++) {
            long videoTime = i * 1000L / 30;
            while (audioTime <= videoTime) {
                tags.add(FlvTag.of(TagType.AUDIO, audioTime, ByteBuffer.wrap(audioFrame(random))));
                audioTime += 21;
            }
            boolean key = i % 30 == 0;
            tags.add(FlvTag.of(TagType.VIDEO, videoTime, ByteBuffer.wrap(videoFrame(random, key, maxFrameBytes))));
        }
        return tags;
    }

    /** Returns an onMetaData script tag (FLV form, without @setDataFrame). */
    public static FlvTag metadata(int width, int height) {
        Map<String, AmfValue> entries = new LinkedHashMap<>();
        entries.put("width", new AmfNumber(width));
        entries.put("height", new AmfNumber(height));
        entries.put("framerate", new AmfNumber(30));
        entries.put("videocodecid", new AmfNumber(7));
        entries.put("audiocodecid", new AmfNumber(10));
        byte[] body = Amf0Writer.encode(new AmfString("onMetaData"), new AmfEcmaArray(entries));
        return FlvTag.of(TagType.SCRIPT, 0, ByteBuffer.wrap(body));
    }

    private static byte[] avcSequenceHeader() {
        // Frame type 1 + codec 7, packet type 0, composition time 0, then a minimal record.
        return new byte[] {0x17, 0x00, 0x00, 0x00, 0x00, 0x01, 0x64, 0x00, 0x1F, (byte) 0xFF, (byte) 0xE0, 0x00};
    }

    private static byte[] audioFrame(Random random) {
        byte[] body = new byte[2 + 100 + random.nextInt(300)];
        random.nextBytes(body);
        body[0] = (byte) 0xAF;
        body[1] = 0x01;
        return body;
    }

    private static byte[] videoFrame(Random random, boolean key, int maxFrameBytes) {
        int size = key ? maxFrameBytes / 2 + random.nextInt(maxFrameBytes / 2) : 5 + random.nextInt(maxFrameBytes / 4);
        byte[] body = new byte[size];
        random.nextBytes(body);
        body[0] = key ? (byte) 0x17 : (byte) 0x27;
        body[1] = 0x01;
        return body;
    }
}
