/**
 * The RTMP chunk layer (RTMP 1.0 spec section 5.3): {@link io.github.rtmpflow.core.chunk.ChunkDecoder}
 * reassembles incoming chunks into {@link io.github.rtmpflow.core.chunk.RawMessage}s,
 * {@link io.github.rtmpflow.core.chunk.ChunkEncoder} splits outgoing messages into chunks.
 *
 * <p>Buffer ownership: the decoder copies what it needs out of the buffers it is fed and
 * keeps no reference to them; each delivered message owns one exact-size payload array that
 * nobody modifies afterwards, so messages can be shared freely. The encoder reads payloads
 * without changing them and writes into the caller's buffer.
 *
 * <p>Also here: {@link io.github.rtmpflow.core.chunk.TimestampUnwrapper} (32-bit wire
 * timestamps to a 64-bit timeline) and {@link io.github.rtmpflow.core.chunk.AcknowledgementWindow}
 * (when an Acknowledgement is due). Nothing in this package is thread-safe.
 */
package io.github.rtmpflow.core.chunk;
