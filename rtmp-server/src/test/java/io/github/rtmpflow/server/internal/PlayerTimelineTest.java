package io.github.rtmpflow.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlayerTimelineTest {

    private final PlayerTimeline timeline = new PlayerTimeline();

    @Test
    void shouldStartAtZeroFromTheFirstMediaTagAndKeepThePublishersIntervals() {
        assertThat(timeline.map(0, false)).isZero();
        assertThat(timeline.map(50_000, true)).isZero();
        assertThat(timeline.map(50_021, true)).isEqualTo(21);
        assertThat(timeline.map(50_033, true)).isEqualTo(33);
        assertThat(timeline.map(50_030, true)).as("audio a little behind video").isEqualTo(30);
    }

    @Test
    void shouldPlaceControlTagsBeforeTheFirstMediaTagAtTheCurrentTime() {
        timeline.map(1000, true);
        timeline.map(1500, true);
        timeline.newSession();

        assertThat(timeline.map(0, false)).isEqualTo(500);
        assertThat(timeline.map(0, false)).isEqualTo(500);
    }

    @Test
    void shouldContinueANewSessionWhereThePreviousEndedWhateverItsTimestamps() {
        timeline.map(7000, true);
        timeline.map(9000, true);
        timeline.newSession();

        assertThat(timeline.map(0, true)).isEqualTo(2000);
        assertThat(timeline.map(40, true)).isEqualTo(2040);
        timeline.newSession();
        assertThat(timeline.map(1_000_000, true)).isEqualTo(2040);
    }

    @Test
    void shouldClampTagsOlderThanTheAnchorToTheSessionStart() {
        timeline.map(100, true);
        timeline.map(200, true);
        timeline.newSession();
        timeline.map(5000, true);

        assertThat(timeline.map(4990, true)).isEqualTo(100);
    }

    @Test
    void shouldReanchorWhenThePublisherJumpsBackWithinASession() {
        timeline.map(60_000, true);
        timeline.map(65_000, true);

        assertThat(timeline.map(10, true)).isEqualTo(5000);
        assertThat(timeline.map(43, true)).isEqualTo(5033);
    }

    @Test
    void shouldPassForwardJumpsUnchanged() {
        timeline.map(0, true);

        assertThat(timeline.map(10_000, true)).isEqualTo(10_000);
        assertThat(timeline.current()).isEqualTo(10_000);
    }
}
