package dev.periscope.problems;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The traces under {@code src/test/resources/problems}. */
final class Corpus {

    private Corpus() {
    }

    static String read(String name) {
        try (InputStream in = Corpus.class.getResourceAsStream("/problems/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no corpus file " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static StackTrace parse(String name) {
        return StackTraces.parse(read(name), false).orElseThrow(() -> new AssertionError("no trace in " + name));
    }
}
