/**
 * The RTMP protocol sessions after the handshake, without I/O: decoded messages in, messages to
 * send and events out, testable without a socket.
 *
 * <ul>
 *   <li>{@link io.github.rtmpflow.core.session.ServerSession}: answers connect, createStream,
 *       publish, play and the FMLE extras the way PROTOCOL.md describes (nginx-rtmp's replies,
 *       stream id 1 first), asks the application to authorize connect, publish and play
 *       ({@link io.github.rtmpflow.core.session.SessionEvent}) and routes media of accepted
 *       publishes without allocating.</li>
 *   <li>{@link io.github.rtmpflow.core.session.ClientSession}: the FFmpeg-like client side used by
 *       rtmpflow's own client, tests and load generator.</li>
 *   <li>{@link io.github.rtmpflow.core.session.Commands},
 *       {@link io.github.rtmpflow.core.session.StatusCodes},
 *       {@link io.github.rtmpflow.core.session.ChunkStreamIds}: the commands, status codes and
 *       chunk streams the sessions use; {@link io.github.rtmpflow.core.session.EnhancedRtmp}: the
 *       Enhanced RTMP connect negotiation.</li>
 * </ul>
 *
 * <p>Sessions queue their output as {@link io.github.rtmpflow.core.session.OutgoingMessage}s that
 * the caller polls, encodes and sends in order; they hold no buffers of the caller's. They are
 * not thread-safe: the connection's event loop drives each one.
 */
package io.github.rtmpflow.core.session;
