package dev.periscope.masking;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A structured event's fields after masking; only the masking package can create one. */
public final class MaskedFields {

    private final Map<String, MaskedText> fields;

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
        // Most fields fire no rule: a loop that allocates only for those that do (a page asks for every event).
        List<RuleHit> all = null;
        for (MaskedText text : fields.values()) {
            if (!text.hits().isEmpty()) {
                if (all == null) {
                    all = new java.util.ArrayList<>();
                }
                all.addAll(text.hits());
            }
        }
        return all == null ? List.of() : java.util.Collections.unmodifiableList(all);
    }
}
