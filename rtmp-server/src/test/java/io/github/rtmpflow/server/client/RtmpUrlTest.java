package io.github.rtmpflow.server.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RtmpUrlTest {

    @Test
    void shouldParsePlainUrlWithDefaultPortAndQuery() {
        RtmpUrl url = RtmpUrl.parse("rtmp://example.org/live?key=s3cret");

        assertThat(url.host()).isEqualTo("example.org");
        assertThat(url.port()).isEqualTo(1935);
        assertThat(url.app()).isEqualTo("live?key=s3cret");
        assertThat(url.tls()).isFalse();
        assertThat(url.toString()).isEqualTo("rtmp://example.org:1935/live");
    }

    @Test
    void shouldParseRtmpsUrlWithTheTlsDefaultPort() {
        RtmpUrl url = RtmpUrl.parse("RTMPS://127.0.0.1/app/");

        assertThat(url.port()).isEqualTo(443);
        assertThat(url.app()).isEqualTo("app");
        assertThat(url.tls()).isTrue();
        assertThat(url.toString()).isEqualTo("rtmps://127.0.0.1:443/app");
    }

    @Test
    void shouldRejectOtherSchemesAndMissingApp() {
        assertThatThrownBy(() -> RtmpUrl.parse("http://h/app")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RtmpUrl.parse("rtmp://h/")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRefuseToSpeakPlainRtmpToAnRtmpsUrl() {
        assertThatThrownBy(() -> RtmpClient.connect("rtmps://127.0.0.1:1/live"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain RTMP only");
    }
}
