/**
 * rtmpflow as the load generator's server under test: the library's {@link
 * io.github.rtmpflow.server.RtmpServer} with load-test limits, an optional in-process listener
 * that measures publish-to-listener latency, and per-run totals on standard output. Entry
 * point: {@link io.github.rtmpflow.benchmarks.server.BenchServer}.
 */
package io.github.rtmpflow.benchmarks.server;
