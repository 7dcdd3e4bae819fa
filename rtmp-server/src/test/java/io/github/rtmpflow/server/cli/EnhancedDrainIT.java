package io.github.rtmpflow.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.rtmpflow.core.amf.AmfObject;
import io.github.rtmpflow.core.session.EnhancedRtmp;
import io.github.rtmpflow.core.session.StatusCodes;
import io.github.rtmpflow.server.client.RtmpClient;
import io.github.rtmpflow.server.client.RtmpClientOptions;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The command-line server's SIGTERM drain (issue #8): with {@code --drain-seconds}, SIGTERM
 * sends NetConnection.Connect.ReconnectRequest to the publisher whose connect announced capsEx
 * Reconnect and not to the other one, waits for the publishers to leave, and exits 0.
 */
class EnhancedDrainIT {

    private static AmfObject capsEx(int flags) {
        return AmfObject.builder().put(EnhancedRtmp.CAPS_EX, flags).build();
    }

    @Test
    void shouldAskOnlyReconnectCapablePublishersToMoveOnSigterm() throws Exception {
        try (ServerProcess server = ServerProcess.start("drain", "--bind", "127.0.0.1", "--port", "0",
                "--drain-seconds", "60")) {
            String url = "rtmp://127.0.0.1:" + server.awaitListening() + "/live";
            try (RtmpClient mover = RtmpClient.connect(url, RtmpClientOptions.DEFAULTS,
                         capsEx(EnhancedRtmp.CAPS_EX_RECONNECT));
                    RtmpClient stayer = RtmpClient.connect(url, RtmpClientOptions.DEFAULTS,
                            capsEx(EnhancedRtmp.CAPS_EX_MULTITRACK))) {
                mover.publish("mover");
                stayer.publish("stayer");
                server.awaitLine("publishing live/stayer from ");

                server.signal("TERM");

                AmfObject request = mover.awaitStatus(StatusCodes.CONNECT_RECONNECT_REQUEST, Duration.ofSeconds(30));
                assertThat(request.getString("level")).isEqualTo("status");
                mover.close();
                server.awaitLine("ended live/mover: ");
                assertThatThrownBy(() -> stayer.awaitStatus(StatusCodes.CONNECT_RECONNECT_REQUEST,
                        Duration.ofSeconds(2))).isInstanceOf(IOException.class).hasMessageContaining("no onStatus");
                stayer.unpublish();
                assertThat(server.awaitExit()).as(server.describe()).isZero();
            }
        }
    }
}
