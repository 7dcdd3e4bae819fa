/** The java.nio RTMP server, its public API, the RTMP client and the command-line server. */
module io.github.rtmpflow.server {
    requires transitive io.github.rtmpflow.core;
    requires transitive io.github.rtmpflow.flv;
    requires org.slf4j;

    exports io.github.rtmpflow.server;
    exports io.github.rtmpflow.server.client;
}
