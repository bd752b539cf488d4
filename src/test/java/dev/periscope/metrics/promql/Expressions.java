package dev.periscope.metrics.promql;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The expression corpus in {@code expressions.promql}: one expression a line, continued by lines that start with a space. */
final class Expressions {

    private Expressions() {
    }

    static List<String> all() {
        var result = new ArrayList<String>();
        try (var in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                Expressions.class.getResourceAsStream("expressions.promql")), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (Character.isWhitespace(line.charAt(0)) && !result.isEmpty()) {
                    result.set(result.size() - 1, result.getLast() + "\n" + line);
                } else {
                    result.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return result;
    }
}
