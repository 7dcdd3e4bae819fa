/** RTMP message layer of the sans-I/O core. */
package io.github.rtmpflow.core.message;
