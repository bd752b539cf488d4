package dev.periscope.masking;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A structured event's fields after masking; only the masking package can create one. */
public final class MaskedFields {

    private final Map<String, MaskedText> fields;
    /** All fields' hits, worked out when first asked for: an event kept for reuse is asked again and again. */
    private @Nullable List<RuleHit> hits;

    MaskedFields(Map<String, MaskedText> fields) {
        this(new LinkedHashMap<>(fields), true);
    }

    private MaskedFields(LinkedHashMap<String, MaskedText> fields, boolean owned) {
        this.fields = java.util.Collections.unmodifiableMap(fields);
    }

    /** Takes a map nobody else holds, without copying it: a page of events makes one of these per event. */
    static MaskedFields owning(LinkedHashMap<String, MaskedText> fields) {
        return new MaskedFields(fields, true);
    }

    public Map<String, MaskedText> asMap() {
        return fields;
    }

    public List<RuleHit> hits() {
        // Racy but safe: every thread works out the same immutable list.
        List<RuleHit> known = hits;
        if (known == null) {
            known = allHits();
            hits = known;
        }
        return known;
    }

    private List<RuleHit> allHits() {
        // Most fields fire no rule: a loop that allocates only for those that do.
        List<RuleHit> all = null;
        for (MaskedText text : fields.values()) {
            if (!text.hits().isEmpty()) {
                if (all == null) {
                    all = new java.util.ArrayList<>();
                }
                all.addAll(text.hits());
            }
        }
        return all == null ? List.of() : List.copyOf(all);
    }
}
