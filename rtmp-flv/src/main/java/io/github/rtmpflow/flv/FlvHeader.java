package io.github.rtmpflow.flv;

/**
 * The FLV file header.
 *
 * @param version the FLV version (1)
 * @param hasAudio the TypeFlagsAudio bit: the file announces audio tags
 * @param hasVideo the TypeFlagsVideo bit: the file announces video tags
 * @param dataOffset the header length in bytes (9 for version 1)
 */
public record FlvHeader(int version, boolean hasAudio, boolean hasVideo, int dataOffset) {
    /** Length of a version 1 header. */
    public static final int LENGTH = 9;
    /** Length of the tag header that precedes every tag body. */
    public static final int TAG_HEADER_LENGTH = 11;
    /** Length of the PreviousTagSize field that follows the header and every tag. */
    public static final int PREVIOUS_TAG_SIZE_LENGTH = 4;
    /** The largest tag body the 24-bit DataSize field can describe. */
    public static final int MAX_TAG_SIZE = 0xFFFFFF;
}
