package io.github.rtmpflow.core.message;

/** Range checks shared by the control message records. */
final class ControlValues {
    static final long MAX_U32 = 0xFFFF_FFFFL;

    private ControlValues() {
    }

    static void requireU32(String name, long value) {
        if (value < 0 || value > MAX_U32) {
            throw new IllegalArgumentException(name + " out of range: " + name + "=" + value);
        }
    }
}
