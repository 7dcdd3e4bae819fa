/**
 * Hostile peers over real sockets: each case attacks a running server while a healthy publisher
 * streams, and proves that only the offender is closed, with a clear log line, and that the
 * healthy stream loses nothing.
 */
package io.github.rtmpflow.server.hostile;
