package io.github.rtmpflow.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.server.AuthorizationRequest;
import io.github.rtmpflow.server.AuthorizationRequest.Action;
import io.github.rtmpflow.server.Decision;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreamKeyAuthorizerTest {

    private static final String KEY = "s3cr3t-K3y";
    private final StreamKeyAuthorizer authorizer = new StreamKeyAuthorizer(KEY);

    @Test
    void shouldAllowAPublisherWithTheKeyOnTheStreamName() {
        assertThat(authorizer.authorize(publish("key=" + KEY, "")).allowed()).isTrue();
        assertThat(authorizer.authorize(publish("other=1&key=" + KEY, "")).allowed()).isTrue();
    }

    @Test
    void shouldAllowAPublisherWithTheKeyOnTheConnectUrl() {
        assertThat(authorizer.authorize(publish("", "key=" + KEY)).allowed()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "key=", "key=s3cr3t", "key=s3cr3t-K3yX", "key=S3CR3T-K3Y", "kee=s3cr3t-K3y"})
    void shouldRefuseAPublisherWithoutTheExactKeyAndNameNoKeyInTheReason(String query) {
        Decision decision = authorizer.authorize(publish(query, ""));

        assertThat(decision).isEqualTo(Decision.deny(StreamKeyAuthorizer.REFUSAL));
        assertThat(StreamKeyAuthorizer.REFUSAL).doesNotContain(KEY);
    }

    @Test
    void shouldNotAskPlayersForTheKey() {
        AuthorizationRequest play = new AuthorizationRequest(Action.PLAY, "live", "cam1", "", "",
                new InetSocketAddress("127.0.0.1", 5000));

        assertThat(authorizer.authorize(play).allowed()).isTrue();
    }

    @Test
    void shouldNeverShowTheKeyInItsText() {
        assertThat(authorizer.toString()).doesNotContain(KEY);
    }

    private static AuthorizationRequest publish(String streamQuery, String tcUrlQuery) {
        return new AuthorizationRequest(Action.PUBLISH, "live", "cam1", streamQuery, tcUrlQuery,
                new InetSocketAddress("127.0.0.1", 5000));
    }
}
