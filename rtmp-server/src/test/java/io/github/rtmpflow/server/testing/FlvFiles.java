package io.github.rtmpflow.server.testing;

import io.github.rtmpflow.flv.FlvReader;
import io.github.rtmpflow.flv.FlvTag;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** Reads recordings back with the FLV reader. */
public final class FlvFiles {
    private FlvFiles() {
    }

    /** Returns every tag of {@code file}. */
    public static List<FlvTag> read(Path file) throws IOException {
        List<FlvTag> tags = new ArrayList<>();
        try (FlvReader reader = new FlvReader(FileChannel.open(file, StandardOpenOption.READ))) {
            reader.header();
            FlvTag tag;
            while ((tag = reader.next()) != null) {
                tags.add(tag);
            }
        }
        return tags;
    }

    /** Returns only the audio and video tags of {@code tags}. */
    public static List<FlvTag> media(List<FlvTag> tags) {
        List<FlvTag> media = new ArrayList<>();
        for (FlvTag tag : tags) {
            if (!tag.isScript()) {
                media.add(tag);
            }
        }
        return media;
    }
}
