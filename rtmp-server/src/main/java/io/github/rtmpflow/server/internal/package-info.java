/**
 * The server's implementation, not exported: event loops, connections, the RTMP pipeline per
 * connection, the stream registry, recordings. Each class has one job; the loop classes are
 * confined to their loop thread unless their documentation says otherwise.
 */
package io.github.rtmpflow.server.internal;
