package dev.periscope.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads every record of a chain, for tests that count what was written. */
final class ChainReader {

    private ChainReader() {
    }

    static List<JsonNode> records(Path dir) throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        List<JsonNode> records = new ArrayList<>();
        for (ChainFormat.Segment segment : ChainFormat.segments(dir)) {
            for (byte[] line : ChainFormat.readLines(segment.path()).lines()) {
                records.add(json.readTree(line));
            }
        }
        return records;
    }

    static List<JsonNode> ofType(List<JsonNode> records, String type) {
        return records.stream().filter(r -> r.path("type").asString().equals(type)).toList();
    }
}
