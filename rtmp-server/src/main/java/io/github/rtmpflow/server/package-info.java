/**
 * The embeddable RTMP server: {@link io.github.rtmpflow.server.RtmpServer#builder()} binds a
 * port, accepts publishers (OBS, FFmpeg, GStreamer, hardware encoders), authorizes them, and
 * hands each live stream to the application as FLV tags through listeners or
 * {@link java.util.concurrent.Flow.Publisher}s, optionally recording it to FLV files.
 *
 * <p>Threads: an acceptor thread and N event loops read every connection continuously;
 * callbacks given to the builder ({@code onPublish}, {@code onUnpublish}, authorizers) run on
 * the event loop of the connection concerned and must not block. Subscribers get their tags on
 * their own executors (see {@link io.github.rtmpflow.flv.SubscribeOptions}).
 *
 * <p>Secrets: stream keys travel as query strings ({@code cam1?key=SECRET}); the server hands
 * them to the {@link io.github.rtmpflow.server.Authorizer} and nowhere else: never in a stream
 * name, a file name or a log line.
 */
package io.github.rtmpflow.server;
