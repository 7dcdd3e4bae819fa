package io.github.rtmpflow.server.internal;

import java.nio.charset.StandardCharsets;

/**
 * Decides whether an application or stream name (already without its query string) is safe
 * to use as a registry key and as a file name under the recording directory.
 *
 * <p>Refused: empty names, names longer than {@value #MAX_NAME_BYTES} UTF-8 bytes, names with
 * {@code /} or {@code \} (no path of the peer's choosing), {@code ..} anywhere, a name that is
 * just {@code .}, control characters (C0, DEL, C1), and unpaired surrogates. A refused publish
 * name is answered with NetStream.Publish.BadName.
 */
public final class NameValidator {

    /** Longest name accepted, in UTF-8 bytes (a common file-name limit). */
    public static final int MAX_NAME_BYTES = 255;

    private NameValidator() {
    }

    /** Returns null when {@code name} is acceptable, otherwise why not (no secret, no name). */
    public static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "empty name";
        }
        if (name.equals(".") || name.contains("..")) {
            return "name contains '..' or is '.'";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == '\\') {
                return "name contains a path separator";
            }
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
                return "name contains a control character";
            }
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < name.length()
                        && Character.isLowSurrogate(name.charAt(i + 1));
                if (!paired) {
                    return "name contains an unpaired surrogate";
                }
                i++;
            }
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            return "name longer than " + MAX_NAME_BYTES + " bytes";
        }
        return null;
    }

    /** Returns whether {@code name} is acceptable. */
    public static boolean isValid(String name) {
        return problem(name) == null;
    }
}
