/**
 * AMF0 values (and AMF3 values behind the avmplus switch 0x11), with readers and writers.
 *
 * <ul>
 *   <li>{@link io.github.rtmpflow.core.amf.AmfValue} is the sealed family of AMF0 values, one
 *       record or enum per marker; {@link io.github.rtmpflow.core.amf.Amf3Value} is the sealed
 *       family of AMF3 values inside it.</li>
 *   <li>{@link io.github.rtmpflow.core.amf.Amf0Reader} and
 *       {@link io.github.rtmpflow.core.amf.Amf3Reader} decode a buffer the caller owns; they read
 *       it only during the call, keep no reference to it, and report malformed or hostile input
 *       as a {@link io.github.rtmpflow.core.ProtocolException} with code {@code BAD_AMF}, bounded
 *       by {@link io.github.rtmpflow.core.RtmpLimits}.</li>
 *   <li>{@link io.github.rtmpflow.core.amf.Amf0Writer} and
 *       {@link io.github.rtmpflow.core.amf.Amf3Writer} encode into an exact-size array or into a
 *       caller's buffer, sized beforehand with {@code encodedLength}.</li>
 * </ul>
 *
 * <p>Values are immutable and own their data; readers resolve references into the value they
 * point at, and writers never emit references.
 */
package io.github.rtmpflow.core.amf;
