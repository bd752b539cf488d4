package dev.periscope.metrics.ui;

import dev.periscope.masking.MaskedText;
import dev.periscope.metrics.MaskedSeries;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** How a masked series is named in legends and tables, and which service it belongs to. */
final class SeriesLabels {

    private SeriesLabels() {
    }

    /** {@code metric{label="value", ...}} from the masked labels, or the key when the series has no labels. */
    static String legend(MaskedSeries s) {
        var labels = new TreeMap<>(s.labels());
        MaskedText name = labels.remove("__name__");
        var sb = new StringBuilder(name == null ? "" : name.text());
        if (!labels.isEmpty() || name == null) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<String, MaskedText> e : labels.entrySet()) {
                sb.append(first ? "" : ", ").append(e.getKey()).append("=\"").append(e.getValue().text()).append('"');
                first = false;
            }
            sb.append('}');
        }
        return sb.toString();
    }

    /** The service a series belongs to, from its {@code service} or {@code job} label (masked value). */
    static Optional<String> service(MaskedSeries s) {
        return Optional.ofNullable(s.labels().get("service")).or(() -> Optional.ofNullable(s.labels().get("job")))
                .map(MaskedText::text).filter(v -> !v.isBlank());
    }
}
