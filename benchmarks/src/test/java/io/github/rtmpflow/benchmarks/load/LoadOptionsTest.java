package io.github.rtmpflow.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.rtmpflow.core.handshake.HandshakeForm;
import io.github.rtmpflow.server.client.RtmpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LoadOptionsTest {

    @Test
    void shouldParseEveryOption() {
        LoadOptions o = LoadOptions.parse("--url", "rtmp://10.0.0.1:1940/app", "--publishers", "16", "--players", "2",
                "--bitrate", "3000", "--audio-bitrate", "96", "--fps", "25", "--gop", "50", "--width", "1920",
                "--height", "1080", "--keyframe-factor", "4", "--duration", "2.5", "--paced", "--chunk-size", "60000",
                "--extended-timestamp-start", "--handshake", "digest", "--stream-prefix", "cam", "--threads", "1",
                "--ramp", "1.5", "--setup-timeout", "3", "--max-lag-ms", "500", "--seed", "9", "--source-addresses", "8");

        assertThat(o).isEqualTo(new LoadOptions(RtmpUrl.parse("rtmp://10.0.0.1:1940/app"), 16, 2, 3000, 96, 25, 50, 1920,
                1080, 4, 2.5, true, 60000, true, HandshakeForm.DIGEST_SCHEMA_1, "cam", 1, 1.5, 3, 500, 9, 8));
        assertThat(o.sourceAddress(0).getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(o.sourceAddress(9).getAddress().getHostAddress()).isEqualTo("127.0.0.2");
    }

    @Test
    void shouldDefaultToOneFastPublisherWithTheSimpleHandshake() {
        LoadOptions o = LoadOptions.parse("--url", "rtmp://localhost/live");

        assertThat(o.publishers()).isEqualTo(1);
        assertThat(o.paced()).isFalse();
        assertThat(o.handshake()).isEqualTo(HandshakeForm.SIMPLE);
        assertThat(o.url().port()).isEqualTo(1935);
        assertThat(o.url().tcUrl()).isEqualTo("rtmp://localhost/live");
        assertThat(o.chunkSize()).isEqualTo(4096);
        assertThat(o.sourceAddress(5)).isNull();
    }

    @ParameterizedTest
    @CsvSource({
        "rtmp://[::1]:1936/live, 1936, live",
        "rtmp://host/app/inst, 1935, app/inst",
    })
    void shouldTakeTheServerAndAppFromTheUrl(String text, int port, String app) {
        LoadOptions o = LoadOptions.parse("--url", text);

        assertThat(o.url().port()).isEqualTo(port);
        assertThat(o.url().app()).isEqualTo(app);
        assertThat(o.url().tcUrl()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://h/live", "rtmp://h", "rtmp://h/", "rtmp://h:x/live", "rtmp://h:0/live"})
    void shouldRefuseBadUrls(String text) {
        assertThatThrownBy(() -> LoadOptions.parse("--url", text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({
        "--publishers, 0, publishers=0",
        "--players, -1, players=-1",
        "--fps, 0, fps=0",
        "--chunk-size, 16, chunkSize=16",
        "--handshake, rtmpe, value=rtmpe",
        "--bogus, 1, unknown option",
        "--gop, x, bad number",
        "--source-addresses, 251, sourceAddresses=251",
    })
    void shouldRefuseBadValues(String option, String value, String message) {
        assertThatThrownBy(() -> LoadOptions.parse("--url", "rtmp://h/live", option, value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void shouldRequireAUrl() {
        assertThatThrownBy(() -> LoadOptions.parse("--publishers", "2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--url");
    }
}
