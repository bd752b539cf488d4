package dev.periscope.masking;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A structured event's fields after masking; only the masking package can create one. */
public final class MaskedFields {

    private final Map<String, MaskedText> fields;

    MaskedFields(Map<String, MaskedText> fields) {
        this.fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public Map<String, MaskedText> asMap() {
        return fields;
    }

    public List<RuleHit> hits() {
        return fields.values().stream().flatMap(t -> t.hits().stream()).toList();
    }
}
