package io.github.rtmpflow.flv;

import io.github.rtmpflow.core.ProtocolException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The latest sequence header of each track of one media type (video or audio), for late
 * joiners. A tag without multitrack is track 0; an Enhanced RTMP multitrack tag configures each
 * track it carries. A tag is kept while it is the latest for at least one of its tracks, and
 * replayed in publish order so that later headers override earlier ones.
 *
 * <p>Confined to the producer's thread. Sequence headers are rare (one per track per
 * configuration), so parsing their headers here costs nothing that matters.
 */
final class SequenceHeaders {
    private final boolean video;
    private final Map<Integer, FlvTag> byTrack = new HashMap<>();
    private final List<FlvTag> inPublishOrder = new ArrayList<>();

    SequenceHeaders(boolean video) {
        this.video = video;
    }

    /** Records a sequence header for the tracks it carries. */
    void put(FlvTag header) {
        for (int trackId : trackIds(header)) {
            forget(byTrack.put(trackId, header));
        }
        inPublishOrder.add(header);
    }

    /** Records a sequence end: the tracks it names are no longer configured. */
    void end(FlvTag sequenceEnd) {
        for (int trackId : trackIds(sequenceEnd)) {
            forget(byTrack.remove(trackId));
        }
    }

    /** Drops everything. */
    void clear() {
        byTrack.clear();
        inPublishOrder.clear();
    }

    /** Returns the kept headers in publish order. */
    List<FlvTag> tags() {
        return inPublishOrder;
    }

    private void forget(FlvTag previous) {
        if (previous != null && !byTrack.containsValue(previous)) {
            inPublishOrder.remove(previous);
        }
    }

    private int[] trackIds(FlvTag tag) {
        try {
            if (video) {
                List<VideoTrack> tracks = VideoTagHeader.parse(tag).tracks();
                int[] ids = new int[tracks.size()];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = tracks.get(i).trackId();
                }
                return ids.length == 0 ? new int[] {0} : ids;
            }
            List<AudioTrack> tracks = AudioTagHeader.parse(tag).tracks();
            int[] ids = new int[tracks.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = tracks.get(i).trackId();
            }
            return ids.length == 0 ? new int[] {0} : ids;
        } catch (ProtocolException e) {
            // LENIENT: a header we cannot parse still configures the default track for players.
            return new int[] {0};
        }
    }
}
