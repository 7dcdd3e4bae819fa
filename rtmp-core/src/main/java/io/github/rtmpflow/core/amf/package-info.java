/**
 * AMF0 (and AMF3 behind the 0x11 switch) values, with readers and writers. Values are
 * immutable; readers never keep a reference to the buffer they read from.
 */
package io.github.rtmpflow.core.amf;
