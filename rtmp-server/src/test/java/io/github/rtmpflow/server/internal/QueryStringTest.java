package io.github.rtmpflow.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryStringTest {

    @Test
    void shouldFindDecodedParameters() {
        String query = "a=1&key=s%2Fe+cret&flag&empty=";
        assertThat(QueryString.param(query, "key")).isEqualTo("s/e cret");
        assertThat(QueryString.param(query, "a")).isEqualTo("1");
        assertThat(QueryString.param(query, "flag")).isEmpty();
        assertThat(QueryString.param(query, "empty")).isEmpty();
        assertThat(QueryString.param(query, "missing")).isNull();
        assertThat(QueryString.param("", "key")).isNull();
    }

    @Test
    void shouldKeepMalformedEscapesVerbatim() {
        assertThat(QueryString.param("key=100%zz", "key")).isEqualTo("100%zz");
    }

    @Test
    void shouldSplitNameAtTheFirstQuestionMark() {
        assertThat(NameAndQuery.parse("cam1?key=a?b")).isEqualTo(new NameAndQuery("cam1", "key=a?b"));
        assertThat(NameAndQuery.parse("cam1")).isEqualTo(new NameAndQuery("cam1", ""));
        assertThat(NameAndQuery.parse("cam1?key=SECRET").toString()).doesNotContain("SECRET");
    }
}
