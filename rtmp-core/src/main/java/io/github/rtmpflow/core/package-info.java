/** Types shared by every layer of the protocol core: limits and protocol errors. */
package io.github.rtmpflow.core;
