package io.github.rtmpflow.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NameValidatorTest {

    @ParameterizedTest
    @ValueSource(strings = {"cam1", "live_stream-2", "caméra", "a.b", "名前", "\uD83D\uDE00"})
    void shouldAcceptOrdinaryNames(String name) {
        assertThat(NameValidator.problem(name)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a/b", "../etc", "a\\b", "a..b", "tab\there", "nl\n", "del\u007f",
        "c1\u0085", "lone\uD800", "\uDC00"})
    void shouldRefuseUnsafeNames(String name) {
        assertThat(NameValidator.problem(name)).isNotNull();
    }

    @Test
    void shouldRefuseNamesOver255Utf8Bytes() {
        assertThat(NameValidator.isValid("é".repeat(127))).isTrue();   // 254 bytes
        assertThat(NameValidator.isValid("é".repeat(128))).isFalse();  // 256 bytes
        assertThat(NameValidator.isValid("x".repeat(255))).isTrue();
        assertThat(NameValidator.isValid("x".repeat(256))).isFalse();
    }
}
