package dev.periscope.masking;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Measures the shipped rules against other projects' test suites (Presidio's recognizer tests, gitleaks' rule
 * cases, presidio-research's synthetic sentences) and writes the figures as Markdown.
 */
final class Conformance {

    /** Presidio recognizer name to the rule ids that stand for it. Recognizers not listed are out of scope. */
    static final Map<String, Set<String>> IN_SCOPE = new LinkedHashMap<>();
    /** Why each recognizer that is left out is left out. */
    static final Map<String, String> OUT_OF_SCOPE = new TreeMap<>();

    static {
        IN_SCOPE.put("credit_card", Set.of("payment-card"));
        IN_SCOPE.put("email", Set.of("email", "email-url-encoded"));
        IN_SCOPE.put("iban", Set.of("iban"));
        IN_SCOPE.put("ip", Set.of("ipv4", "ipv6"));
        IN_SCOPE.put("mac", Set.of("mac-address"));
        IN_SCOPE.put("phone", Set.of("phone-international", "phone-nanp", "phone-grouped", "phone-in-context"));
        IN_SCOPE.put("us_ssn", Set.of("us-ssn", "us-ssn-in-context"));
        IN_SCOPE.put("us_itin", Set.of("us-itin", "us-itin-in-context"));
        IN_SCOPE.put("aba_routing", Set.of("aba-routing-number"));
        IN_SCOPE.put("uk_nino", Set.of("uk-nino"));
        IN_SCOPE.put("uk_nhs", Set.of("uk-nhs"));
        IN_SCOPE.put("es_nif", Set.of("es-nif"));
        IN_SCOPE.put("es_nie", Set.of("es-nie"));
        IN_SCOPE.put("pl_pesel", Set.of("pl-pesel"));
        IN_SCOPE.put("fi_personal_identity_code", Set.of("fi-personal-identity-code"));
        IN_SCOPE.put("se_personnummer", Set.of("se-personnummer", "se-personnummer-in-context"));
        IN_SCOPE.put("in_aadhaar", Set.of("in-aadhaar"));
        IN_SCOPE.put("tr_national_id", Set.of("tr-national-id"));
        IN_SCOPE.put("za_id_number", Set.of("za-id-number"));
        IN_SCOPE.put("it_fiscal_code", Set.of("it-fiscal-code"));
        IN_SCOPE.put("au_tfn", Set.of("au-tfn"));
        IN_SCOPE.put("au_abn", Set.of("au-abn"));
        IN_SCOPE.put("ca_sin", Set.of("ca-sin", "ca-sin-in-context"));
        IN_SCOPE.put("us_mbi", Set.of("us-mbi", "us-mbi-in-context"));
        IN_SCOPE.put("de_social_security", Set.of("de-social-insurance-number"));
        IN_SCOPE.put("de_tax_id", Set.of("de-tax-id-in-context"));
        IN_SCOPE.put("de_health_insurance", Set.of("de-health-insurance-number-in-context"));
        IN_SCOPE.put("th_tnin", Set.of("th-national-id", "th-national-id-in-context"));
        IN_SCOPE.put("kr_rrn", Set.of("kr-rrn", "kr-rrn-in-context"));
        for (String ner : List.of("spacy", "stanza", "transformers", "gliner", "huggingface_ner")) {
            OUT_OF_SCOPE.put(ner, "tests a named-entity model, not a pattern recognizer; person names are masked by "
                    + "key and field name instead");
        }
        OUT_OF_SCOPE.put("pattern", "tests Presidio's generic PatternRecognizer API, not a data type");
        OUT_OF_SCOPE.put("recognizer_result", "tests Presidio's result object, not a data type");
        OUT_OF_SCOPE.put("url", "a URL is not confidential by itself; credentials inside URLs are caught by "
                + "url-credentials");
        OUT_OF_SCOPE.put("crypto", "wallet addresses are public by design and not shipped; a deployment can add a rule");
        OUT_OF_SCOPE.put("date", "a date is not confidential by itself; dates of birth are caught by key and context");
    }

    static final Map<String, Set<String>> RESEARCH = Map.of(
            "CREDIT_CARD", IN_SCOPE.get("credit_card"),
            "PHONE_NUMBER", IN_SCOPE.get("phone"),
            "IBAN_CODE", IN_SCOPE.get("iban"),
            "IP_ADDRESS", IN_SCOPE.get("ip"),
            "EMAIL_ADDRESS", IN_SCOPE.get("email"));

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Tally(int positives, int positivesPassed, int negatives, int negativesPassed, List<String> failures) {
        double positiveRate() {
            return positives == 0 ? 1 : (double) positivesPassed / positives;
        }

        double negativeRate() {
            return negatives == 0 ? 1 : (double) negativesPassed / negatives;
        }

        double rate() {
            int all = positives + negatives;
            return all == 0 ? 1 : (double) (positivesPassed + negativesPassed) / all;
        }
    }

    record GitleaksTally(int tp, int tpCaught, int fp, int fpFlagged, int crossRule, Map<String, int[]> perRule,
            List<String> misses, List<String> falseFlags) {
    }

    record ResearchTally(Map<String, int[]> perEntity, List<String> misses) {
    }

    private final MaskingService service;
    private final CompiledRules rules;

    Conformance(MaskingService service, CompiledRules rules) {
        this.service = service;
        this.rules = rules;
    }

    /**
     * Spans found by the given rules, before overlaps between rules are resolved: a SIN that is also a valid SSN is
     * found by both detectors, and masked once.
     */
    private List<int[]> spans(String text, Set<String> ruleIds) {
        List<Span> mine = raw(text).stream().filter(s -> ruleIds.contains(rules.content[s.rule()].id())).toList();
        return MaskingService.resolveOverlaps(mine).stream().map(s -> new int[] {s.start(), s.end()}).toList();
    }

    private List<Span> raw(String text) {
        return new FastEngine().find(rules, text, rules.active("", Set.of()), Long.MAX_VALUE);
    }

    Map<String, Tally> presidioRecognizers() throws IOException {
        JsonNode root = presidioCases();
        Map<String, Tally> out = new LinkedHashMap<>();
        for (var e : IN_SCOPE.entrySet()) {
            out.put(e.getKey(), presidioRecognizer(root, e));
        }
        return out;
    }

    /** The cases of one recognizer. */
    Tally presidioRecognizer(String name) throws IOException {
        return presidioRecognizer(presidioCases(), Map.entry(name, IN_SCOPE.get(name)));
    }

    private static JsonNode presidioCases() throws IOException {
        return JSON.readTree(Files.readString(
                MaskingFixtures.corpora().resolve("presidio-recognizer-cases/presidio_recognizer_cases.json")));
    }

    private Tally presidioRecognizer(JsonNode root, Map.Entry<String, Set<String>> e) {
        int pos = 0;
        int posOk = 0;
        int neg = 0;
        int negOk = 0;
        List<String> failures = new ArrayList<>();
        for (JsonNode c : root.get(e.getKey())) {
            JsonNode p = c.get("params");
            String text = firstText(p);
            // Presidio's phone tests vary libphonenumber's leniency; only its default (1) is a product setting.
            if (text == null || p.has("leniency") && p.get("leniency").asInt() != 1) {
                continue;
            }
            List<int[]> expected = expectedSpans(p);
            if (needsContext(e.getKey(), p)) {
                // Presidio scores these spellings below 0.5 unless a context word lifts them; so does Periscope.
                String word = CONTEXT_WORDS.get(e.getKey());
                text = word + text;
                expected = expected.stream().map(x -> new int[] {x[0] + word.length(),
                        x[1] + word.length()}).toList();
            }
            int expectedLen = p.has("expected_len") ? p.get("expected_len").asInt()
                    : p.get("expected").asBoolean() ? 1 : 0;
            List<int[]> found = spans(text, e.getValue());
            boolean ok;
            if (expectedLen == 0) {
                neg++;
                ok = found.isEmpty();
                negOk += ok ? 1 : 0;
            } else {
                pos++;
                ok = found.size() == expectedLen && expected.stream().allMatch(x -> found.stream()
                        .anyMatch(f -> f[0] < x[1] && x[0] < f[1]));
                posOk += ok ? 1 : 0;
            }
            if (!ok) {
                failures.add((expectedLen == 0 ? "negative" : "positive") + " " + describe(text, found));
            }
        }
        return new Tally(pos, posOk, neg, negOk, failures);
    }

    /** The context word put in front of the cases that Presidio only scores as weak, by recognizer. */
    static final Map<String, String> CONTEXT_WORDS = Map.of("us_ssn", "SSN ", "us_itin", "ITIN ", "ca_sin", "SIN ",
            "se_personnummer", "personnummer ", "us_mbi", "MBI ", "de_tax_id", "Steuer-ID ",
            "de_health_insurance", "KVNR ", "th_tnin", "TNIN ", "kr_rrn", "RRN ");

    /** Recognizers whose numbers Periscope masks only next to a context word, in every spelling. */
    private static final Set<String> ALWAYS_IN_CONTEXT = Set.of("de_tax_id", "de_health_insurance");

    /**
     * The spellings masked on sight, by recognizer: Swedish YYMMDD-NNNN, the Thai card's groups, the Korean number
     * with its dash. The others are dates and times, or runs of digits (thirteen are a time in milliseconds), as often.
     */
    private static final Map<String, java.util.regex.Pattern> ON_SIGHT = Map.of(
            "se_personnummer", java.util.regex.Pattern.compile("\\d{6}[-+]\\d{4}"),
            "th_tnin", java.util.regex.Pattern.compile("\\d-\\d{4}-\\d{5}-\\d{2}-\\d"),
            "kr_rrn", java.util.regex.Pattern.compile("\\d{6}-\\d{7}"));

    /**
     * Whether a positive of a recognizer in {@link #CONTEXT_WORDS} is one that Presidio scores below 0.5 (nine bare
     * digits, odd groupings): such spellings are order ids as often as identifiers, so they are masked only next to
     * a context word, and the case is run with one in front of it. Presidio scores Swedish personnummer, Thai ids
     * and Korean resident registration numbers the same in every spelling; Periscope masks only the spellings of
     * {@link #ON_SIGHT} on sight, so every other case, negatives included, is run with a context word. German tax ids and health insurance numbers are masked only next to a word in every
     * spelling, so every case of theirs, negatives included, is run with one.
     */
    static boolean needsContext(String recognizer, JsonNode p) {
        if (ALWAYS_IN_CONTEXT.contains(recognizer)) {
            return firstText(p) != null;
        }
        java.util.regex.Pattern onSight = ON_SIGHT.get(recognizer);
        if (onSight != null) {
            String text = firstText(p);
            List<int[]> expected = expectedSpans(p);
            return text != null && (expected.isEmpty() || expected.stream()
                    .anyMatch(x -> !onSight.matcher(text.substring(x[0], x[1])).matches()));
        }
        if (!CONTEXT_WORDS.containsKey(recognizer) || !p.has("expected_score_ranges")
                || p.get("expected_score_ranges").isEmpty()) {
            return false;
        }
        for (JsonNode r : p.get("expected_score_ranges")) {
            if (r.get(1).asDouble() >= 0.5) {
                return false;
            }
        }
        return true;
    }

    private static String describe(String text, List<int[]> found) {
        StringBuilder b = new StringBuilder("`").append(text.replace("\n", "\\n").replace("`", "'")).append("` found");
        for (int[] f : found) {
            b.append(" [").append(f[0]).append(',').append(f[1]).append(')');
        }
        return b.toString();
    }

    private static String firstText(JsonNode p) {
        for (String k : List.of("text", "iban", "pesel", "id_number")) {
            if (p.has(k)) {
                return p.get(k).asString();
            }
        }
        return null;
    }

    private static List<int[]> expectedSpans(JsonNode p) {
        List<int[]> out = new ArrayList<>();
        for (String k : List.of("expected_positions", "expected_res")) {
            if (p.has(k)) {
                for (JsonNode s : p.get(k)) {
                    out.add(new int[] {s.get(0).asInt(), s.get(1).asInt()});
                }
            }
        }
        if (p.has("expected_position") && p.get("expected_position").size() == 2) {
            JsonNode s = p.get("expected_position");
            out.add(new int[] {s.get(0).asInt(), s.get(1).asInt()});
        }
        return out;
    }

    GitleaksTally gitleaks() throws IOException {
        JsonNode root = JSON.readTree(Files.readString(
                MaskingFixtures.corpora().resolve("gitleaks-rule-cases/gitleaks_rule_cases.json")));
        int tp = 0;
        int tpCaught = 0;
        int fp = 0;
        int fpFlagged = 0;
        Map<String, int[]> perRule = new TreeMap<>();
        List<String> misses = new ArrayList<>();
        List<String> falseFlags = new ArrayList<>();
        Set<String> allTruePositives = new java.util.HashSet<>();
        for (JsonNode r : root) {
            r.get("true_positives").forEach(t -> allTruePositives.add(t.asString()));
        }
        int crossRule = 0;
        for (JsonNode r : root) {
            String id = r.get("rule_id").asString();
            int[] t = perRule.computeIfAbsent(id, k -> new int[4]);
            for (JsonNode s : r.get("true_positives")) {
                tp++;
                t[0]++;
                List<MaskingService.Explained> hits = secretHits(s.asString());
                if (!hits.isEmpty()) {
                    tpCaught++;
                    t[1]++;
                } else {
                    misses.add(id + ": `" + abbreviate(s.asString()) + "`");
                }
            }
            for (JsonNode s : r.get("false_positives")) {
                // A near miss of one rule that is another rule's true positive is a secret: not counted either way.
                if (allTruePositives.contains(s.asString())) {
                    crossRule++;
                    continue;
                }
                fp++;
                t[2]++;
                List<MaskingService.Explained> hits = secretHits(s.asString());
                if (!hits.isEmpty()) {
                    fpFlagged++;
                    t[3]++;
                    falseFlags.add(id + ": flagged by " + hits.stream().map(MaskingService.Explained::ruleId)
                            .distinct().toList() + " in `" + abbreviate(s.asString()) + "`"
                            + (System.getProperty("full") != null ? "\n      " + s.asString() : ""));
                }
            }
        }
        return new GitleaksTally(tp, tpCaught, fp, fpFlagged, crossRule, perRule, misses, falseFlags);
    }

    /** Hits of secret rules only: a gitleaks case is about secrets, an email in it is not what it tests. */
    private List<MaskingService.Explained> secretHits(String text) {
        return raw(text).stream().filter(s -> rules.content[s.rule()].category().equals("secrets"))
                .map(s -> new MaskingService.Explained(rules.content[s.rule()].id(), s.start(), s.end())).toList();
    }

    private static String abbreviate(String s) {
        String one = s.replace("\n", "\\n").replace("`", "'");
        return one.length() > 90 ? one.substring(0, 90) + "…" : one;
    }

    ResearchTally research() throws IOException {
        JsonNode root = JSON.readTree(Files.readString(
                MaskingFixtures.corpora().resolve("presidio-research/synth_dataset_v2.json")));
        Map<String, int[]> per = new TreeMap<>();
        List<String> misses = new ArrayList<>();
        for (JsonNode s : root) {
            String text = s.get("full_text").asString();
            List<MaskingService.Explained> hits = null;
            for (JsonNode sp : s.get("spans")) {
                String type = sp.get("entity_type").asString();
                Set<String> ids = RESEARCH.get(type);
                if (ids == null) {
                    continue;
                }
                if (hits == null) {
                    hits = raw(text).stream().map(x -> new MaskingService.Explained(rules.content[x.rule()].id(),
                            x.start(), x.end())).toList();
                }
                int a = sp.get("start_position").asInt();
                int b = sp.get("end_position").asInt();
                int[] t = per.computeIfAbsent(type, k -> new int[2]);
                t[0]++;
                // Recall: the labelled span is masked by a rule of its kind, wholly.
                boolean found = hits.stream().anyMatch(h -> ids.contains(h.ruleId()) && h.start() <= a + 1
                        && h.end() >= b - 1);
                if (found) {
                    t[1]++;
                } else {
                    misses.add(type + ": `" + sp.get("entity_value").asString().replace("\n", "\\n") + "`");
                }
            }
        }
        return new ResearchTally(per, misses);
    }

    public static void main(String[] args) throws IOException {
        Conformance c = new Conformance(MaskingFixtures.service(new FastEngine()), MaskingFixtures.shippedRules());
        c.presidioRecognizers().forEach((k, t) -> {
            System.out.printf("%-28s pos %d/%d neg %d/%d%n", k, t.positivesPassed(), t.positives(),
                    t.negativesPassed(), t.negatives());
            t.failures().forEach(f -> System.out.println("    " + f));
        });
        GitleaksTally g = c.gitleaks();
        System.out.printf("gitleaks TP %d/%d FP flagged %d/%d%n", g.tpCaught(), g.tp(), g.fpFlagged(), g.fp());
        g.misses().forEach(m -> System.out.println("  miss " + m));
        g.falseFlags().forEach(m -> System.out.println("  FP   " + m));
        ResearchTally r = c.research();
        r.perEntity().forEach((k, v) -> System.out.printf("research %-14s %d/%d%n", k, v[1], v[0]));
        r.misses().forEach(m -> System.out.println("  miss " + m));
    }
}
