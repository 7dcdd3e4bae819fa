package io.github.rtmpflow.server.internal;

import io.github.rtmpflow.core.session.ClientCapabilities;
import io.github.rtmpflow.flv.TrackSelection;

/**
 * Which Enhanced RTMP tracks an RTMP player receives. enhanced-rtmp-v2: a client that issues
 * play and declares capsEx Multitrack MUST handle multitrack streams, so it gets every track as
 * published. A player that did not declare it (every legacy player, FFmpeg 7.1) cannot parse
 * multitrack tags at all: it gets the default track (id 0, the spec's highest-priority track) of
 * video and audio in the plain single-track layout, so a multitrack stream plays like an ordinary
 * one. Tags without multitrack pass unchanged (no copy) either way.
 */
final class PlayerTracks {

    private PlayerTracks() {
    }

    /** Returns the track selection for a player that announced {@code capabilities} in connect. */
    static TrackSelection forPlayer(ClientCapabilities capabilities) {
        return capabilities.supportsMultitrack() ? TrackSelection.ALL : TrackSelection.DEFAULT_TRACKS_WITHOUT_MULTITRACK;
    }
}
