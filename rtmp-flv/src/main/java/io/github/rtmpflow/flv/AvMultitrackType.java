package io.github.rtmpflow.flv;

/** Enhanced RTMP AvMultitrackType: how the tracks of a multitrack audio or video tag are laid out. */
public enum AvMultitrackType {
    /** One track, with a track id but no track size: the rest of the body is the track. */
    ONE_TRACK,
    /** Several tracks of one codec, each with a track id and a UI24 size. */
    MANY_TRACKS,
    /** Several tracks, each with its own FourCC, track id and UI24 size. */
    MANY_TRACKS_MANY_CODECS;

    /** Returns the type for its wire value, or {@code null} for reserved values (3 to 15). */
    static AvMultitrackType of(int value) {
        switch (value) {
            case 0:
                return ONE_TRACK;
            case 1:
                return MANY_TRACKS;
            case 2:
                return MANY_TRACKS_MANY_CODECS;
            default:
                return null;
        }
    }
}
