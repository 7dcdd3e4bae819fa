/**
 * FLV tags with codec-aware views, FLV files, the tag fan-out ({@link java.util.concurrent.Flow.Publisher})
 * and the FLV recorder.
 */
module io.github.rtmpflow.flv {
    requires transitive io.github.rtmpflow.core;
    requires org.slf4j;

    exports io.github.rtmpflow.flv;
}
