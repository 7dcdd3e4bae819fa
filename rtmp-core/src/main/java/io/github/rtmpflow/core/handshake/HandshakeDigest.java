package io.github.rtmpflow.core.handshake;

import static io.github.rtmpflow.core.handshake.HandshakeLayout.DIGEST_LENGTH;
import static io.github.rtmpflow.core.handshake.HandshakeLayout.HANDSHAKE_PACKET_LENGTH;
import static io.github.rtmpflow.core.handshake.HandshakeLayout.SIGNATURE_OFFSET;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC-SHA256 math of the Flash Player 9 digest handshake, shared by both roles.
 *
 * <p>A packet written by one side carries a digest keyed with the first bytes of that side's
 * key (30 of the Flash Player key, 36 of the Flash Media Server key). The answer to it (C2 or S2)
 * ends with a signature over its first 1504 bytes, keyed with HMAC(answerer's full key, the
 * peer's digest). Facts from nginx-rtmp {@code ngx_rtmp_handshake.c} and FFmpeg
 * {@code rtmpproto.c}.
 *
 * <p>One instance owns one {@link Mac} and a 32-byte scratch array; it is not thread-safe. Packets
 * are passed as (array, offset) and never retained.
 */
final class HandshakeDigest {

    /** The digest offset within a block ranges over this many positions. */
    static final int DIGEST_OFFSET_MODULUS = 728;

    /** Bytes of the digest block that select the digest offset. */
    static final int DIGEST_OFFSET_BYTES = 4;

    private static final String HMAC_SHA256 = "HmacSHA256";

    /** The public 32 bytes that follow both ASCII key prefixes. */
    private static final byte[] KEY_SUFFIX = {
        (byte) 0xF0, (byte) 0xEE, (byte) 0xC2, (byte) 0x4A, (byte) 0x80, (byte) 0x68, (byte) 0xBE, (byte) 0xE8,
        (byte) 0x2E, (byte) 0x00, (byte) 0xD0, (byte) 0xD1, (byte) 0x02, (byte) 0x9E, (byte) 0x7E, (byte) 0x57,
        (byte) 0x6E, (byte) 0xEC, (byte) 0x5D, (byte) 0x2D, (byte) 0x29, (byte) 0x80, (byte) 0x6F, (byte) 0xAB,
        (byte) 0x93, (byte) 0xB8, (byte) 0xE6, (byte) 0x36, (byte) 0xCF, (byte) 0xEB, (byte) 0x31, (byte) 0xAE
    };

    /** Who wrote a packet, which selects the key family. */
    enum Signer {
        /** The client: "Genuine Adobe Flash Player 001" (30 bytes) + suffix, 62 bytes in all. */
        CLIENT("Genuine Adobe Flash Player 001"),
        /** The server: "Genuine Adobe Flash Media Server 001" (36 bytes) + suffix, 68 bytes. */
        SERVER("Genuine Adobe Flash Media Server 001");

        private final SecretKeySpec partialKey;
        private final SecretKeySpec fullKey;

        Signer(String prefix) {
            byte[] ascii = prefix.getBytes(StandardCharsets.US_ASCII);
            byte[] full = Arrays.copyOf(ascii, ascii.length + KEY_SUFFIX.length);
            System.arraycopy(KEY_SUFFIX, 0, full, ascii.length, KEY_SUFFIX.length);
            // SPEC (FP9): a packet's own digest uses only the ASCII part of its writer's key.
            this.partialKey = new SecretKeySpec(ascii, HMAC_SHA256);
            this.fullKey = new SecretKeySpec(full, HMAC_SHA256);
        }

        /** Returns the key length in bytes for the packet digest (30 or 36). */
        int partialKeyLength() {
            return partialKey.getEncoded().length;
        }

        /** Returns the key length in bytes for deriving the answer's key (62 or 68). */
        int fullKeyLength() {
            return fullKey.getEncoded().length;
        }
    }

    private final Mac mac;
    private final byte[] scratch = new byte[DIGEST_LENGTH];

    /** Creates the math with its own {@link Mac}. */
    HandshakeDigest() {
        try {
            this.mac = Mac.getInstance(HMAC_SHA256);
        } catch (GeneralSecurityException e) {
            // Every Java SE implementation must provide HmacSHA256 (java.base, SunJCE).
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /**
     * Returns the offset of the digest inside the packet at {@code packetOffset} for a digest
     * block at {@code blockOffset}, relative to the packet start.
     */
    static int digestOffset(byte[] buffer, int packetOffset, int blockOffset) {
        int at = packetOffset + blockOffset;
        int sum = 0;
        for (int i = 0; i < DIGEST_OFFSET_BYTES; i++) {
            sum += buffer[at + i] & 0xFF;
        }
        // SPEC (FP9): base + 4 + (sum of the 4 bytes at base) % 728.
        return blockOffset + DIGEST_OFFSET_BYTES + sum % DIGEST_OFFSET_MODULUS;
    }

    /**
     * Finds the schema whose digest validates in the packet at {@code packetOffset}, written by
     * {@code signer}; returns {@link HandshakeForm#SIMPLE} when none does.
     */
    HandshakeForm findDigest(byte[] buffer, int packetOffset, Signer signer) {
        // Schema 1 first: FFmpeg and nginx-rtmp use it, so it usually matches at once.
        if (hasValidDigest(buffer, packetOffset, HandshakeForm.DIGEST_SCHEMA_1, signer)) {
            return HandshakeForm.DIGEST_SCHEMA_1;
        }
        if (hasValidDigest(buffer, packetOffset, HandshakeForm.DIGEST_SCHEMA_0, signer)) {
            return HandshakeForm.DIGEST_SCHEMA_0;
        }
        return HandshakeForm.SIMPLE;
    }

    /** Returns whether the packet carries a valid digest in the given digest {@code form}. */
    boolean hasValidDigest(byte[] buffer, int packetOffset, HandshakeForm form, Signer signer) {
        int digestAt = packetOffset + digestOffset(buffer, packetOffset, form.digestBlockOffset());
        computePacketDigest(buffer, packetOffset, digestAt, signer, scratch, 0);
        return Arrays.equals(scratch, 0, DIGEST_LENGTH, buffer, digestAt, digestAt + DIGEST_LENGTH);
    }

    /**
     * Writes the digest of the packet at {@code packetOffset} into its place for {@code form};
     * every other byte of the packet must already be final.
     */
    void writeDigest(byte[] buffer, int packetOffset, HandshakeForm form, Signer signer) {
        int digestAt = packetOffset + digestOffset(buffer, packetOffset, form.digestBlockOffset());
        computePacketDigest(buffer, packetOffset, digestAt, signer, buffer, digestAt);
    }

    /** Copies the 32-byte digest of a packet in {@code form} into {@code target} at 0. */
    static void copyDigest(byte[] buffer, int packetOffset, HandshakeForm form, byte[] target) {
        int digestAt = packetOffset + digestOffset(buffer, packetOffset, form.digestBlockOffset());
        System.arraycopy(buffer, digestAt, target, 0, DIGEST_LENGTH);
    }

    /**
     * Derives the key that signs the answer to a packet whose digest is {@code peerDigest}:
     * HMAC(answerer's full key, peer digest).
     */
    Key answerKey(byte[] peerDigest, Signer answerer) {
        init(answerer.fullKey);
        mac.update(peerDigest, 0, DIGEST_LENGTH);
        return new SecretKeySpec(mac.doFinal(), HMAC_SHA256);
    }

    /** Writes the signature of the answer packet at {@code packetOffset} into its last 32 bytes. */
    void signAnswer(byte[] buffer, int packetOffset, Key answerKey) {
        computeSignature(buffer, packetOffset, answerKey, buffer, packetOffset + SIGNATURE_OFFSET);
    }

    /** Returns whether the answer packet at {@code packetOffset} ends with a valid signature. */
    boolean hasValidAnswerSignature(byte[] buffer, int packetOffset, Key answerKey) {
        computeSignature(buffer, packetOffset, answerKey, scratch, 0);
        int signatureAt = packetOffset + SIGNATURE_OFFSET;
        return Arrays.equals(scratch, 0, DIGEST_LENGTH, buffer, signatureAt, signatureAt + DIGEST_LENGTH);
    }

    private void computePacketDigest(
            byte[] buffer, int packetOffset, int digestAt, Signer signer, byte[] target, int targetOffset) {
        init(signer.partialKey);
        // SPEC (FP9): the digest covers the packet without its own 32 bytes.
        mac.update(buffer, packetOffset, digestAt - packetOffset);
        int afterDigest = digestAt + DIGEST_LENGTH;
        mac.update(buffer, afterDigest, packetOffset + HANDSHAKE_PACKET_LENGTH - afterDigest);
        finish(target, targetOffset);
    }

    private void computeSignature(byte[] buffer, int packetOffset, Key key, byte[] target, int targetOffset) {
        init(key);
        mac.update(buffer, packetOffset, SIGNATURE_OFFSET);
        finish(target, targetOffset);
    }

    private void init(Key key) {
        try {
            mac.init(key);
        } catch (GeneralSecurityException e) {
            // Any non-empty raw key is valid for HmacSHA256.
            throw new IllegalStateException("HmacSHA256 rejected key", e);
        }
    }

    private void finish(byte[] target, int targetOffset) {
        try {
            mac.doFinal(target, targetOffset);
        } catch (GeneralSecurityException e) {
            // Every caller leaves 32 bytes of room.
            throw new IllegalStateException("no room for digest: targetOffset=" + targetOffset, e);
        }
    }
}
