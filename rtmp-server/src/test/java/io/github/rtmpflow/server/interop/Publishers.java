package io.github.rtmpflow.server.interop;

import java.nio.file.Path;
import java.time.Duration;

/** The real publishers, each pushing an FLV file to an RTMP URL. */
public final class Publishers {

    /** Budget of one publish of a 4 s file (as fast as it goes, or in real time with -re). */
    public static final Duration BUDGET = Duration.ofSeconds(30);

    private Publishers() {
    }

    /** Runs {@code ffmpeg -i FILE -c copy -f flv URL} without {@code -re} and returns its result. */
    public static ExternalTool.Result ffmpeg(String label, Path flv, String url) {
        return ExternalTool.run(label, BUDGET, ffmpegCommand(flv, url, false));
    }

    /** Starts {@code ffmpeg -re -i FILE -c copy -f flv URL} (real time) in the background. */
    public static ExternalTool.Running ffmpegRealTime(String label, Path flv, String url) {
        return ExternalTool.start(label, BUDGET, ffmpegCommand(flv, url, true));
    }

    /** Starts {@code ffmpeg -i FILE -c copy -f flv URL} without {@code -re} in the background. */
    public static ExternalTool.Running ffmpegStart(String label, Path flv, String url) {
        return ExternalTool.start(label, BUDGET, ffmpegCommand(flv, url, false));
    }

    private static String[] ffmpegCommand(Path flv, String url, boolean realTime) {
        return realTime
                ? new String[] {"ffmpeg", "-hide_banner", "-nostdin", "-v", "warning", "-re", "-i", flv.toString(),
                    "-c", "copy", "-f", "flv", url}
                : new String[] {"ffmpeg", "-hide_banner", "-nostdin", "-v", "warning", "-i", flv.toString(),
                    "-c", "copy", "-f", "flv", url};
    }

    /**
     * Runs GStreamer: demux {@code flv}, parse, remux with {@code flvmux streamable=true} and send
     * with {@code sinkElement} ({@code rtmp2sink} or librtmp's {@code rtmpsink}) as fast as it
     * goes ({@code sync=false}), teeing the very FLV stream it sends into {@code sentCopy}.
     */
    public static ExternalTool.Result gstreamer(String label, String sinkElement, Path flv, String url,
            Path sentCopy) {
        ExternalTool.require("gst-launch-1.0");
        ExternalTool.requireGstElement(sinkElement);
        return ExternalTool.run(label, BUDGET, "gst-launch-1.0", "-q",
                "filesrc", "location=" + flv, "!", "flvdemux", "name=d",
                "d.video", "!", "queue", "!", "h264parse", "!", "flvmux", "name=m", "streamable=true",
                "!", "tee", "name=t",
                "!", "queue", "!", sinkElement, "location=" + url, "sync=false",
                "t.", "!", "queue", "!", "filesink", "location=" + sentCopy,
                "d.audio", "!", "queue", "!", "aacparse", "!", "m.");
    }
}
