/**
 * FLV tags and their codec-aware views (legacy and Enhanced RTMP audio/video headers, AVC,
 * HEVC and AV1 configuration records, AAC AudioSpecificConfig, onMetaData), FLV file reading
 * and writing, the tag fan-out and the FLV recorder.
 *
 * <p>Buffers: an {@link io.github.rtmpflow.flv.FlvTag} owns its body bytes for its whole life
 * and only hands out read-only views; views and parsers never copy or keep more than the tag.
 */
package io.github.rtmpflow.flv;
