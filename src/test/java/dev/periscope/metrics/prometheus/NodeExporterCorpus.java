package dev.periscope.metrics.prometheus;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The node_exporter end-to-end exposition from {@code ../shared/corpora/node-exporter}, as OpenMetrics with
 * timestamps: every series repeated every five minutes over the RED data's window, labelled as team {@code ops}.
 */
final class NodeExporterCorpus {

    static final Path FILE = Path.of("..", "shared", "corpora", "node-exporter", "e2e-output.txt");
    static final String INSTANCE = "node-1:9100";

    private NodeExporterCorpus() {
    }

    static List<String> samples() throws IOException {
        if (!Files.isRegularFile(FILE)) {
            throw new IllegalStateException("The node_exporter corpus is missing: expected " + FILE.toAbsolutePath()
                    + " (the shared test corpora live beside the project, in ../shared/corpora)");
        }
        var samples = new ArrayList<String>();
        for (String line : Files.readAllLines(FILE)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                samples.add(line);
            }
        }
        return samples;
    }

    /** Writes the corpus; returns how many series it holds. */
    static int write(Writer out) throws IOException {
        List<String> samples = new ArrayList<>(samples());
        // OpenMetrics wants each metric's samples together; without TYPE lines each name is its own family.
        samples.sort(Comparator.comparing(NodeExporterCorpus::name));
        String extra = "job=\"node\",instance=\"" + INSTANCE + "\",team=\"ops\"";
        long t0 = RedData.START.getEpochSecond();
        for (String sample : samples) {
            String name = name(sample);
            String rest = sample.substring(name.length());
            String withLabels;
            if (rest.startsWith("{")) {
                withLabels = name + "{" + extra + (rest.startsWith("{}") ? "" : ",") + rest.substring(1);
            } else {
                withLabels = name + "{" + extra + "}" + rest;
            }
            for (long t = t0; t <= RedData.end().getEpochSecond(); t += 300) {
                out.write(withLabels + " " + t + "\n");
            }
        }
        return samples.size();
    }

    private static String name(String sample) {
        int end = 0;
        while (end < sample.length() && sample.charAt(end) != '{' && sample.charAt(end) != ' ') {
            end++;
        }
        return sample.substring(0, end);
    }
}
