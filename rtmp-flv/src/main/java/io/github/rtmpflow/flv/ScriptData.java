package io.github.rtmpflow.flv;

import java.nio.ByteBuffer;

/**
 * Script data bodies: RTMP data messages versus FLV script tags. An encoder sends metadata as
 * the data message {@code "@setDataFrame", "onMetaData", {...}}; an FLV file's script tag (and
 * so an {@link FlvTag}) carries {@code "onMetaData", {...}} without the {@code "@setDataFrame"}.
 */
public final class ScriptData {
    private static final byte[] SET_DATA_FRAME = {'@', 's', 'e', 't', 'D', 'a', 't', 'a', 'F', 'r', 'a', 'm', 'e'};
    private static final int AMF0_STRING_MARKER = 0x02;
    private static final int PREFIX_LENGTH = 3 + SET_DATA_FRAME.length;

    private ScriptData() {
    }

    /**
     * Returns true when {@code body} (from its position) starts with the AMF0 string
     * {@code "@setDataFrame"}.
     */
    public static boolean startsWithSetDataFrame(ByteBuffer body) {
        int at = body.position();
        if (body.limit() - at < PREFIX_LENGTH || body.get(at) != AMF0_STRING_MARKER
                || body.getShort(at + 1) != SET_DATA_FRAME.length) {
            return false;
        }
        for (int i = 0; i < SET_DATA_FRAME.length; i++) {
            if (body.get(at + 3 + i) != SET_DATA_FRAME[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Turns an RTMP data message body into an FLV script tag body without copying: a slice of
     * {@code body} after the leading {@code "@setDataFrame"} string, or a slice of all of it when
     * there is none (the message is already in FLV form, e.g. {@code "onMetaData", ...} or
     * {@code "onCuePoint", ...}). The slice shares {@code body}'s content and keeps its
     * read-only-ness; {@code body}'s position is not changed.
     */
    public static ByteBuffer toFlvScriptBody(ByteBuffer body) {
        ByteBuffer slice = body.slice();
        return startsWithSetDataFrame(body) ? slice.position(PREFIX_LENGTH).slice() : slice;
    }
}
