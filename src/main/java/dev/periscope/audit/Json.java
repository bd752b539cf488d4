package dev.periscope.audit;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A minimal JSON writer with one fixed way to write each value, so that the bytes of an audit record (and thus its
 * hash) depend only on its content. Keys are written in the order the caller gives; maps are written sorted.
 */
final class Json {

    private static final HexFormat HEX = HexFormat.of();

    private final StringBuilder out;
    private boolean needComma;

    Json(StringBuilder out) {
        this(out, false);
    }

    /** @param continuing true to write fields that continue an object already started elsewhere */
    Json(StringBuilder out, boolean continuing) {
        this.out = out;
        this.needComma = continuing;
    }

    /** The text written so far. */
    StringBuilder buffer() {
        return out;
    }

    Json begin() {
        out.append('{');
        needComma = false;
        return this;
    }

    Json end() {
        out.append('}');
        needComma = true;
        return this;
    }

    Json key(String key) {
        if (needComma) {
            out.append(',');
        }
        string(out, key);
        out.append(':');
        needComma = false;
        return this;
    }

    Json objectField(String key) {
        key(key);
        return begin();
    }

    Json field(String key, @Nullable String value) {
        key(key);
        if (value == null) {
            out.append("null");
        } else {
            string(out, value);
        }
        needComma = true;
        return this;
    }

    Json field(String key, Optional<?> value) {
        return field(key, value.map(Object::toString).orElse(null));
    }

    Json field(String key, long value) {
        key(key);
        out.append(value);
        needComma = true;
        return this;
    }

    Json field(String key, List<String> values) {
        key(key);
        out.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            string(out, values.get(i));
        }
        out.append(']');
        needComma = true;
        return this;
    }

    /** Writes a map of counts with its keys sorted, so that map iteration order never changes a hash. */
    Json field(String key, Map<String, Long> counts) {
        objectField(key);
        counts.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> field(e.getKey(), e.getValue()));
        return end();
    }

    static void string(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    // Line separators are escaped too: a record must stay on one line whatever a reader thinks a
                    // line break is.
                    if (c < 0x20 || c == '\u2028' || c == '\u2029' || Character.isSurrogate(c)
                            && !validSurrogateAt(value, i)) {
                        out.append("\\u").append(HEX.toHexDigits(c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** A lone surrogate cannot be encoded as UTF-8, so it is escaped instead of being replaced by '?'. */
    private static boolean validSurrogateAt(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
