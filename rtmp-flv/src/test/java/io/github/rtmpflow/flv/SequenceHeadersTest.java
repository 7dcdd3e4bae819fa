package io.github.rtmpflow.flv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Sequence headers kept per track, for Enhanced RTMP multitrack streams. */
class SequenceHeadersTest {
    private static final HexFormat HEX = HexFormat.of();

    /** Enhanced video, key frame, Multitrack; OneTrack + SequenceStart; hvc1; the track id; a config byte. */
    private static FlvTag oneTrackHeader(int trackId, int marker) {
        return video("96" + "00" + "68766331" + String.format("%02x", trackId) + String.format("%02x", marker));
    }

    /** The same with SequenceEnd. */
    private static FlvTag oneTrackEnd(int trackId) {
        return video("96" + "02" + "68766331" + String.format("%02x", trackId));
    }

    /** ManyTracks + SequenceStart, hvc1, tracks 0 and 1 with one config byte each (u24 sizes). */
    private static FlvTag manyTracksHeader() {
        return video("96" + "10" + "68766331" + "00" + "000001" + "aa" + "01" + "000001" + "bb");
    }

    private static FlvTag video(String hex) {
        return FlvTag.of(TagType.VIDEO, 0, ByteBuffer.wrap(HEX.parseHex(hex)));
    }

    @Test
    void shouldTreatTestTagsAsSequenceHeaders() {
        assertThat(oneTrackHeader(1, 0).isSequenceHeader()).isTrue();
        assertThat(manyTracksHeader().isSequenceHeader()).isTrue();
        assertThat(oneTrackEnd(1).isSequenceEnd()).isTrue();
    }

    @Test
    void shouldKeepTheLatestHeaderOfEachTrackInPublishOrder() {
        SequenceHeaders headers = new SequenceHeaders(true);
        FlvTag legacy = TestTags.avcSequenceHeader(0);
        FlvTag track1 = oneTrackHeader(1, 1);
        FlvTag track0 = oneTrackHeader(0, 2);
        headers.put(legacy);
        headers.put(track1);
        assertThat(headers.tags()).containsExactly(legacy, track1);

        headers.put(track0); // replaces the legacy header: both are track 0
        assertThat(headers.tags()).containsExactly(track1, track0);
    }

    @Test
    void shouldKeepAManyTrackHeaderWhileItIsTheLatestForOneOfItsTracks() {
        SequenceHeaders headers = new SequenceHeaders(true);
        FlvTag many = manyTracksHeader();
        FlvTag track1 = oneTrackHeader(1, 1);
        FlvTag track0 = oneTrackHeader(0, 2);
        headers.put(many);
        headers.put(track1);
        assertThat(headers.tags()).containsExactly(many, track1);

        headers.put(track0);
        assertThat(headers.tags()).containsExactly(track1, track0);
    }

    @Test
    void shouldForgetTheTrackThatASequenceEndNames() {
        SequenceHeaders headers = new SequenceHeaders(true);
        FlvTag track0 = oneTrackHeader(0, 1);
        headers.put(track0);
        headers.put(oneTrackHeader(1, 2));
        headers.end(oneTrackEnd(1));

        assertThat(headers.tags()).containsExactly(track0);
    }

    @Test
    void shouldPrimeLateJoinerWithTheHeaderOfEveryTrack() {
        TagFanout fanout = new TagFanout("live/multitrack");
        FlvTag track0 = oneTrackHeader(0, 1);
        FlvTag track1 = oneTrackHeader(1, 2);
        FlvTag aac = TestTags.aacSequenceHeader(0);
        fanout.publish(track0);
        fanout.publish(track1);
        fanout.publish(aac);
        fanout.publish(TestTags.keyframe(0, 10));
        RecordingSubscriber late = new RecordingSubscriber(Long.MAX_VALUE);
        fanout.subscribe(late, SubscribeOptions.defaults().withExecutor(SubscribeOptions.CALLER_THREAD));
        fanout.publish(TestTags.aacFrame(0, 10));

        assertThat(late.tags()).containsExactly(track0, track1, aac);
    }
}
