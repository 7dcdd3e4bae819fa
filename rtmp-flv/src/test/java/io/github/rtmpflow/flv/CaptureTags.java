package io.github.rtmpflow.flv;

import io.github.rtmpflow.core.RtmpLimits;
import io.github.rtmpflow.core.chunk.ChunkDecoder;
import io.github.rtmpflow.core.chunk.RawMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Tags of a captured publish session: the client's bytes after the handshake, through the
 * core's chunk decoder; audio, video and data messages become tags (data without
 * {@code @setDataFrame}).
 */
final class CaptureTags {
    static final String FFMPEG_H264 = "ffmpeg_publish_c2s.bin";
    static final String OBS_H264 = "obs29_publish_c2s.bin";
    static final String FFMPEG71_HEVC = "ffmpeg71_hevc_publish_c2s.bin";
    static final String FFMPEG71_AV1 = "ffmpeg71_av1_publish_c2s.bin";

    private static final int HANDSHAKE_LENGTH = 1 + 1536 + 1536;
    private static final int TYPE_AUDIO = 8;
    private static final int TYPE_VIDEO = 9;
    private static final int TYPE_DATA_AMF0 = 18;

    private CaptureTags() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = CaptureTags.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture: " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<FlvTag> tags(String name) {
        byte[] capture = bytes(name);
        List<FlvTag> tags = new ArrayList<>();
        ChunkDecoder decoder = new ChunkDecoder(RtmpLimits.DEFAULTS, message -> {
            add(tags, message);
            return true;
        });
        decoder.feed(ByteBuffer.wrap(capture, HANDSHAKE_LENGTH, capture.length - HANDSHAKE_LENGTH));
        if (decoder.failed()) {
            throw new IllegalStateException("capture does not decode: " + decoder.error());
        }
        return tags;
    }

    private static void add(List<FlvTag> tags, RawMessage message) {
        switch (message.typeId()) {
            case TYPE_AUDIO:
                tags.add(FlvTag.of(TagType.AUDIO, message.timestamp(), message.payload()));
                break;
            case TYPE_VIDEO:
                tags.add(FlvTag.of(TagType.VIDEO, message.timestamp(), message.payload()));
                break;
            case TYPE_DATA_AMF0:
                tags.add(FlvTag.of(TagType.SCRIPT, message.timestamp(),
                        ScriptData.toFlvScriptBody(message.payload())));
                break;
            default:
                break;
        }
    }
}
