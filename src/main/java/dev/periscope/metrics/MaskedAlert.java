package dev.periscope.metrics;

import dev.periscope.masking.MaskedText;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A pending or firing alert from Prometheus whose labels are within the reader's scope, every value masked.
 *
 * @param name the alert's name (its {@code alertname} label)
 * @param state firing, or pending while its {@code for} duration has not yet passed
 * @param labels label name to masked value, {@code alertname} included
 * @param annotations annotation name to masked value ({@code summary}, {@code description}, {@code dashboard})
 * @param activeAt when the alert became pending, when the backend says
 * @param value the value of the alert's expression when it was last evaluated, masked
 * @param expression the alerting rule's PromQL, masked; empty when the rules did not name it
 */
public record MaskedAlert(MaskedText name, State state, Map<String, MaskedText> labels,
                          Map<String, MaskedText> annotations, Optional<Instant> activeAt, MaskedText value,
                          Optional<MaskedText> expression) {

    public enum State { FIRING, PENDING }

    public MaskedAlert {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }

    /** The service the alert is about, from its {@code service} or {@code job} label. */
    public Optional<String> service() {
        return Optional.ofNullable(labels.get("service")).or(() -> Optional.ofNullable(labels.get("job")))
                .map(MaskedText::text).filter(s -> !s.isBlank());
    }
}
