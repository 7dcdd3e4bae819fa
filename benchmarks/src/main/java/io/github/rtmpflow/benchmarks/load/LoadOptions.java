package io.github.rtmpflow.benchmarks.load;

import io.github.rtmpflow.core.handshake.HandshakeForm;
import io.github.rtmpflow.server.client.RtmpUrl;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * What one load run does; parsed from the command line by {@link #parse(String...)}.
 *
 * @param url where to publish: {@code rtmp://host:port/app}
 * @param publishers number of concurrent publishers (at least 1)
 * @param players number of players; player i plays the stream of publisher {@code i % publishers}
 *     (more players than publishers fan streams out: {@code --publishers 1 --players 500} is 500
 *     players of one stream) and measures publish-to-delivery latency from stamps in the video
 *     frames and gaps in its video timestamps (dropped frames)
 * @param videoKbps video bit rate in kbit/s
 * @param audioKbps audio bit rate in kbit/s, 0 for no audio
 * @param fps video frames per second
 * @param gop frames per GOP: a keyframe every {@code gop} frames
 * @param width picture width in pixels (even)
 * @param height picture height in pixels (even)
 * @param keyframeFactor how many inter frames' bytes a keyframe weighs
 * @param durationSeconds how long each publisher publishes after NetStream.Publish.Start
 * @param paced send in real time (by timestamp) instead of as fast as the server reads
 * @param chunkSize outgoing chunk size announced with Set Chunk Size before connect; 0 keeps 128
 *     and sends none
 * @param extendedTimestampStart start timestamps at {@link #EXTENDED_TIMESTAMP_START}, so that
 *     the stream crosses the 24-bit extended timestamp boundary after one second
 * @param handshake the C1 form: {@link HandshakeForm#SIMPLE} or a digest schema
 * @param streamPrefix publisher i publishes {@code prefix + i}
 * @param threads selector threads (0: as many as processors, at most 2)
 * @param rampSeconds spread the connection starts evenly over this many seconds
 * @param setupTimeoutSeconds a publisher that is not publishing after this long has failed
 * @param maxLagMillis a paced publisher that falls further behind real time counts as behind
 * @param seed seed of the generated payload bytes
 * @param sourceAddresses 0 to let the system pick the local address; N (1..250) to bind connection i
 *     to 127.0.0.(1 + i % N), so that a loopback server's per-address connection limit sees N
 *     clients (requires a loopback URL)
 */
public record LoadOptions(RtmpUrl url, int publishers, int players, int videoKbps, int audioKbps, int fps,
        int gop, int width, int height, int keyframeFactor, double durationSeconds, boolean paced, int chunkSize,
        boolean extendedTimestampStart, HandshakeForm handshake, String streamPrefix, int threads,
        double rampSeconds, double setupTimeoutSeconds, long maxLagMillis, long seed, int sourceAddresses) {

    /** First timestamp with {@code --extended-timestamp-start}: 1 s before 0xFFFFFF. */
    public static final long EXTENDED_TIMESTAMP_START = 0xFFFFFF - 1000;
    /** Largest generated frame, in bytes. */
    static final int MAX_FRAME_LENGTH = 4 * 1024 * 1024;
    /** Most loopback source addresses {@code --source-addresses} spreads over. */
    static final int MAX_SOURCE_ADDRESSES = 250;

    /** Checks the ranges. */
    public LoadOptions {
        check(publishers >= 1, "publishers", publishers);
        check(players >= 0, "players", players);
        check(videoKbps >= 1, "videoKbps", videoKbps);
        check(audioKbps >= 0, "audioKbps", audioKbps);
        check(fps >= 1 && fps <= 240, "fps", fps);
        check(gop >= 1, "gop", gop);
        check(keyframeFactor >= 1, "keyframeFactor", keyframeFactor);
        check(durationSeconds > 0, "durationSeconds", durationSeconds);
        check(chunkSize == 0 || chunkSize >= LatencyStamp.END && chunkSize <= 0xFFFFFF, "chunkSize", chunkSize);
        check(threads >= 0, "threads", threads);
        check(rampSeconds >= 0, "rampSeconds", rampSeconds);
        check(setupTimeoutSeconds > 0, "setupTimeoutSeconds", setupTimeoutSeconds);
        check(maxLagMillis >= 0, "maxLagMillis", maxLagMillis);
        check(sourceAddresses >= 0 && sourceAddresses <= MAX_SOURCE_ADDRESSES, "sourceAddresses", sourceAddresses);
        if (url == null || handshake == null || streamPrefix == null || streamPrefix.isEmpty()) {
            throw new IllegalArgumentException("url, handshake and streamPrefix are required");
        }
        check(url.port() >= 1 && url.port() <= 65_535, "port", url.port());
    }

    /** Returns the defaults for publishing to {@code url}: 1 publisher, 2500 kbit/s 720p30, 10 s, fast. */
    public static LoadOptions defaults(String url) {
        return new LoadOptions(RtmpUrl.parse(url), 1, 0, 2500, 128, 30, 60, 1280, 720, 6, 10, false, 4096,
                false, HandshakeForm.SIMPLE, "load", 0, 0, 10, 1000, 1, 0);
    }

    /**
     * Returns the local address connection {@code index} binds to, or null to let the system pick.
     */
    InetSocketAddress sourceAddress(int index) {
        if (sourceAddresses == 0) {
            return null;
        }
        byte[] ip = {127, 0, 0, (byte) (1 + index % sourceAddresses)};
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip), 0);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a literal address cannot be unknown", e);
        }
    }

    /** Returns the number of selector threads to run. */
    int effectiveThreads() {
        int t = threads > 0 ? threads : Math.min(2, Runtime.getRuntime().availableProcessors());
        return Math.min(t, publishers + players);
    }

    /**
     * Parses command-line options (see {@link #usage()}).
     *
     * @throws IllegalArgumentException for an unknown option or a bad value
     */
    public static LoadOptions parse(String... args) {
        String url = null;
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--url")) {
                url = args[i + 1];
            }
        }
        if (url == null) {
            throw new IllegalArgumentException("--url is required");
        }
        LoadOptions o = defaults(url);
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--paced") || name.equals("--fast")) {
                o = o.withPaced(name.equals("--paced"));
            } else if (name.equals("--extended-timestamp-start")) {
                o = o.with(name, "true");
            } else if (i + 1 < args.length) {
                o = o.with(name, args[++i]);
            } else {
                throw new IllegalArgumentException("missing value: option=" + name);
            }
        }
        return o;
    }

    /** Returns a copy with {@code paced} set. */
    public LoadOptions withPaced(boolean value) {
        return new LoadOptions(url, publishers, players, videoKbps, audioKbps, fps, gop, width, height,
                keyframeFactor, durationSeconds, value, chunkSize, extendedTimestampStart, handshake, streamPrefix,
                threads, rampSeconds, setupTimeoutSeconds, maxLagMillis, seed, sourceAddresses);
    }

    /**
     * Returns a copy with one option changed, by its command-line name.
     *
     * @throws IllegalArgumentException for an unknown option or a bad value
     */
    public LoadOptions with(String option, String value) {
        RtmpUrl u = url;
        int pub = publishers, play = players, vk = videoKbps, ak = audioKbps, f = fps, g = gop, w = width;
        int h = height, kf = keyframeFactor, cs = chunkSize, th = threads, src = sourceAddresses;
        double dur = durationSeconds, ramp = rampSeconds, setup = setupTimeoutSeconds;
        boolean ext = extendedTimestampStart;
        HandshakeForm hs = handshake;
        String prefix = streamPrefix;
        long lag = maxLagMillis, sd = seed;
        try {
            switch (option) {
                case "--url" -> u = RtmpUrl.parse(value);
                case "--publishers" -> pub = Integer.parseInt(value);
                case "--players" -> play = Integer.parseInt(value);
                case "--bitrate" -> vk = Integer.parseInt(value);
                case "--audio-bitrate" -> ak = Integer.parseInt(value);
                case "--fps" -> f = Integer.parseInt(value);
                case "--gop" -> g = Integer.parseInt(value);
                case "--width" -> w = Integer.parseInt(value);
                case "--height" -> h = Integer.parseInt(value);
                case "--keyframe-factor" -> kf = Integer.parseInt(value);
                case "--duration" -> dur = Double.parseDouble(value);
                case "--chunk-size" -> cs = Integer.parseInt(value);
                case "--extended-timestamp-start" -> ext = Boolean.parseBoolean(value);
                case "--handshake" -> hs = handshake(value);
                case "--stream-prefix" -> prefix = value;
                case "--threads" -> th = Integer.parseInt(value);
                case "--ramp" -> ramp = Double.parseDouble(value);
                case "--setup-timeout" -> setup = Double.parseDouble(value);
                case "--max-lag-ms" -> lag = Long.parseLong(value);
                case "--seed" -> sd = Long.parseLong(value);
                case "--source-addresses" -> src = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option: option=" + option);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad number: option=" + option + " value=" + value, e);
        }
        return new LoadOptions(u, pub, play, vk, ak, f, g, w, h, kf, dur, paced, cs, ext, hs, prefix, th, ramp, setup,
                lag, sd, src);
    }

    private static HandshakeForm handshake(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "simple" -> HandshakeForm.SIMPLE;
            case "digest" -> HandshakeForm.DIGEST_SCHEMA_1;
            case "digest0" -> HandshakeForm.DIGEST_SCHEMA_0;
            default -> throw new IllegalArgumentException(
                    "handshake must be simple, digest or digest0: value=" + value);
        };
    }

    /** Returns the command-line help. */
    public static String usage() {
        return String.join("\n",
                "usage: LoadGenerator --url rtmp://HOST[:PORT]/APP [options]",
                "  (rtmps://HOST:PORT/APP: TLS, trusting any certificate - for self-signed test servers)",
                "  --publishers N            concurrent publishers (1)",
                "  --players N               players, player i of stream i % publishers, measuring latency and",
                "                            dropped frames (0); --publishers 1 --players N: N players of one stream",
                "  --bitrate KBPS            video kbit/s (2500)",
                "  --audio-bitrate KBPS      AAC kbit/s, 0 for none (128)",
                "  --fps N / --gop N         frame rate (30), keyframe interval in frames (60)",
                "  --width N / --height N    picture size in the SPS and metadata (1280x720)",
                "  --keyframe-factor N       keyframe size in inter frames (6)",
                "  --duration S              seconds each publisher publishes (10)",
                "  --paced | --fast          real time, or as fast as the server reads (fast)",
                "  --chunk-size N            Set Chunk Size sent before connect, 0 for none (4096)",
                "  --extended-timestamp-start  start at 0xFFFFFF-1000 ms to cross the extended timestamp",
                "  --handshake simple|digest|digest0  C1 form (simple)",
                "  --stream-prefix P         stream names P0, P1, ... (load)",
                "  --threads N               selector threads (min(2, cores))",
                "  --ramp S                  spread publisher starts, and each stream's players, over S seconds (0)",
                "  --setup-timeout S         time to reach NetStream.Publish.Start (10)",
                "  --max-lag-ms MS           paced: behind real time by more counts as behind (1000)",
                "  --seed N                  payload bytes seed (1)",
                "  --source-addresses N      bind connection i to 127.0.0.(1 + i % N), N <= 250 (0: any)");
    }

    private static void check(boolean ok, String name, Object value) {
        if (!ok) {
            throw new IllegalArgumentException(name + " out of range: " + name + "=" + value);
        }
    }
}
