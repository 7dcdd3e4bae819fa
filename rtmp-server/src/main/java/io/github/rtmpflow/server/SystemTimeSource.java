package io.github.rtmpflow.server;

/** {@link TimeSource#system()}: a singleton, so the loops can tell it from injected sources. */
enum SystemTimeSource implements TimeSource {
    INSTANCE;

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }
}
