package io.github.rtmpflow.core.handshake;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.OptionalInt;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An independent, deliberately plain statement of the FP9 digest rules (from nginx-rtmp
 * {@code ngx_rtmp_handshake.c} and FFmpeg {@code rtmpproto.c}), used as the test oracle so that
 * the production {@link HandshakeDigest} is not checked against itself. The golden tests prove
 * this oracle right on real bytes.
 */
final class ReferenceDigest {

    static final byte[] KEY_SUFFIX =
            HexFormat.of().parseHex("f0eec24a8068bee82e00d0d1029e7e576eec5d2d29806fab93b8e636cfeb31ae");
    static final byte[] PLAYER_KEY = key("Genuine Adobe Flash Player 001");
    static final byte[] SERVER_KEY = key("Genuine Adobe Flash Media Server 001");
    static final byte[] PLAYER_PARTIAL_KEY = Arrays.copyOf(PLAYER_KEY, 30);
    static final byte[] SERVER_PARTIAL_KEY = Arrays.copyOf(SERVER_KEY, 36);

    private ReferenceDigest() {}

    private static byte[] key(String ascii) {
        byte[] prefix = ascii.getBytes(StandardCharsets.US_ASCII);
        byte[] key = Arrays.copyOf(prefix, prefix.length + KEY_SUFFIX.length);
        System.arraycopy(KEY_SUFFIX, 0, key, prefix.length, KEY_SUFFIX.length);
        return key;
    }

    static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    static int digestOffset(byte[] packet, int base) {
        int sum = (packet[base] & 0xFF) + (packet[base + 1] & 0xFF) + (packet[base + 2] & 0xFF) + (packet[base + 3] & 0xFF);
        return base + 4 + sum % 728;
    }

    static byte[] digestAt(byte[] packet, int base) {
        int at = digestOffset(packet, base);
        return Arrays.copyOfRange(packet, at, at + 32);
    }

    /** Returns whether the digest at {@code base} is HMAC(partialKey, packet without it). */
    static boolean digestValid(byte[] packet, int base, byte[] partialKey) {
        int at = digestOffset(packet, base);
        byte[] rest = new byte[1536 - 32];
        System.arraycopy(packet, 0, rest, 0, at);
        System.arraycopy(packet, at + 32, rest, at, 1536 - at - 32);
        return Arrays.equals(hmac(partialKey, rest), digestAt(packet, base));
    }

    /** Returns the block base (8 or 772) whose digest validates, like FFmpeg tries them. */
    static OptionalInt validBase(byte[] packet, byte[] partialKey) {
        if (digestValid(packet, 772, partialKey)) {
            return OptionalInt.of(772);
        }
        return digestValid(packet, 8, partialKey) ? OptionalInt.of(8) : OptionalInt.empty();
    }

    /** Returns whether {@code answer} ends with HMAC(HMAC(fullKey, peerDigest), answer[0, 1504)). */
    static boolean answerValid(byte[] answer, byte[] peerDigest, byte[] fullKey) {
        byte[] key = hmac(fullKey, peerDigest);
        byte[] signature = hmac(key, Arrays.copyOf(answer, 1504));
        return Arrays.equals(signature, Arrays.copyOfRange(answer, 1504, 1536));
    }
}
