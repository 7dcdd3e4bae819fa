/**
 * The read-and-discard baseline server: a real RTMP handshake and publish answer, then every
 * byte read and dropped unparsed. Entry point: {@link io.github.rtmpflow.benchmarks.baseline.DiscardServer}.
 */
package io.github.rtmpflow.benchmarks.baseline;
