package dev.periscope.masking;

import dev.periscope.masking.MaskingRule.Action;
import dev.periscope.masking.MaskingRule.ContentDetector;
import dev.periscope.masking.MaskingRule.Normalization;
import dev.periscope.masking.MaskingRule.RuleOptions;
import dev.periscope.masking.MaskingRule.ServiceOverride;
import dev.periscope.masking.MaskingRule.WindowSpec;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads every {@code *.yaml} file of a rules directory into a {@link RuleSet}. All or nothing: the first problem
 * refuses the whole directory with file, line and reason, so a half-read rule set never comes into force.
 *
 * <p>SnakeYAML's node tree is used instead of plain maps because it keeps line numbers for error messages.
 */
final class RuleLoader {

    private static final Set<String> RULE_KEYS = Set.of("id", "category", "label", "description", "detector",
            "action", "enabled", "services", "options");
    private static final Set<String> DETECTOR_KEYS = Set.of("pattern", "group", "flags", "validator", "keywords",
            "before", "after", "window", "min-window", "min-digits", "min-marks", "gate", "min-separators", "context",
            "context-before", "context-after", "exclusions", "skip-under-other-keys", "fields", "text-value", "digits",
            "separators", "max-gap", "structured-value");

    private final Validators validators;

    RuleLoader(Validators validators) {
        this.validators = validators;
    }

    RuleSet load(Path directory) throws RuleLoadException {
        if (!Files.isDirectory(directory)) {
            throw new RuleLoadException(directory.toString(), 0, "rules directory not found or not a directory");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(directory)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".yaml")
                            || p.getFileName().toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new RuleLoadException(directory.toString(), 0, "cannot list directory: " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new RuleLoadException(directory.toString(), 0, "no *.yaml rule files");
        }
        List<MaskingRule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Path file : files) {
            for (MaskingRule r : loadFile(file)) {
                if (!ids.add(r.id())) {
                    throw new RuleLoadException(file.getFileName().toString(), line(r), "duplicate rule id " + r.id());
                }
                rules.add(r);
            }
        }
        if (rules.isEmpty()) {
            throw new RuleLoadException(directory.toString(), 0, "no rules in any file: masking would let everything "
                    + "through");
        }
        return new RuleSet(rules);
    }

    private static int line(MaskingRule r) {
        String s = r.source();
        return Integer.parseInt(s.substring(s.lastIndexOf(':') + 1));
    }

    List<MaskingRule> loadFile(Path file) throws RuleLoadException {
        String name = file.getFileName().toString();
        Node root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(options).compose(reader);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new RuleLoadException(name, line, "YAML syntax: " + e.getProblem());
        } catch (RuntimeException e) {
            throw new RuleLoadException(name, 0, "YAML: " + e.getMessage());
        } catch (IOException e) {
            throw new RuleLoadException(name, 0, "cannot read: " + e.getMessage());
        }
        if (root == null) {
            // Empty or comments only: most often a file caught while being written. Loading it as "no rules" would
            // drop every rule it held until the next reload, so it is refused and the rule set in force stays.
            throw new RuleLoadException(name, 0, "the file is empty; a rule file needs a 'rules:' list");
        }
        Map<String, Node> top = mapping(name, root);
        String defaultCategory = top.containsKey("category") ? scalar(name, top.get("category")) : null;
        Node rulesNode = top.get("rules");
        if (rulesNode == null) {
            throw new RuleLoadException(name, line(root), "missing 'rules:' list");
        }
        if (!(rulesNode instanceof SequenceNode seq)) {
            throw new RuleLoadException(name, line(rulesNode), "'rules' must be a list");
        }
        List<MaskingRule> rules = new ArrayList<>();
        for (Node n : seq.getValue()) {
            rules.add(rule(name, n, defaultCategory));
        }
        return rules;
    }

    private MaskingRule rule(String file, Node node, @Nullable String defaultCategory) throws RuleLoadException {
        Map<String, Node> m = mapping(file, node);
        checkKeys(file, m, RULE_KEYS, "rule");
        String id = required(file, node, m, "id");
        if (!id.matches("[a-z0-9][a-z0-9.-]{0,79}")) {
            throw new RuleLoadException(file, line(m.get("id")), "rule id must be lower-case letters, digits, '-' or '.'");
        }
        String category = m.containsKey("category") ? scalar(file, m.get("category")) : defaultCategory;
        if (category == null) {
            throw new RuleLoadException(file, line(node), "rule " + id + " has no category");
        }
        String label = m.containsKey("label") ? scalar(file, m.get("label")) : id;
        String description = m.containsKey("description") ? scalar(file, m.get("description")) : "";
        Action action = m.containsKey("action") ? action(file, m.get("action")) : Action.REDACT;
        boolean enabled = !m.containsKey("enabled") || bool(file, m.get("enabled"));
        RuleOptions options = options(file, m.get("options"));
        Map<String, ServiceOverride> services = services(file, m.get("services"));
        Node detectorNode = m.get("detector");
        if (detectorNode == null) {
            throw new RuleLoadException(file, line(node), "rule " + id + " has no detector");
        }
        Map<String, Node> d = mapping(file, detectorNode);
        checkKeys(file, d, DETECTOR_KEYS, "detector");
        String source = file + ":" + line(node);
        if (d.containsKey("fields")) {
            if (d.containsKey("pattern")) {
                throw new RuleLoadException(file, line(detectorNode), "a detector has either 'pattern' or 'fields'");
            }
            List<FieldGlob> globs = strings(file, d.get("fields")).stream().map(FieldGlob::of).toList();
            if (globs.stream().allMatch(FieldGlob::excluded)) {
                throw new RuleLoadException(file, line(d.get("fields")), "'fields' has no glob that is not excluded");
            }
            MaskingRule.TextValue textValue = d.containsKey("text-value") ? textValue(file, d.get("text-value"))
                    : MaskingRule.TextValue.WORD;
            boolean valueAsText = d.containsKey("structured-value") && structuredValue(file, d.get("structured-value"));
            return new MaskingRule(id, category, label, description, null, globs, textValue, validator(file, d),
                    action, options, enabled, services, valueAsText, source);
        }
        for (String fieldOnly : List.of("text-value", "structured-value")) {
            if (d.containsKey(fieldOnly)) {
                throw new RuleLoadException(file, line(d.get(fieldOnly)), "'" + fieldOnly + "' applies to field rules only");
            }
        }
        ContentDetector content = content(file, id, detectorNode, d);
        return new MaskingRule(id, category, label, description, content, List.of(), MaskingRule.TextValue.WORD,
                Validators.NONE, action, options, enabled, services, false, source);
    }

    /** {@code whole} (the default) or {@code as-text}: whether a structured value the validator turns away is read as text. */
    private static boolean structuredValue(String file, Node node) throws RuleLoadException {
        String v = scalar(file, node);
        return switch (v) {
            case "whole" -> false;
            case "as-text" -> true;
            default -> throw new RuleLoadException(file, line(node),
                    "structured-value must be whole or as-text, not '" + v + "'");
        };
    }

    private Validators.Validator validator(String file, Map<String, Node> d) throws RuleLoadException {
        String name = d.containsKey("validator") ? scalar(file, d.get("validator")) : "none";
        return validators.find(name).orElseThrow(() -> new RuleLoadException(file, line(d.get("validator")),
                "unknown validator " + name + "; known: " + new java.util.TreeSet<>(validators.names())));
    }

    private static MaskingRule.TextValue textValue(String file, Node node) throws RuleLoadException {
        String v = scalar(file, node);
        return switch (v) {
            case "word" -> MaskingRule.TextValue.WORD;
            case "words" -> MaskingRule.TextValue.WORDS;
            case "groups" -> MaskingRule.TextValue.GROUPS;
            case "header" -> MaskingRule.TextValue.HEADER;
            default -> throw new RuleLoadException(file, line(node),
                    "text-value must be word, words, groups or header, not '" + v + "'");
        };
    }

    private ContentDetector content(String file, String id, Node node, Map<String, Node> d)
            throws RuleLoadException {
        String regex = required(file, node, d, "pattern");
        int flags = 0;
        if (d.containsKey("flags")) {
            for (String f : strings(file, d.get("flags"))) {
                flags |= switch (f) {
                    case "case-insensitive" -> Pattern.CASE_INSENSITIVE;
                    case "multiline" -> Pattern.MULTILINE;
                    case "dotall" -> Pattern.DOTALL;
                    default -> throw new RuleLoadException(file, line(d.get("flags")), "unknown flag " + f);
                };
            }
        }
        int patternLine = line(d.get("pattern"));
        var unsafe = PatternSafety.check(regex);
        if (unsafe.isPresent()) {
            throw new RuleLoadException(file, patternLine, "rule " + id + ": unsafe pattern: " + unsafe.get());
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex, flags);
        } catch (PatternSyntaxException e) {
            throw new RuleLoadException(file, patternLine, "rule " + id + ": bad pattern: " + e.getDescription()
                    + " near offset " + e.getIndex());
        }
        String group = d.containsKey("group") ? scalar(file, d.get("group")) : null;
        if (group != null && !pattern.namedGroups().containsKey(group)) {
            throw new RuleLoadException(file, line(d.get("group")), "rule " + id + ": pattern has no group " + group);
        }
        String validatorName = d.containsKey("validator") ? scalar(file, d.get("validator")) : "none";
        Validators.Validator validator = validator(file, d);
        List<String> keywords = d.containsKey("keywords")
                ? strings(file, d.get("keywords")).stream().map(k -> k.toLowerCase(Locale.ROOT)).toList()
                : List.of();
        if (keywords.stream().anyMatch(String::isEmpty)) {
            throw new RuleLoadException(file, line(d.get("keywords")), "empty keyword");
        }
        // The fast engine reads a keyword rule only around its keywords: a match without one would pass unmasked.
        var withoutKeyword = KeywordPromise.brokenBy(pattern, keywords);
        if (withoutKeyword.isPresent()) {
            throw new RuleLoadException(file, line(d.get("keywords")), "rule " + id + ": the pattern can match text "
                    + "that holds none of its keywords, such as \"" + printable(withoutKeyword.get()) + "\"; every "
                    + "match must contain a keyword (words that only stand near a match belong in 'context')");
        }
        int prefilters = (keywords.isEmpty() ? 0 : 1) + (d.containsKey("window") ? 1 : 0)
                + (d.containsKey("digits") ? 1 : 0);
        if (prefilters > 1) {
            throw new RuleLoadException(file, line(node), "rule " + id
                    + ": use one prefilter of 'keywords', 'window' or 'digits'");
        }
        Pattern gate = null;
        if (d.containsKey("gate")) {
            if (prefilters == 0 || !keywords.isEmpty()) {
                throw new RuleLoadException(file, line(d.get("gate")), "rule " + id
                        + ": a gate belongs to a 'window' or 'digits' prefilter");
            }
            String g = scalar(file, d.get("gate"));
            var bad = PatternSafety.check(g);
            if (bad.isPresent()) {
                throw new RuleLoadException(file, line(d.get("gate")), "unsafe gate: " + bad.get());
            }
            try {
                gate = Pattern.compile(g);
            } catch (PatternSyntaxException e) {
                throw new RuleLoadException(file, line(d.get("gate")), "bad gate: " + e.getDescription());
            }
        }
        MaskingRule.DigitSpec digits = null;
        if (d.containsKey("digits")) {
            digits = new MaskingRule.DigitSpec(intValue(file, d.get("digits"), 1),
                    d.containsKey("separators") ? scalar(file, d.get("separators")) : "",
                    intValue(file, d.get("max-gap"), 0), intValue(file, d.get("before"), 0),
                    intValue(file, d.get("after"), 0), intValue(file, d.get("min-separators"), 0), gate);
            if (digits.min() < 1) {
                throw new RuleLoadException(file, line(d.get("digits")), "'digits' must be at least 1");
            }
        }
        WindowSpec window = null;
        if (d.containsKey("window")) {
            if (!keywords.isEmpty()) {
                throw new RuleLoadException(file, line(d.get("window")), "rule " + id
                        + ": use either 'keywords' or 'window' as prefilter, not both");
            }
            String cls = scalar(file, d.get("window"));
            try {
                Pattern.compile(cls);
            } catch (PatternSyntaxException e) {
                throw new RuleLoadException(file, line(d.get("window")), "bad window class: " + e.getDescription());
            }
            window = new WindowSpec(cls, intValue(file, d.get("min-window"), 1), intValue(file, d.get("min-digits"), 0),
                    intValue(file, d.get("min-marks"), 0), gate);
            if (window.minMarks() < 1) {
                // The fast engine finds windows by walking out from their punctuation marks.
                throw new RuleLoadException(file, line(d.get("window")), "rule " + id
                        + ": a window rule needs min-marks of at least 1 (use 'digits' or 'keywords' otherwise)");
            }
        }
        int before = intValue(file, d.get("before"), 256);
        int after = intValue(file, d.get("after"), 256);
        List<String> context = d.containsKey("context")
                ? strings(file, d.get("context")).stream().map(k -> k.toLowerCase(Locale.ROOT)).toList()
                : List.of();
        List<Pattern> exclusions = new ArrayList<>();
        if (d.containsKey("exclusions")) {
            for (String e : strings(file, d.get("exclusions"))) {
                var bad = PatternSafety.check(e);
                if (bad.isPresent()) {
                    throw new RuleLoadException(file, line(d.get("exclusions")), "unsafe exclusion: " + bad.get());
                }
                try {
                    exclusions.add(Pattern.compile(e));
                } catch (PatternSyntaxException ex) {
                    throw new RuleLoadException(file, line(d.get("exclusions")), "bad exclusion: "
                            + ex.getDescription());
                }
            }
        }
        return new ContentDetector(pattern, group, validator, validatorName, keywords, before, after, window, digits,
                context, intValue(file, d.get("context-before"), 48), intValue(file, d.get("context-after"), 16),
                List.copyOf(exclusions),
                otherKeys(file, d.get("skip-under-other-keys")));
    }

    private static OtherKeys.Scope otherKeys(String file, @Nullable Node node) throws RuleLoadException {
        if (node == null) {
            return OtherKeys.Scope.NONE;
        }
        String v = scalar(file, node);
        return switch (v) {
            case "keys" -> OtherKeys.Scope.KEYS;
            case "keys-and-words" -> OtherKeys.Scope.KEYS_AND_WORDS;
            default -> throw new RuleLoadException(file, line(node),
                    "skip-under-other-keys must be keys or keys-and-words, got " + v);
        };
    }

    private static RuleOptions options(String file, @Nullable Node node) throws RuleLoadException {
        if (node == null) {
            return new RuleOptions(4, false, Normalization.NONE);
        }
        Map<String, Node> m = mapping(file, node);
        checkKeys(file, m, Set.of("keep-last", "keep-domain", "normalize"), "options");
        Normalization n = Normalization.NONE;
        if (m.containsKey("normalize")) {
            String v = scalar(file, m.get("normalize"));
            try {
                n = Normalization.valueOf(v.toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new RuleLoadException(file, line(m.get("normalize")), "unknown normalize " + v);
            }
        }
        return new RuleOptions(intValue(file, m.get("keep-last"), 4),
                m.containsKey("keep-domain") && bool(file, m.get("keep-domain")), n);
    }

    private static Map<String, ServiceOverride> services(String file, @Nullable Node node) throws RuleLoadException {
        if (node == null) {
            return Map.of();
        }
        Map<String, ServiceOverride> out = new LinkedHashMap<>();
        for (var e : mapping(file, node).entrySet()) {
            Map<String, Node> o = mapping(file, e.getValue());
            checkKeys(file, o, Set.of("enabled", "action"), "service override");
            out.put(e.getKey(), new ServiceOverride(o.containsKey("enabled") ? bool(file, o.get("enabled")) : null,
                    o.containsKey("action") ? action(file, o.get("action")) : null));
        }
        return Map.copyOf(out);
    }

    private static Action action(String file, Node node) throws RuleLoadException {
        String v = scalar(file, node);
        try {
            return Action.valueOf(v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RuleLoadException(file, line(node), "unknown action " + v
                    + " (redact, partial, tokenize or hash)");
        }
    }

    private static void checkKeys(String file, Map<String, Node> m, Set<String> allowed, String what)
            throws RuleLoadException {
        for (var e : m.entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw new RuleLoadException(file, line(e.getValue()), "unknown " + what + " key '" + e.getKey()
                        + "'");
            }
        }
    }

    private static int line(@Nullable Node n) {
        return n == null ? 0 : n.getStartMark().getLine() + 1;
    }

    private static Map<String, Node> mapping(String file, Node node) throws RuleLoadException {
        if (!(node instanceof MappingNode mn)) {
            throw new RuleLoadException(file, line(node), "expected a mapping");
        }
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : mn.getValue()) {
            out.put(scalar(file, t.getKeyNode()), t.getValueNode());
        }
        return out;
    }

    private static String scalar(String file, Node node) throws RuleLoadException {
        if (!(node instanceof ScalarNode s)) {
            throw new RuleLoadException(file, line(node), "expected a single value");
        }
        return s.getValue();
    }

    private static String required(String file, Node owner, Map<String, Node> m, String key)
            throws RuleLoadException {
        Node n = m.get(key);
        if (n == null) {
            throw new RuleLoadException(file, line(owner), "missing '" + key + "'");
        }
        String v = scalar(file, n);
        if (v.isBlank()) {
            throw new RuleLoadException(file, line(n), "'" + key + "' is empty");
        }
        return v;
    }

    private static boolean bool(String file, Node node) throws RuleLoadException {
        String v = scalar(file, node);
        return switch (v) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new RuleLoadException(file, line(node), "expected true or false, got " + v);
        };
    }

    private static int intValue(String file, @Nullable Node node, int dflt) throws RuleLoadException {
        if (node == null) {
            return dflt;
        }
        String v = scalar(file, node);
        try {
            int i = Integer.parseInt(v);
            if (i < 0) {
                throw new NumberFormatException();
            }
            return i;
        } catch (NumberFormatException e) {
            throw new RuleLoadException(file, line(node), "expected a non-negative number, got " + v);
        }
    }

    private static List<String> strings(String file, Node node) throws RuleLoadException {
        if (node instanceof ScalarNode s) {
            return List.of(s.getValue());
        }
        if (!(node instanceof SequenceNode seq)) {
            throw new RuleLoadException(file, line(node), "expected a list");
        }
        List<String> out = new ArrayList<>();
        for (Node n : seq.getValue()) {
            out.add(scalar(file, n));
        }
        return out;
    }

    /** A counterexample as it can be read in a message: control characters escaped, at most 60 characters. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(60).forEach(c -> {
            if (c < ' ' || c == 0x7f) {
                out.append(String.format(Locale.ROOT, "\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return text.codePointCount(0, text.length()) > 60 ? out + "..." : out.toString();
    }
}
