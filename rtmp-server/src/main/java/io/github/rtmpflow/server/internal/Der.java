package io.github.rtmpflow.server.internal;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The few DER (ASN.1) operations needed to turn PKCS#1 and SEC1 private keys into PKCS#8: read
 * tag-length-value elements and write them. Not a general ASN.1 library: definite lengths only,
 * single-byte tags.
 */
final class Der {

    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OBJECT_IDENTIFIER = 0x06;
    static final int SEQUENCE = 0x30;
    /** SEC1 ECPrivateKey {@code parameters [0]}: constructed, context-specific 0. */
    static final int CONTEXT_0 = 0xA0;

    private Der() {
    }

    /** A DER structure that is not what it should be. */
    static final class FormatException extends Exception {
        private static final long serialVersionUID = 1L;

        FormatException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * One element in a byte array.
     *
     * @param tag the tag byte
     * @param data the array holding it
     * @param start offset of the tag byte
     * @param contentStart offset of the contents
     * @param end offset just past the contents
     */
    record Element(int tag, byte[] data, int start, int contentStart, int end) {

        /** Returns the whole element, tag and length included. */
        byte[] encoded() {
            return Arrays.copyOfRange(data, start, end);
        }

        /** Returns the contents. */
        byte[] contents() {
            return Arrays.copyOfRange(data, contentStart, end);
        }

        /** Returns a reader over the contents (for a SEQUENCE or a context tag). */
        Reader children() {
            return new Reader(data, contentStart, end);
        }
    }

    /** Reads consecutive elements of a region. */
    static final class Reader {
        private final byte[] data;
        private final int end;
        private int position;

        Reader(byte[] data, int start, int end) {
            this.data = data;
            this.position = start;
            this.end = end;
        }

        /** Returns a reader over the whole array. */
        static Reader of(byte[] data) {
            return new Reader(data, 0, data.length);
        }

        boolean hasMore() {
            return position < end;
        }

        /** Reads the next element, which must carry {@code expectedTag}. */
        Element next(int expectedTag) throws FormatException {
            Element element = next();
            if (element.tag() != expectedTag) {
                throw new FormatException(String.format("expected DER tag 0x%02x, found 0x%02x", expectedTag,
                        element.tag()));
            }
            return element;
        }

        /** Reads the next element. */
        Element next() throws FormatException {
            if (end - position < 2) {
                throw new FormatException("truncated DER element");
            }
            int start = position;
            int tag = data[position++] & 0xFF;
            int length = data[position++] & 0xFF;
            if (length >= 0x80) {
                int octets = length & 0x7F;
                if (octets == 0 || octets > 3 || end - position < octets) {
                    throw new FormatException("unsupported DER length");
                }
                length = 0;
                for (int i = 0; i < octets; i++) {
                    length = (length << 8) | (data[position++] & 0xFF);
                }
            }
            if (length > end - position) {
                throw new FormatException("DER element longer than its container");
            }
            int contentStart = position;
            position += length;
            return new Element(tag, data, start, contentStart, position);
        }
    }

    /** Encodes one element with the given tag around the concatenated {@code parts}. */
    static byte[] encode(int tag, byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >>> 8);
            out.write(length);
        } else {
            out.write(0x83);
            out.write(length >>> 16);
            out.write(length >>> 8);
            out.write(length);
        }
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
