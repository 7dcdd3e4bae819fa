package io.github.rtmpflow.server.testing;

import io.github.rtmpflow.server.RtmpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Builders for servers under test: loopback, port 0, two loops (the CI machines have two cores). */
public final class TestServers {
    private TestServers() {
    }

    /** Returns a builder bound to 127.0.0.1 on a free port with 2 event loops. */
    public static RtmpServer.Builder builder() {
        return RtmpServer.builder()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .eventLoops(2);
    }

    /** Returns 127.0.0.1 with port 0 (any free port). */
    public static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    /** Returns {@code rtmp://127.0.0.1:<port>/<app>}. */
    public static String url(RtmpServer server, String app) {
        return "rtmp://127.0.0.1:" + server.localAddress().getPort() + "/" + app;
    }
}
