/**
 * A small blocking RTMP client on the same protocol core as the server: connect, publish and
 * send FLV tags. Used by the tests, and by relay and load tools.
 */
package io.github.rtmpflow.server.client;
