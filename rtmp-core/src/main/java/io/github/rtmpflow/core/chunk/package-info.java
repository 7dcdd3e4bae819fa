/** RTMP chunk layer of the sans-I/O core. */
package io.github.rtmpflow.core.chunk;
