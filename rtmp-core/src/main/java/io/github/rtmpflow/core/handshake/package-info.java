/**
 * The RTMP handshake, sans I/O, in both roles: {@link io.github.rtmpflow.core.handshake.ServerHandshake}
 * for the server and {@link io.github.rtmpflow.core.handshake.ClientHandshake} for rtmpflow's own
 * clients. Both speak the simple handshake of the RTMP 1.0 specification and the Flash Player 9
 * digest handshake that FFmpeg uses.
 *
 * <p>Buffers: {@code feed(ByteBuffer)} reads from the caller's buffer during the call only and
 * leaves the bytes after the handshake in it; {@code takeOutput()} hands a new buffer over to the
 * caller. Randomness and the time field come in through the constructor: the core reads no clock.
 */
package io.github.rtmpflow.core.handshake;
