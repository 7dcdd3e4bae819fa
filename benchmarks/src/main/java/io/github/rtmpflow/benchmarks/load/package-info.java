/**
 * The RTMP load generator: concurrent publishers (and players) over java.nio sending a
 * synthetic, well-formed H.264/AAC stream, with throughput, setup latency, real-time lag and
 * publish-to-play latency reports. Entry point: {@link io.github.rtmpflow.benchmarks.load.LoadGenerator}.
 */
package io.github.rtmpflow.benchmarks.load;
