package dev.periscope.masking;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** All the text the tests and the benchmark run over: generated log lines and the third-party corpora. */
final class Corpus {

    private Corpus() {
    }

    static List<String> researchSentences() throws IOException {
        List<String> out = new ArrayList<>();
        JsonNode root = JsonMapper.builder().build().readTree(Files.readString(
                MaskingFixtures.corpora().resolve("presidio-research/synth_dataset_v2.json")));
        root.forEach(s -> out.add(s.get("full_text").asString()));
        return out;
    }

    static List<String> everything() throws IOException {
        List<String> out = new ArrayList<>(SyntheticLogs.lines(20260101L, 10_000));
        out.addAll(researchSentences());
        JsonMapper json = JsonMapper.builder().build();
        JsonNode gitleaks = json.readTree(Files.readString(
                MaskingFixtures.corpora().resolve("gitleaks-rule-cases/gitleaks_rule_cases.json")));
        for (JsonNode r : gitleaks) {
            r.get("true_positives").forEach(t -> out.add(t.asString()));
            r.get("false_positives").forEach(t -> out.add(t.asString()));
        }
        JsonNode presidio = json.readTree(Files.readString(
                MaskingFixtures.corpora().resolve("presidio-recognizer-cases/presidio_recognizer_cases.json")));
        presidio.properties().forEach(e -> e.getValue().forEach(c -> {
            JsonNode p = c.get("params");
            for (String k : List.of("text", "iban", "pesel", "id_number")) {
                if (p.has(k) && p.get(k).isString()) {
                    out.add(p.get(k).asString());
                }
            }
        }));
        out.addAll(Files.readAllLines(MaskingFixtures.corpora().resolve("node-exporter/e2e-output.txt")));
        return out;
    }
}
