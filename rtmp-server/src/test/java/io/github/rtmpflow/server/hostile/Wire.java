package io.github.rtmpflow.server.hostile;

import io.github.rtmpflow.core.amf.AmfNumber;
import io.github.rtmpflow.core.amf.AmfObject;
import io.github.rtmpflow.core.amf.AmfString;
import io.github.rtmpflow.core.message.CommandMessage;
import io.github.rtmpflow.core.message.RtmpMessage;
import io.github.rtmpflow.core.session.Commands;
import io.github.rtmpflow.core.session.StatusCodes;
import io.github.rtmpflow.server.testing.CaptureReplay;
import io.github.rtmpflow.server.testing.RawPeer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** Hand-made bytes for hostile peers, and the well-formed command flow they start with. */
final class Wire {

    /** C0 + C1 + C2 of FFmpeg's capture: a complete client handshake. */
    static final byte[] HANDSHAKE = Arrays.copyOf(CaptureReplay.fixture("ffmpeg_publish_c2s.bin"), 3073);
    /** The AMF0 encoding of {@code "connect", 1.0}: the start of a connect command body. */
    static final byte[] CONNECT_PREFIX = concat(amf0String("connect"), amf0Number(1));

    private Wire() {
    }

    /** Sends connect(app) and waits for its {@code _result}. */
    static void connect(RawPeer peer, String app) throws IOException {
        AmfObject object = AmfObject.builder().put("app", app).put("type", "nonprivate")
                .put("tcUrl", "rtmp://127.0.0.1/" + app).build();
        peer.send(Commands.connect(1, object), 3, 0);
        peer.await("connect _result", m -> isCommand(m, "_result", 1));
    }

    /** Sends createStream(tid) and returns the stream id of its {@code _result}. */
    static int createStream(RawPeer peer, double transactionId) throws IOException {
        peer.send(Commands.createStream(transactionId), 3, 0);
        CommandMessage result = (CommandMessage) peer.await("createStream _result",
                m -> isCommand(m, "_result", transactionId));
        return (int) ((AmfNumber) result.arguments().get(0)).value();
    }

    /** Connects, creates a stream and publishes {@code name} on it; returns the stream id. */
    static int publish(RawPeer peer, String app, String name) throws IOException {
        connect(peer, app);
        int streamId = createStream(peer, 2);
        peer.send(Commands.publish(3, name, "live"), 8, streamId);
        peer.await("Publish.Start", m -> m instanceof CommandMessage c && c.name().equals("onStatus")
                && c.arguments().size() > 0 && c.arguments().get(0) instanceof AmfObject info
                && info.get("code") instanceof AmfString code && code.value().equals(StatusCodes.PUBLISH_START));
        return streamId;
    }

    static boolean isCommand(RtmpMessage m, String name, double transactionId) {
        return m instanceof CommandMessage c && c.name().equals(name) && c.transactionId() == transactionId;
    }

    /**
     * One chunk with a fmt-0 header on {@code chunkStreamId} (any id 2..65599, all three basic
     * header forms) and {@code body} right after it, whatever the announced length.
     */
    static byte[] fmt0(int chunkStreamId, int length, int typeId, int messageStreamId, byte[] body) {
        ByteBuffer out = ByteBuffer.allocate(3 + 11 + body.length);
        basicHeader(out, 0, chunkStreamId);
        out.put((byte) 0).put((byte) 0).put((byte) 0);
        out.put((byte) (length >>> 16)).put((byte) (length >>> 8)).put((byte) length);
        out.put((byte) typeId);
        out.put((byte) messageStreamId).put((byte) (messageStreamId >>> 8)).put((byte) (messageStreamId >>> 16))
                .put((byte) (messageStreamId >>> 24));
        out.put(body);
        return Arrays.copyOf(out.array(), out.position());
    }

    /** A basic header of {@code fmt} on {@code chunkStreamId}, then {@code rest} as it is. */
    static byte[] chunk(int fmt, int chunkStreamId, byte[] rest) {
        ByteBuffer out = ByteBuffer.allocate(3 + rest.length);
        basicHeader(out, fmt, chunkStreamId);
        out.put(rest);
        return Arrays.copyOf(out.array(), out.position());
    }

    private static void basicHeader(ByteBuffer out, int fmt, int chunkStreamId) {
        if (chunkStreamId < 64) {
            out.put((byte) (fmt << 6 | chunkStreamId));
        } else if (chunkStreamId < 320) {
            out.put((byte) (fmt << 6)).put((byte) (chunkStreamId - 64));
        } else {
            int id = chunkStreamId - 64;
            out.put((byte) (fmt << 6 | 1)).put((byte) id).put((byte) (id >>> 8));
        }
    }

    static byte[] u32(long value) {
        return ByteBuffer.allocate(4).putInt((int) value).array();
    }

    static byte[] amf0String(String s) {
        byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return ByteBuffer.allocate(3 + bytes.length).put((byte) 2).putShort((short) bytes.length).put(bytes).array();
    }

    static byte[] amf0Number(double value) {
        return ByteBuffer.allocate(9).put((byte) 0).putDouble(value).array();
    }

    /** {@code unit} repeated {@code times} times. */
    static byte[] repeat(byte[] unit, int times) {
        byte[] out = new byte[unit.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(unit, 0, out, i * unit.length, unit.length);
        }
        return out;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
