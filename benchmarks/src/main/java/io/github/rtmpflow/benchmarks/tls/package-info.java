/** RTMPS benchmarks: TLS ingest against plain RTMP on the same server. */
package io.github.rtmpflow.benchmarks.tls;
