package io.github.rtmpflow.flv;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The few fields of ffprobe's JSON the tests check: per stream and for the format. */
record Probe(List<Map<String, String>> streams, Map<String, String> format) {
    private static final Pattern FIELD = Pattern.compile("\"([a-z_]+)\": (\"[^\"]*\"|[-0-9.]+)");

    static Probe parse(String json) {
        int streamsAt = json.indexOf("\"streams\"");
        int formatAt = json.indexOf("\"format\"");
        List<Map<String, String>> streams = new ArrayList<>();
        String streamPart = json.substring(streamsAt, formatAt);
        for (String block : streamPart.split("\"index\": ")) {
            if (block.contains("codec_type")) {
                streams.add(fields("\"index\": " + block));
            }
        }
        return new Probe(streams, fields(json.substring(formatAt)));
    }

    private static Map<String, String> fields(String text) {
        Map<String, String> out = new HashMap<>();
        Matcher m = FIELD.matcher(text);
        while (m.find()) {
            out.putIfAbsent(m.group(1), m.group(2).replace("\"", ""));
        }
        return out;
    }

    /** Returns the first stream of {@code codecType} ("video", "audio"). */
    Map<String, String> stream(String codecType) {
        return streams.stream().filter(s -> codecType.equals(s.get("codec_type"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + codecType + " stream in " + streams));
    }

    double duration() {
        return Double.parseDouble(format.get("duration"));
    }
}
