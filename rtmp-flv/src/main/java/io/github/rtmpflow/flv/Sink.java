package io.github.rtmpflow.flv;

/**
 * One consumer of a {@link TagFanout}, as the producer sees it. The producer-side methods and
 * fields ({@link #attached}, {@link #mode}, {@link #sinceMarker}) are confined to the thread
 * that publishes, one at a time.
 */
abstract sealed class Sink implements TagSubscription permits QueuedSubscription, ListenerSubscription {
    /** Delivering every tag. */
    static final int NORMAL = 0;
    /** A late joiner skipping media until its first keyframe (not counted as drops). */
    static final int WAITING = 1;
    /** Fell behind: dropping media until a keyframe fits (counted). */
    static final int DROPPING = 2;

    private final String name;
    private final boolean replayGop;
    private final TrackSelection tracks;

    /** True once primed from the join cache (producer-confined). */
    boolean attached;
    /** {@link #NORMAL}, {@link #WAITING} or {@link #DROPPING} (producer-confined). */
    int mode = NORMAL;
    /** True when something was delivered since the last discontinuity (producer-confined). */
    boolean sinceMarker;

    Sink(String name, boolean replayGop, TrackSelection tracks) {
        this.name = name;
        this.replayGop = replayGop;
        this.tracks = tracks;
    }

    @Override
    public final String name() {
        return name;
    }

    /**
     * Producer: first contact, at the first publish after subscribing. Delivers the cached
     * metadata and sequence headers; a late joiner (media already flowing) then gets the GOP if
     * it asked and it fits, or else skips media until the next keyframe.
     */
    final void attach(JoinCache cache) {
        attached = true;
        if (cache.metadata() != null) {
            deliverControl(cache.metadata());
        }
        for (FlvTag header : cache.videoSequenceHeaders()) {
            deliverSelectedControl(header);
        }
        for (FlvTag header : cache.audioSequenceHeaders()) {
            deliverSelectedControl(header);
        }
        // After the configuration records, before any frame they apply to.
        for (FlvTag configuration : cache.videoConfigurations()) {
            deliverSelectedControl(configuration);
        }
        for (FlvTag configuration : cache.audioConfigurations()) {
            deliverSelectedControl(configuration);
        }
        if (!cache.mediaSeen()) {
            return;
        }
        GopCache gop = cache.gop();
        if (replayGop && gop.size() > 0 && acceptsGop(gop)) {
            for (int i = 0; i < gop.size(); i++) {
                FlvTag selected = TrackFilter.apply(gop.get(i), tracks);
                if (selected != null) {
                    deliverMedia(selected);
                }
            }
        } else {
            mode = WAITING;
        }
    }

    private void deliverSelectedControl(FlvTag tag) {
        FlvTag selected = TrackFilter.apply(tag, tracks);
        if (selected != null) {
            deliverControl(selected);
        }
    }

    /**
     * Producer: a published tag, first narrowed to the chosen tracks (a tag of other tracks only
     * never reaches this subscriber, so it neither counts as a drop nor ends a wait for a
     * keyframe); then {@link #onTag}.
     */
    final void publish(FlvTag tag, TagKind kind, boolean audioOnly, SelectionMemo memo) {
        FlvTag selected = memo.apply(tag, tracks);
        if (selected == null) {
            return;
        }
        onTag(selected, selected == tag ? kind : TagKind.of(selected), audioOnly);
    }

    /** Producer: at a session boundary, signals a discontinuity if anything came before it. */
    final void endSession() {
        if (attached && sinceMarker) {
            sinceMarker = false;
            deliverDiscontinuity();
        }
        mode = NORMAL;
    }

    /** Producer: a tag that is never dropped. */
    abstract void deliverControl(FlvTag tag);

    /** Producer: a media tag of a replayed GOP, already checked with {@link #acceptsGop}. */
    abstract void deliverMedia(FlvTag tag);

    /** Producer: whether a replayed GOP fits now. */
    abstract boolean acceptsGop(GopCache gop);

    /** Producer: the discontinuity signal. */
    abstract void deliverDiscontinuity();

    /** Producer: a published tag. */
    abstract void onTag(FlvTag tag, TagKind kind, boolean audioOnly);

    /**
     * Any thread: ends the subscription with completion ({@code error == null}) or an error,
     * after what is queued. Set once; later calls do nothing.
     */
    abstract void terminate(Throwable error);
}
