package io.github.rtmpflow.flv;

import java.util.Set;

/**
 * Which Enhanced RTMP tracks (multitrack {@code trackId}s) a subscriber receives, for video and
 * audio separately. A tag without multitrack signalling is track 0 (the spec's default, highest
 * priority track). Script tags are never filtered.
 *
 * <p>How tags are filtered (see {@link TrackFilter}):
 * <ul>
 *   <li>a tag whose tracks are all chosen passes unchanged (the same shared tag, no copy);</li>
 *   <li>a tag none of whose tracks is chosen is not delivered at all (and not counted as a drop);</li>
 *   <li>a many-tracks tag with some tracks chosen is rewritten into a new tag holding only those
 *       tracks, their ids, FourCCs and bytes unchanged, with any ModEx prefix kept: one chosen
 *       track becomes the one-track layout ({@link AvMultitrackType#ONE_TRACK}), several keep the
 *       tag's layout. This costs one body copy per such tag and distinct selection: subscribers
 *       with equal selections share the narrowed tag.</li>
 * </ul>
 * Sequence headers, the join cache and drop-until-keyframe all work on the filtered tags, so a
 * subscriber of track 1 joins at a keyframe of track 1 with track 1's configuration.
 *
 * <p>With {@link #singleTrackForm()}, a multitrack tag left with one track is written without
 * multitrack signalling at all (the plain single-track enhanced layout: packet type, FourCC,
 * body; ModEx kept), for consumers that do not understand multitrack, such as players that did
 * not announce capsEx Multitrack (FFmpeg 7.1 reads no multitrack tag). The track id is then
 * lost, as it must be.
 *
 * @param videoTrackIds the video track ids to deliver, or {@code null} for every video track
 * @param audioTrackIds the audio track ids to deliver, or {@code null} for every audio track
 * @param singleTrackForm whether a tag left with one track drops its multitrack signalling
 */
public record TrackSelection(Set<Integer> videoTrackIds, Set<Integer> audioTrackIds, boolean singleTrackForm) {

    /** Every track of both kinds: no filtering. */
    public static final TrackSelection ALL = new TrackSelection(null, null, false);

    /**
     * The default track (0) of video and audio in the single-track form: what a consumer
     * without multitrack support can play (the spec recommends track 0 for the highest priority
     * or quality track).
     */
    public static final TrackSelection DEFAULT_TRACKS_WITHOUT_MULTITRACK = new TrackSelection(Set.of(0), Set.of(0),
            true);

    /** A selection that keeps the multitrack signalling of what it delivers. */
    public TrackSelection(Set<Integer> videoTrackIds, Set<Integer> audioTrackIds) {
        this(videoTrackIds, audioTrackIds, false);
    }

    /** Copies the sets; track ids are 0 to 255 (UI8 on the wire). */
    public TrackSelection {
        videoTrackIds = videoTrackIds == null ? null : check(Set.copyOf(videoTrackIds), "videoTrackIds");
        audioTrackIds = audioTrackIds == null ? null : check(Set.copyOf(audioTrackIds), "audioTrackIds");
    }

    /**
     * Returns a selection of the given video and audio track ids ({@code null}: all tracks of
     * that kind; an empty set: none).
     */
    public static TrackSelection of(Set<Integer> videoTrackIds, Set<Integer> audioTrackIds) {
        return new TrackSelection(videoTrackIds, audioTrackIds);
    }

    /** Returns a copy that writes one remaining track without multitrack signalling. */
    public TrackSelection inSingleTrackForm() {
        return new TrackSelection(videoTrackIds, audioTrackIds, true);
    }

    /** Returns whether this selection lets every tag through unchanged. */
    public boolean isAll() {
        return videoTrackIds == null && audioTrackIds == null && !singleTrackForm;
    }

    /** Returns whether {@code trackId} of the given kind is chosen. */
    public boolean includes(boolean video, int trackId) {
        Set<Integer> ids = video ? videoTrackIds : audioTrackIds;
        return ids == null || ids.contains(trackId);
    }

    private static Set<Integer> check(Set<Integer> ids, String what) {
        for (int id : ids) {
            if (id < 0 || id > 255) {
                throw new IllegalArgumentException("track id out of range: " + what + "=" + ids);
            }
        }
        return ids;
    }
}
