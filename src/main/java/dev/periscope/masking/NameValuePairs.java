package dev.periscope.masking;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fields whose name is data: lists of name/value pairs, where the name that says what a value holds is the value of
 * a sibling. OpenTelemetry attributes ({@code {"key": "db.password", "value": {"stringValue": "..."}}}), Kubernetes
 * env lists and Cognito user attributes ({@code {"name": "birthdate", "value": "..."}}), Azure audit properties
 * ({@code displayName} with {@code oldValue} and {@code newValue}) and header lists ({@code [["X-Api-Key", "..."]]}).
 * Flattened, the value's own path ({@code attributes.0.value.stringValue}) names nothing; a field rule is looked up
 * by the sibling's text instead.
 */
final class NameValuePairs {

    private static final Set<String> NAME_MEMBERS = Set.of("key", "name", "Key", "Name", "displayName");
    private static final Set<String> VALUE_MEMBERS = Set.of("value", "Value", "newValue", "oldValue", "values");
    /** A name longer than this, or with a blank in it, is prose ({@code "name": "Order Service"}), not a key. */
    private static final int MAX_NAME = 128;

    private NameValuePairs() {
    }

    /**
     * The name each object of a pair holds, by the object's path: from its {@code key}/{@code name} member, or from
     * the first of a two-element array ({@code headers.0} → {@code "X-Api-Key"} for {@code headers.0.1}).
     */
    static Map<String, List<String>> namesByObject(Map<String, String> fields) {
        Map<String, List<String>> names = null;
        for (var e : fields.entrySet()) {
            String path = e.getKey();
            int dot = path.lastIndexOf('.');
            String last = path.substring(dot + 1);
            String parent = dot < 0 ? "" : path.substring(0, dot);
            boolean named = NAME_MEMBERS.contains(last)
                    || last.equals("0") && dot > 0 && fields.containsKey(parent + ".1")
                            && !fields.containsKey(parent + ".2");
            if (named && plausibleName(e.getValue())) {
                if (names == null) {
                    names = new HashMap<>(4);
                }
                // An object may have a key and a name ({"key": "x", "name": "password"}): each is tried. The name is
                // read where the list stands (env.0 + PWD: env.PWD), so that the rules' exclusions apply to it too.
                names.computeIfAbsent(parent, p -> new ArrayList<>(1))
                        .add(parent.isEmpty() ? e.getValue() : parent + "." + e.getValue());
            }
        }
        return names == null ? Map.of() : names;
    }

    /**
     * The names of the pairs whose value {@code leaf} is in, innermost first. The caller takes the first that a rule
     * names: a list of values ({@code "values": ["a", "b"]}) reads as a pair of its own, whose "name" is data.
     */
    static List<String> namesFor(String leaf, Map<String, List<String>> names) {
        List<String> found = List.of();
        for (int end = leaf.length(); end > 0; end = leaf.lastIndexOf('.', end - 1)) {
            int start = leaf.lastIndexOf('.', end - 1) + 1;
            String segment = leaf.substring(start, end);
            if (VALUE_MEMBERS.contains(segment) || segment.equals("1")) {
                List<String> named = names.get(start == 0 ? "" : leaf.substring(0, start - 1));
                if (named != null) {
                    if (found.isEmpty()) {
                        found = new ArrayList<>(2);
                    }
                    found.addAll(named);
                }
            }
            if (start == 0) {
                break;
            }
        }
        return found;
    }

    private static boolean plausibleName(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isWhitespace(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
