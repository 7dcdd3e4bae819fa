package io.github.rtmpflow.core.chunk;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * One handwritten chunk stream and the messages it carries. The wire text is hex with three
 * kinds of extra token, so long payloads need not be spelled out byte by byte:
 * {@code #2:0-128} is bytes [0, 128) of message 2's payload (1-based), {@code ~5} is 5 filler
 * bytes (0xEE) that belong to no delivered message, and {@code //} starts a comment.
 *
 * @param name what the vector shows
 * @param wire the chunk stream text
 * @param messages what decoding the wire yields, in order
 * @param encodable whether {@link ChunkEncoder} produces exactly this wire from the messages
 */
record GoldenVector(String name, String wire, List<RawMessage> messages, boolean encodable) {

    /** A message whose payload byte i is {@code (seed + i) & 0xFF}. */
    static RawMessage message(int chunkStreamId, long timestamp, int typeId, int messageStreamId, int length, int seed) {
        byte[] payload = new byte[length];
        for (int i = 0; i < length; i++) {
            payload[i] = (byte) (seed + i);
        }
        return RawMessage.of(chunkStreamId, timestamp, typeId, messageStreamId, payload);
    }

    /** A message with the given hex payload. */
    static RawMessage message(int chunkStreamId, long timestamp, int typeId, int messageStreamId, String payloadHex) {
        return RawMessage.of(chunkStreamId, timestamp, typeId, messageStreamId, HexFormat.of().parseHex(payloadHex));
    }

    /** The wire bytes. */
    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder hex = new StringBuilder();
        for (String line : wire.split("\n")) {
            int comment = line.indexOf("//");
            String code = comment >= 0 ? line.substring(0, comment) : line;
            for (String token : code.trim().split("\\s+")) {
                if (token.isEmpty()) {
                    continue;
                }
                if (token.startsWith("#") || token.startsWith("~")) {
                    flushHex(hex, out);
                    out.writeBytes(token.startsWith("#") ? payloadSlice(token) : filler(token));
                } else {
                    hex.append(token);
                }
            }
        }
        flushHex(hex, out);
        return out.toByteArray();
    }

    private byte[] payloadSlice(String token) {
        String[] parts = token.substring(1).split("[:-]");
        byte[] payload = messages.get(Integer.parseInt(parts[0]) - 1).payloadBytes();
        if (parts.length == 1) {
            return payload;
        }
        int from = Integer.parseInt(parts[1]);
        int to = Integer.parseInt(parts[2]);
        byte[] slice = new byte[to - from];
        System.arraycopy(payload, from, slice, 0, slice.length);
        return slice;
    }

    private static byte[] filler(String token) {
        byte[] bytes = new byte[Integer.parseInt(token.substring(1))];
        Arrays.fill(bytes, (byte) 0xEE);
        return bytes;
    }

    private static void flushHex(StringBuilder hex, ByteArrayOutputStream out) {
        out.writeBytes(HexFormat.of().parseHex(hex));
        hex.setLength(0);
    }

    @Override
    public String toString() {
        return name;
    }
}
