/**
 * The runnable command-line server ({@code java -jar rtmpflow-server.jar}): parses the flags
 * ({@link io.github.rtmpflow.server.cli.CommandLine}), runs an
 * {@code io.github.rtmpflow.server.RtmpServer} with them and reports listeners and streams on
 * standard output. An application, not an API: the package is not exported.
 */
package io.github.rtmpflow.server.cli;
