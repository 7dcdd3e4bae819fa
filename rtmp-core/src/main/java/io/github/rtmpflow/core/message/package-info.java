/**
 * The RTMP message layer: what a message says, one record per message type
 * ({@link io.github.rtmpflow.core.message.RtmpMessage}), and the codec between those records and
 * the chunk layer's {@link io.github.rtmpflow.core.chunk.RawMessage}.
 *
 * <ul>
 *   <li>{@link io.github.rtmpflow.core.message.MessageCodec} decodes a raw message into its
 *       record and encodes a record with header fields into a raw message. Malformed content is
 *       a {@link io.github.rtmpflow.core.ProtocolException} ({@code BAD_MESSAGE},
 *       {@code BAD_CHUNK_SIZE}, {@code BAD_AMF}); nothing else escapes.</li>
 *   <li>{@link io.github.rtmpflow.core.message.AggregateUnpacker} turns an aggregate message into
 *       its audio, video and data sub-messages with rebased timestamps.</li>
 * </ul>
 *
 * <p>Buffer ownership: records that hold bytes (audio, video, aggregate, unknown messages, the
 * body of a data message, unknown User Control data) keep read-only views over the payload of
 * the raw message they were decoded from, never copies. A raw payload is an exact-size array
 * that nobody modifies, so the views stay valid for as long as anyone holds them. Read them with
 * absolute gets or through {@link java.nio.ByteBuffer#duplicate()}: moving a shared view's
 * position changes what the next reader sees.
 *
 * <p>Metadata: a data message keeps its original AMF0 bytes, so the FLV script tag for
 * {@code @setDataFrame("onMetaData", ...)} is
 * {@link io.github.rtmpflow.core.message.DataMessage#withoutSetDataFrame()}{@code .body()}, a slice
 * of what the publisher sent, without re-encoding.
 */
package io.github.rtmpflow.core.message;
