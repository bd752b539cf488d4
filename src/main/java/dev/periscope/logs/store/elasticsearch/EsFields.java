package dev.periscope.logs.store.elasticsearch;

import dev.periscope.logs.query.LogFields;
import dev.periscope.logs.store.LogEvent;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where the parts of an event live in the cluster's documents (configured, ECS by default), and the conversion of
 * events to documents and back. Documents Periscope writes carry dotted names at the top level ({@code service.name})
 * and structured fields under one object ({@code labels}) that keeps their dotted names flat, so that a field
 * {@code user} and a field {@code user.id} never collide as they would as objects.
 */
final class EsFields {

    /** Periscope's own parts of a document, for events it writes. */
    static final String LINE = "periscope.line";
    static final String OFFSET = "periscope.offset";
    static final String UNPARSED = "periscope.unparsed";
    /**
     * The structured fields of an event whose document the cluster refused because of them (a field name it does
     * not accept, the index's field limit reached): kept in the source, not indexed, so the event is stored and read
     * back whole instead of holding up ingest for ever.
     */
    static final String UNINDEXED = "periscope.unindexed";
    /** Why an event's fields are in {@link #UNINDEXED}: the cluster's error type. */
    static final String REFUSED = "periscope.refused";
    private static final Set<String> OWN = Set.of(LINE, OFFSET, UNPARSED, REFUSED);

    /** As Elasticsearch's dynamic keyword mapping and the embedded store: longer values are not indexed exactly. */
    static final int MAX_KEYWORD_LENGTH = 256;

    private final ElasticsearchLogStoreProperties.Fields names;

    EsFields(ElasticsearchLogStoreProperties.Fields names) {
        this.names = names;
    }

    String timestamp() {
        return names.timestamp();
    }

    String id() {
        return names.id();
    }

    String level() {
        return names.level();
    }

    String service() {
        return names.service();
    }

    String source() {
        return names.source();
    }

    String message() {
        return names.message();
    }

    /** The field that holds a canonical field's exact value (message: its words). */
    String exact(String field) {
        return switch (field) {
            case LogFields.ID -> names.id();
            case LogFields.TIMESTAMP -> names.timestamp();
            case LogFields.SERVICE -> names.service();
            case LogFields.LEVEL -> names.level();
            case LogFields.MESSAGE -> names.message();
            case LogFields.SOURCE -> names.source();
            case LogFields.UNPARSED -> UNPARSED;
            default -> names.structuredPrefix() + field;
        };
    }

    /** The field that holds a structured value as a number. */
    String numeric(String field) {
        String exact = exact(field);
        return names.numericSubfield().isEmpty() ? exact : exact + "." + names.numericSubfield();
    }

    // ------------------------------------------------------------------ documents

    Map<String, Object> document(LogEvent event) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put(names.timestamp(), event.timestamp());
        doc.put(names.id(), event.id());
        doc.put(names.service(), event.service());
        if (!event.level().isEmpty()) {
            doc.put(names.level(), event.level());
        }
        doc.put(names.message(), event.message());
        doc.put(names.source(), event.source());
        doc.put(LINE, event.line());
        doc.put(OFFSET, event.offset());
        if (event.unparsed()) {
            doc.put(UNPARSED, true);
        }
        if (!event.fields().isEmpty()) {
            String prefix = names.structuredPrefix();
            if (prefix.endsWith(".")) {
                doc.put(prefix.substring(0, prefix.length() - 1), new LinkedHashMap<>(event.fields()));
            } else {
                // Top-level fields share the document with the core ones: a field named like one of them (a JSON
                // line carrying "event.id") must not replace the event's id, service or time.
                // It is kept under "field." as the line parser keeps its own clashes.
                event.fields().forEach((k, v) -> doc.put(doc.containsKey(prefix + k) ? "field." + k : prefix + k, v));
            }
        }
        return doc;
    }

    /**
     * The event as a document whose structured fields are not indexed: for an event whose ordinary document the
     * cluster refused ({@code reason}, its error type). Searchable by time, service, level and message as any other.
     */
    Map<String, Object> documentWithFieldsUnindexed(LogEvent event, String reason) {
        Map<String, Object> doc = document(new LogEvent(event.id(), event.timestamp(), event.service(), event.level(),
                event.message(), Map.of(), event.source(), event.line(), event.offset(), event.unparsed()));
        if (!event.fields().isEmpty()) {
            doc.put(UNINDEXED, new LinkedHashMap<>(event.fields()));
        }
        doc.put(REFUSED, reason);
        return doc;
    }

    /**
     * The event in a document's source. Timestamp and id come from the hit's sort values, which the cluster has
     * already normalised (epoch milliseconds), whatever format the document used.
     */
    LogEvent event(Map<String, Object> source, long timestamp, String id) {
        String service = onlyValue(at(source, names.service())).orElse("");
        String sourceName = text(at(source, names.source())).orElse("");
        Map<String, String> structured = new HashMap<>();
        String prefix = names.structuredPrefix();
        if (prefix.endsWith(".") && at(source, prefix.substring(0, prefix.length() - 1)) instanceof Map<?, ?> map) {
            flatten("", map, structured);
        } else if (prefix.isEmpty()) {
            flatten("", source, structured);
            for (String core : List.of(names.timestamp(), names.id(), names.service(), names.level(),
                    names.message(), names.source())) {
                structured.remove(core);
            }
            OWN.forEach(structured::remove);
        } else {
            Map<String, String> all = new HashMap<>();
            flatten("", source, all);
            all.forEach((k, v) -> {
                if (k.startsWith(prefix)) {
                    structured.put(k.substring(prefix.length()), v);
                }
            });
        }
        if (at(source, UNINDEXED) instanceof Map<?, ?> unindexed) {
            // Fields kept whole but not indexed (see UNINDEXED): read back as the event's own.
            structured.keySet().removeIf(k -> k.startsWith(UNINDEXED + "."));
            unindexed.forEach((k, v) -> text(v).ifPresent(t -> structured.put(String.valueOf(k), t)));
        }
        return new LogEvent(id, timestamp, service,
                text(at(source, names.level())).map(LogFields::normaliseLevel).orElse(""),
                text(at(source, names.message())).orElse(""), structured, sourceName,
                number(at(source, LINE)), number(at(source, OFFSET)),
                Boolean.TRUE.equals(at(source, UNPARSED)));
    }

    /** A value by dotted path, whether the document spells it flat ({@code "a.b"}) or nested ({@code a: {b}}). */
    static Object at(Map<?, ?> source, String path) {
        Object direct = source.get(path);
        if (direct != null) {
            return direct;
        }
        int dot = path.indexOf('.');
        while (dot > 0) {
            if (source.get(path.substring(0, dot)) instanceof Map<?, ?> inner) {
                Object found = at(inner, path.substring(dot + 1));
                if (found != null) {
                    return found;
                }
            }
            dot = path.indexOf('.', dot + 1);
        }
        return null;
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, String> into) {
        map.forEach((k, v) -> {
            String name = prefix + k;
            if (v instanceof Map<?, ?> inner) {
                flatten(name + ".", inner, into);
            } else {
                text(v).ifPresent(t -> into.put(name, t));
            }
        });
    }

    /**
     * The service of a document, only when it names exactly one. The scope is a filter on the service field, which a
     * document with several values passes through any one of them, and one with none passes through a negation; the
     * service shown is also the one whose masking exemptions and rule overrides apply. So a document whose service is
     * missing or not one value is shown with none (the file's name is still its source): it then gets no service's
     * exemptions, instead of those of a name its own fields chose.
     */
    private static Optional<String> onlyValue(Object value) {
        if (value instanceof List<?> list) {
            List<String> distinct = list.stream().map(EsFields::text).flatMap(Optional::stream).distinct().toList();
            return distinct.size() == 1 ? Optional.of(distinct.getFirst()) : Optional.empty();
        }
        return value instanceof Map<?, ?> ? Optional.empty() : text(value);
    }

    private static Optional<String> text(Object value) {
        return switch (value) {
            case null -> Optional.empty();
            case String s -> Optional.of(s);
            case List<?> list -> list.isEmpty() ? Optional.empty() : text(list.getFirst());
            case Map<?, ?> map -> Optional.empty();
            default -> Optional.of(value.toString());
        };
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }

    // ------------------------------------------------------------------ the index template

    /** Explicit mappings for the index Periscope writes; built-in analyzers only, so minimal distributions work. */
    Map<String, Object> mappings() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(names.timestamp(), Map.of("type", "date", "format", "strict_date_optional_time||epoch_millis"));
        properties.put(names.id(), Map.of("type", "keyword"));
        properties.put(names.service(), Map.of("type", "keyword"));
        properties.put(names.level(), Map.of("type", "keyword"));
        properties.put(names.source(), Map.of("type", "keyword"));
        // Positions for phrases; no norms, as results are sorted by time, never scored.
        properties.put(names.message(), Map.of("type", "text", "analyzer", "standard", "norms", false));
        properties.put(LINE, Map.of("type", "long", "index", false));
        properties.put(OFFSET, Map.of("type", "long", "index", false));
        properties.put(UNPARSED, Map.of("type", "boolean"));
        properties.put(UNINDEXED, Map.of("type", "object", "enabled", false));
        properties.put(REFUSED, Map.of("type", "keyword"));
        Map<String, Object> mappings = new LinkedHashMap<>();
        String prefix = names.structuredPrefix();
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("type", "keyword");
        structured.put("ignore_above", MAX_KEYWORD_LENGTH);
        if (!names.numericSubfield().isEmpty()) {
            structured.put("fields", Map.of(names.numericSubfield(),
                    Map.of("type", "double", "ignore_malformed", true)));
        }
        if (prefix.endsWith(".")) {
            properties.put(prefix.substring(0, prefix.length() - 1), Map.of("type", "object", "subobjects", false));
        }
        mappings.put("dynamic_templates", List.of(Map.of("structured", Map.of(
                "path_match", prefix + "*", "match_mapping_type", "string", "mapping", structured))));
        mappings.put("properties", properties);
        return mappings;
    }
}
