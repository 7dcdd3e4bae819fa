/**
 * The sans-I/O RTMP protocol core: handshake, chunk stream, message model, AMF and the
 * protocol session state machines. Depends on nothing but {@code java.base}: no sockets,
 * threads, clocks or logging.
 */
module io.github.rtmpflow.core {
    exports io.github.rtmpflow.core;
    exports io.github.rtmpflow.core.amf;

    exports io.github.rtmpflow.core.chunk;

    exports io.github.rtmpflow.core.handshake;

    exports io.github.rtmpflow.core.message;

    exports io.github.rtmpflow.core.session;
}
