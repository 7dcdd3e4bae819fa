/**
 * Interoperability tests with real clients (FFmpeg, GStreamer rtmp2sink, librtmp) over real
 * sockets, and the harness they share: {@link io.github.rtmpflow.server.interop.ExternalTool}
 * runs the programs, {@link io.github.rtmpflow.server.interop.TestMedia} makes the source files,
 * {@link io.github.rtmpflow.server.interop.MediaTags} and
 * {@link io.github.rtmpflow.server.interop.FrameMd5} compare what arrived with what was sent.
 */
package io.github.rtmpflow.server.interop;
