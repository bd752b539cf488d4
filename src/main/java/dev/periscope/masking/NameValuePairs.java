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
 * ({@code displayName} with {@code oldValue} and {@code newValue}), header lists ({@code [["X-Api-Key", "..."]]})
 * and FHIR identifiers, whose {@code system} URI ends in the name ({@code {"system":
 * "http://hl7.org/fhir/sid/us-mbi", "value": "..."}}).
 * Flattened, the value's own path ({@code attributes.0.value.stringValue}) names nothing; a field rule is looked up
 * by the sibling's text instead.
 */
final class NameValuePairs {

    private static final Set<String> NAME_MEMBERS = Set.of("key", "name", "Key", "Name", "displayName", "system");
    /** HL7's object identifier of the US Social Security number, the system of an SSN in FHIR and CDA. */
    private static final String SSN_OID = "urn:oid:2.16.840.1.113883.4.1";
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
            String name = named && last.equals("system") ? identifierSystemName(e.getValue()) : e.getValue();
            if (named && plausibleName(name)) {
                if (names == null) {
                    names = new HashMap<>(4);
                }
                // An object may have a key and a name ({"key": "x", "name": "password"}): each is tried. The name is
                // read where the list stands (env.0 + PWD: env.PWD), so that the rules' exclusions apply to it too.
                names.computeIfAbsent(parent, p -> new ArrayList<>(1))
                        .add(parent.isEmpty() ? name : parent + "." + name);
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

    /**
     * The name a FHIR identifier's system gives its value: its URI, whose last segment names the field as a claim's
     * URI does ({@code us-mbi}, {@code nhs-number}, {@code mrn}; see {@link CompiledRules#fieldRulesFor}), or
     * {@code ssn} for the SSN's object identifier, which has no such segment.
     */
    private static String identifierSystemName(String system) {
        if (system.equals(SSN_OID)) {
            return "ssn";
        }
        return system.endsWith("/") ? system.substring(0, system.length() - 1) : system;
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
