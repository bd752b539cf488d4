package dev.periscope.masking;

import dev.periscope.masking.MaskingRule.ContentDetector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A rule set made ready for the engines: content rules indexed, keywords in one automaton, window classes in one
 * character table. Immutable and shared by all threads; a reload builds a new one.
 */
final class CompiledRules {

    final RuleSet ruleSet;
    final MaskingRule[] content;
    final List<MaskingRule> fieldRules;
    /** Turns away most keys found in text before they are looked up ({@link EmbeddedFields}). */
    final FieldKeyFilter fieldKeys;
    private final Map<MaskingRule, Integer> fieldRuleIndex = new java.util.IdentityHashMap<>();
    final KeywordAutomaton keywords;
    /** For each keyword id, the content rules that named it. */
    final int[][] keywordRules;
    /** Bit b set when the char belongs to window class b. */
    final int[] classMask = new int[65536];
    final int windowClasses;
    /** For each content rule, its window class, or -1. */
    final int[] windowClassOf;
    /** Distinct (separators, max-gap) combinations of digit rules, and which rules use each. */
    final boolean[][] clusterSeparators;
    final int[] clusterGap;
    final int[][] clusterRules;
    /** The smallest digit count any rule of each cluster spec asks for: clusters with fewer are skipped at once. */
    final int[] clusterMinDigits;
    /**
     * Each digit rule's spec, unpacked by rule index (zero for other rules): read for every member of every cluster,
     * where following the rule's records cost more than the checks themselves.
     */
    final int[] digitMin;
    final int[] digitMinSeparators;
    final int[] digitBefore;
    final int[] digitAfter;
    /**
     * The cluster specs (one bit each) with a rule that accepts a cluster without separators, so a single run of
     * digits; and the fewest digits such a run needs for any of them.
     */
    final long clusterSingleRunSpecs;
    final int clusterSingleRunMinDigits;
    /** For each ASCII char, the cluster specs (one bit each) that have it as a separator. */
    final long[] clusterSeparatorBits = new long[128];
    /** For each gap length, the cluster specs whose max-gap allows it (index 0: none, runs are never adjacent). */
    final long[] clusterGapBits;
    /** Content rules with a window prefilter. */
    final int[] windowRules;
    /** Content rules with no prefilter: they run over the whole text. */
    final int[] alwaysRun;
    private final Map<String, boolean[]> activeByService = new ConcurrentHashMap<>();
    /**
     * For each field name seen, the field rules whose globs match it, in rule order. Events repeat a small set of
     * field names, and matching every glob of every field rule on every field of every event cost more than masking
     * the values. Bounded: names beyond the cap are matched afresh each time.
     */
    private final Map<String, List<MaskingRule>> fieldRulesByName = new ConcurrentHashMap<>();
    private static final int FIELD_NAME_CACHE = 10_000;
    /**
     * One reusable matcher per content rule and thread: creating a {@link Matcher} allocates its group arrays, which
     * costs more than running a short pattern over a short region.
     */
    private final ThreadLocal<Matcher[]> matchers;
    /** Each content rule's pattern as the engine runs it: its ASCII classes flattened ({@link FlatClasses}). */
    private final Pattern[] running;
    /**
     * Keyword ids from this one on are context words (word {@code k - firstContextWord}), not rule keywords; for each
     * rule, which context words are its own (null: none).
     */
    final int firstContextWord;
    private final boolean[][] contextOf;
    /** For each content rule, its gate (window or digits), or null. */
    private final RegionGate[] gates;
    /** For each content rule, the automaton of its pattern's outline ({@link PatternOutline}), or null. */
    private final RegionGate[] outlines;
    /** For each content rule, where its matches can begin ({@link MatchStart}), or null. */
    private final @Nullable MatchStart[] starts;

    CompiledRules(RuleSet ruleSet) {
        this.ruleSet = ruleSet;
        List<MaskingRule> c = new ArrayList<>();
        List<MaskingRule> f = new ArrayList<>();
        for (MaskingRule r : ruleSet.rules()) {
            (r.isFieldRule() ? f : c).add(r);
        }
        this.content = c.toArray(MaskingRule[]::new);
        this.fieldRules = List.copyOf(f);
        this.fieldKeys = new FieldKeyFilter(fieldRules);
        for (int i = 0; i < fieldRules.size(); i++) {
            fieldRuleIndex.put(fieldRules.get(i), i);
        }

        Map<String, List<Integer>> kwToRules = new LinkedHashMap<>();
        Map<String, Integer> classIds = new LinkedHashMap<>();
        windowClassOf = new int[content.length];
        List<Integer> always = new ArrayList<>();
        Map<String, List<Integer>> clusterIds = new LinkedHashMap<>();
        for (int i = 0; i < content.length; i++) {
            ContentDetector d = content[i].content();
            windowClassOf[i] = -1;
            if (!d.keywords().isEmpty()) {
                for (String k : d.keywords()) {
                    kwToRules.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new ArrayList<>()).add(i);
                }
            } else if (d.digits() != null) {
                clusterIds.computeIfAbsent(d.digits().maxGap() + "|" + d.digits().separators(),
                        x -> new ArrayList<>()).add(i);
            } else if (d.window() != null) {
                windowClassOf[i] = classIds.computeIfAbsent(d.window().charClass(), x -> classIds.size());
            } else {
                always.add(i);
            }
        }
        if (classIds.size() > 31) {
            throw new IllegalArgumentException("at most 31 distinct window classes");
        }
        this.windowClasses = classIds.size();
        for (var e : classIds.entrySet()) {
            Matcher m = Pattern.compile(e.getKey()).matcher("");
            int bit = 1 << e.getValue();
            for (int ch = 0; ch < 65536; ch++) {
                if (m.reset(String.valueOf((char) ch)).matches()) {
                    classMask[ch] |= bit;
                }
            }
        }
        this.alwaysRun = always.stream().mapToInt(Integer::intValue).toArray();
        this.windowRules = java.util.stream.IntStream.range(0, content.length).filter(i -> windowClassOf[i] >= 0)
                .toArray();
        int contentCount = content.length;
        this.matchers = ThreadLocal.withInitial(() -> new Matcher[contentCount]);
        this.running = new Pattern[contentCount];
        for (int i = 0; i < contentCount; i++) {
            running[i] = FlatClasses.of(content[i].content().pattern());
        }
        List<String> words = new ArrayList<>();
        Map<String, Integer> wordIds = new LinkedHashMap<>();
        for (MaskingRule r : content) {
            for (String w : r.content().context()) {
                wordIds.computeIfAbsent(w, x -> {
                    words.add(x);
                    return words.size() - 1;
                });
            }
        }
        // Context words ride along in the keyword automaton, after the rules' keywords: the single pass then finds
        // them too, and a digit cluster asks a short list of hits instead of scanning its surroundings again.
        List<String> kws = new ArrayList<>(kwToRules.keySet());
        this.firstContextWord = kws.size();
        List<String> all = new ArrayList<>(kws);
        all.addAll(words);
        this.keywords = new KeywordAutomaton(all);
        this.keywordRules = new int[all.size()][];
        for (int k = 0; k < all.size(); k++) {
            keywordRules[k] = k < kws.size()
                    ? kwToRules.get(kws.get(k)).stream().distinct().mapToInt(Integer::intValue).toArray()
                    : new int[0];
        }
        this.contextOf = new boolean[contentCount][];
        for (int i = 0; i < contentCount; i++) {
            List<String> own = content[i].content().context();
            if (!own.isEmpty()) {
                contextOf[i] = new boolean[words.size()];
                for (String w : own) {
                    contextOf[i][wordIds.get(w)] = true;
                }
            }
        }
        this.gates = new RegionGate[contentCount];
        for (int i = 0; i < contentCount; i++) {
            ContentDetector d = content[i].content();
            Pattern gate = d.window() != null ? d.window().gate() : d.digits() != null ? d.digits().gate() : null;
            gates[i] = gate == null ? null : new RegionGate(gate);
        }
        this.outlines = new RegionGate[contentCount];
        for (int i = 0; i < contentCount; i++) {
            outlines[i] = PatternOutline.of(content[i].content().pattern());
        }
        this.starts = new MatchStart[contentCount];
        for (int i = 0; i < contentCount; i++) {
            starts[i] = MatchStart.of(content[i].content().pattern());
        }
        digitMin = new int[contentCount];
        digitMinSeparators = new int[contentCount];
        digitBefore = new int[contentCount];
        digitAfter = new int[contentCount];
        for (int i = 0; i < contentCount; i++) {
            MaskingRule.DigitSpec d = content[i].content().digits();
            if (d != null) {
                digitMin[i] = d.min();
                digitMinSeparators[i] = d.minSeparators();
                digitBefore[i] = d.before();
                digitAfter[i] = d.after();
            }
        }
        int nc = clusterIds.size();
        if (nc > 64) {
            throw new IllegalArgumentException("at most 64 distinct combinations of digit separators and max-gap");
        }
        clusterSeparators = new boolean[nc][];
        clusterGap = new int[nc];
        clusterRules = new int[nc][];
        clusterMinDigits = new int[nc];
        int ci = 0;
        for (var e : clusterIds.entrySet()) {
            String key = e.getKey();
            int bar = key.indexOf('|');
            clusterGap[ci] = Integer.parseInt(key.substring(0, bar));
            boolean[] sep = new boolean[128];
            for (char ch : key.substring(bar + 1).toCharArray()) {
                if (ch < 128) {
                    sep[ch] = true;
                }
            }
            clusterSeparators[ci] = sep;
            clusterRules[ci] = e.getValue().stream().mapToInt(Integer::intValue).toArray();
            clusterMinDigits[ci] = e.getValue().stream().mapToInt(r -> content[r].content().digits().min()).min()
                    .orElse(1);
            for (int ch = 0; ch < 128; ch++) {
                if (sep[ch]) {
                    clusterSeparatorBits[ch] |= 1L << ci;
                }
            }
            ci++;
        }
        long singleRunSpecs = 0;
        int singleRunMin = Integer.MAX_VALUE;
        for (int k = 0; k < nc; k++) {
            for (int r : clusterRules[k]) {
                if (digitMinSeparators[r] == 0) {
                    singleRunSpecs |= 1L << k;
                    singleRunMin = Math.min(singleRunMin, clusterMinDigits[k]);
                }
            }
        }
        clusterSingleRunSpecs = singleRunSpecs;
        clusterSingleRunMinDigits = singleRunMin;
        int maxGap = java.util.Arrays.stream(clusterGap).max().orElse(0);
        clusterGapBits = new long[maxGap + 1];
        for (int g = 1; g <= maxGap; g++) {
            for (int k = 0; k < nc; k++) {
                if (clusterGap[k] >= g) {
                    clusterGapBits[g] |= 1L << k;
                }
            }
        }
    }

    /** A matcher of rule {@code r} over {@code text} with transparent, non-anchoring bounds, reused per thread. */
    Matcher matcher(int r, String text) {
        Matcher[] mine = matchers.get();
        Matcher m = mine[r];
        if (m == null) {
            m = running[r].matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
            mine[r] = m;
            return m;
        }
        return m.reset(text);
    }

    /**
     * Whether rule {@code r}'s gate and its pattern's outline both find something in [from, to); a missing gate or
     * outline does not refuse. {@code chars} holds the text's characters, or is null.
     */
    boolean gateOpen(int r, String text, char @Nullable [] chars, int from, int to) {
        RegionGate gate = gates[r];
        return (gate == null || gate.open(text, chars, from, to)) && outlineOpen(r, text, chars, from, to);
    }

    /** Whether the outline of rule {@code r}'s pattern finds something in [from, to); true without an outline. */
    boolean outlineOpen(int r, String text, char @Nullable [] chars, int from, int to) {
        RegionGate outline = outlines[r];
        return outline == null || outline.open(text, chars, from, to);
    }

    /** Whether a match of rule {@code r} may begin at {@code p} and end by {@code end}; true when unknown. */
    boolean startPossible(int r, char[] chars, int p, int end) {
        MatchStart s = starts[r];
        return s == null || s.possible(chars, p, end);
    }

    /**
     * Whether rule {@code r}'s regions are cheaper tried position by position than searched: only with a leading
     * lookbehind, which refuses most positions with one table lookup. Without it, the anchored outline alone would be
     * walked from every position of a long run.
     */
    boolean hasStartConditions(int r) {
        MatchStart s = starts[r];
        return s != null && s.refusesInsideWords();
    }

    /** How many content rules have an outline automaton (for tests and diagnostics). */
    long outlineCount() {
        return java.util.Arrays.stream(outlines).filter(java.util.Objects::nonNull).count();
    }

    /**
     * Whether a match of rule {@code r} inside [from, to) could have its context: one of its context words occurs
     * within its context reach of the region. A cheap necessary condition for {@link #accept}'s context check, so
     * that a pattern does not run where no hit could come of it. True for rules without context words.
     *
     * @param hits the text's context-word occurrences as (start, end, word) triples in end order, found by the
     *     engine's single pass; an occurrence counts when it lies wholly inside the reach
     */
    boolean contextPossible(int r, int textLength, int[] hits, int hitCount, int from, int to) {
        boolean[] own = contextOf[r];
        if (own == null) {
            return true;
        }
        ContentDetector d = content[r].content();
        int a = Math.max(0, from - d.contextBefore());
        int b = Math.min(textLength, to + d.contextAfter());
        // The first occurrence that ends after a: any that starts at a or later does.
        int lo = 0;
        int hi = hitCount;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (hits[3 * mid + 1] > a) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        for (int j = lo; j < hitCount; j++) {
            int end = hits[3 * j + 1];
            if (end > b) {
                return false;
            }
            if (hits[3 * j] >= a && own[hits[3 * j + 2]]) {
                return true;
            }
        }
        return false;
    }

    /** The field rules whose globs match {@code name}, in rule order, whatever the service. */
    List<MaskingRule> fieldRulesFor(String name) {
        List<MaskingRule> cached = fieldRulesByName.get(name);
        if (cached != null) {
            return cached;
        }
        List<MaskingRule> matching = new ArrayList<>(1);
        // Array positions are not names: "password.0" and "users.3.email" are matched as "password" and
        // "users.email" too, so a rule for a field also covers a list of them.
        String withoutPositions = withoutPositions(name);
        // A key of digits is a name, not a position, where a list ends the path: DICOM's tags
        // ("00100020.Value.0" is "00100020.Value").
        String listed = withoutTrailingPositions(name);
        for (MaskingRule rule : fieldRules) {
            boolean included = false;
            boolean excluded = false;
            for (FieldGlob g : rule.fields()) {
                if (g.excluded() ? excluded : included) {
                    continue;
                }
                boolean match = g.matches(name) || withoutPositions != null && g.matches(withoutPositions)
                        || listed != null && !listed.equals(withoutPositions) && g.matches(listed);
                if (g.excluded()) {
                    excluded = match;
                } else {
                    included = match;
                }
            }
            if (included && !excluded) {
                matching.add(rule);
            }
        }
        int slash = name.lastIndexOf('/');
        if (matching.isEmpty() && slash >= 0 && slash + 1 < name.length()) {
            // A claim named by a URI (http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname) is named by its
            // last segment.
            matching.addAll(fieldRulesFor(name.substring(slash + 1)));
        }
        List<MaskingRule> result = List.copyOf(matching);
        if (fieldRulesByName.size() < FIELD_NAME_CACHE) {
            fieldRulesByName.put(name, result);
        }
        return result;
    }

    /**
     * The rule of a span's {@code rule} number: a content rule by its index, or a field rule (a value found under a
     * key in text, {@link EmbeddedFields}) numbered {@code -(index + 1)}, so both kinds sort, merge and render alike.
     */
    MaskingRule ruleOfSpan(int rule) {
        return rule >= 0 ? content[rule] : fieldRules.get(-1 - rule);
    }

    /** The span {@code rule} number of a field rule of this set. */
    int spanNumberOf(MaskingRule fieldRule) {
        return -1 - fieldRuleIndex.get(fieldRule);
    }

    /** The first field rule that masks a field of this name for this reader and service, or null. */
    @Nullable MaskingRule fieldRuleFor(MaskingContext context, String name) {
        for (MaskingRule rule : fieldRulesFor(name)) {
            if (rule.enabledFor(context.service()) && !context.exemptCategories().contains(rule.category())) {
                return rule;
            }
        }
        return null;
    }

    /**
     * The first enabled field rule for a leaf of a structured event: its own name's, else that of the nearest object
     * that holds it. A rule for {@code password} covers {@code {"password": {"S": "hunter2"}}} (DynamoDB's typed
     * values) and one for {@code dob} covers {@code {"dob": {"day": 23, "month": 9}}}: the leaves are
     * {@code password.S} and {@code dob.day}, and the name that says what they hold is their parent's. Keys found in
     * text do not come here: there the whole object under the key is masked.
     */
    @Nullable MaskingRule fieldRuleForLeaf(MaskingContext context, String name) {
        MaskingRule own = fieldRuleFor(context, name);
        if (own != null) {
            return own;
        }
        // Only a leaf whose own name says "the value" or a part of it: {"card": {"brand": "visa", "notes": ...}}
        // keeps its brand and notes (the content rules still read them), {"otp": {"enabled": true}} its settings.
        // A list of values is its name's: {"password": {"v": ["hunter2"]}} holds password.v.0.
        String listed = withoutTrailingPositions(name);
        if (listed != null) {
            name = listed;
        }
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || !VALUE_PARTS.contains(name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT))) {
            return null;
        }
        for (int at = dot; at > 0; at = name.lastIndexOf('.', at - 1)) {
            MaskingRule enclosing = fieldRuleFor(context, name.substring(0, at));
            if (enclosing != null) {
                return enclosing;
            }
        }
        return null;
    }

    /**
     * Names of a leaf that hold an enclosing field's value or a part of it: DynamoDB's type letters, wrappers'
     * value members, a date's and a name's parts, an address's lines, a card's or an account's number.
     */
    private static final Set<String> VALUE_PARTS = Set.of("s", "n", "b", "ss", "ns", "value", "values", "val", "v",
            "stringvalue", "string_value", "intvalue", "int_value", "text", "raw", "plain", "data", "content",
            "encrypted", "hash", "day", "month", "year", "date", "first", "last", "given", "family", "middle", "full",
            "first_name", "last_name", "line1", "line2", "line3", "street", "number", "digits", "code", "secret",
            "token", "key");

    /** The dotted name without the all-digit segments at its end ({@code a.value.0.1} is {@code a.value}), or null. */
    static @Nullable String withoutTrailingPositions(String name) {
        int end = name.length();
        for (int dot = name.lastIndexOf('.'); dot > 0 && isPosition(name, dot + 1, end);
                dot = name.lastIndexOf('.', dot - 1)) {
            end = dot;
        }
        return end == name.length() ? null : name.substring(0, end);
    }

    /** Whether {@code name[from, to)} is a list position: digits only, at least one. */
    private static boolean isPosition(String name, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** The dotted name without its all-digit segments, or null when it has none. */
    static @Nullable String withoutPositions(String name) {
        // A loop over the characters, not split and streams: keys found in text (timestamps, addresses with a port)
        // come here often.
        int n = name.length();
        StringBuilder kept = null;
        boolean dropped = false;
        int segmentStart = 0;
        for (int i = 0; i <= n; i++) {
            if (i < n && name.charAt(i) != '.') {
                continue;
            }
            if (i > segmentStart && allDigits(name, segmentStart, i)) {
                dropped = true;
            } else {
                if (kept == null) {
                    kept = new StringBuilder(n);
                }
                if (!kept.isEmpty()) {
                    kept.append('.');
                }
                kept.append(name, segmentStart, i);
            }
            segmentStart = i + 1;
        }
        return dropped && kept != null && !kept.isEmpty() ? kept.toString() : null;
    }

    private static boolean allDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Which content rules run for this service and reader (per-service overrides, exempt categories). */
    boolean[] active(String service, Set<String> exemptCategories) {
        boolean[] cached = activeByService.get(service);
        boolean[] base = cached != null ? cached : activeByService.computeIfAbsent(service, s -> {
            boolean[] a = new boolean[content.length];
            for (int i = 0; i < content.length; i++) {
                a[i] = content[i].enabledFor(s);
            }
            return a;
        });
        if (exemptCategories.isEmpty()) {
            return base;
        }
        boolean[] a = base.clone();
        for (int i = 0; i < content.length; i++) {
            if (exemptCategories.contains(content[i].category())) {
                a[i] = false;
            }
        }
        return a;
    }

    /**
     * Whether a match of rule {@code ruleIndex} is a hit: validator, exclusions and context. Both engines call this,
     * so they differ only in where they look.
     */
    boolean accept(int ruleIndex, String text, Matcher m, int[] span) {
        ContentDetector d = content[ruleIndex].content();
        int s;
        int e;
        if (d.group() != null) {
            s = m.start(d.group());
            e = m.end(d.group());
            if (s < 0 || s == e) {
                return false;
            }
        } else {
            s = m.start();
            e = m.end();
            if (s == e) {
                return false;
            }
        }
        String value = text.substring(s, e);
        int len = d.validator().accept(value);
        if (len <= 0) {
            return false;
        }
        if (len < value.length()) {
            value = value.substring(0, len);
            e = s + len;
        }
        for (Pattern x : d.exclusions()) {
            if (x.matcher(value).find()) {
                return false;
            }
        }
        if (!d.context().isEmpty() && !hasContext(d, text, m.start(), m.end())) {
            return false;
        }
        if (d.otherKeys() != OtherKeys.Scope.NONE
                && OtherKeys.holdsOtherNumber(text, s, e, d.otherKeys() == OtherKeys.Scope.KEYS_AND_WORDS)) {
            return false;
        }
        span[0] = s;
        span[1] = e;
        return true;
    }

    /** Whether every hit is of a rule that a number under a key naming something else does not count for. */
    boolean allSkipUnderOtherKeys(List<RuleHit> hits) {
        for (RuleHit hit : hits) {
            boolean skips = false;
            for (MaskingRule rule : content) {
                if (rule.id().equals(hit.ruleId())) {
                    skips = rule.content().otherKeys() != OtherKeys.Scope.NONE;
                    break;
                }
            }
            if (!skips) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasContext(ContentDetector d, String text, int start, int end) {
        int from = Math.max(0, start - d.contextBefore());
        int to = Math.min(text.length(), end + d.contextAfter());
        // Context words are stored lower-case; one lower-cased copy of the two sides beats many regionMatches.
        String before = text.substring(from, start).toLowerCase(Locale.ROOT);
        String after = text.substring(end, to).toLowerCase(Locale.ROOT);
        for (String word : d.context()) {
            if (startsWord(before, word) || startsWord(after, word)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Context words that say little on their own and are common in logs as names and keys: they count only as words
     * of prose, not inside a path, a name or a key ("/messages?page=2", "kafka.message", "message_id", every JSON
     * log's {@code "message":}). The others ("phone", "ssn", "tel", "imei") count in a key too: {@code phone=},
     * {@code sin_no=}, {@code borrower.ssn}.
     */
    private static final Set<String> PROSE_ONLY_CONTEXT = Set.of("message", "number", "office", "registered",
            "reach", "desk", "answering", "account");

    private static boolean unspacedScript(int codePoint) {
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.THAI;
    }

    /**
     * Whether {@code word} begins a word in {@code side}: "call" in "call me", "Call:" or "callback", not in
     * "AwsApiCall"; "cell" not in "CANCELLED"; "tel" not in "hotel". It may run on ("messages", "telephone").
     */
    private static boolean startsWord(String side, String word) {
        boolean proseOnly = PROSE_ONLY_CONTEXT.contains(word);
        // Chinese, Japanese and Thai write words without spaces between them: 联系电话 holds 电话 as a word.
        boolean unspaced = unspacedScript(word.codePointAt(0));
        for (int at = side.indexOf(word); at >= 0; at = side.indexOf(word, at + 1)) {
            char before = at > 0 ? side.charAt(at - 1) : ' ';
            if (!unspaced && Character.isLetterOrDigit(before) || proseOnly && "/._$@#".indexOf(before) >= 0) {
                continue;
            }
            if (proseOnly) {
                int end = at + word.length();
                while (end < side.length() && Character.isLetter(side.charAt(end))) {
                    end++;
                }
                if (end < side.length() && "_./=".indexOf(side.charAt(end)) >= 0
                        || end + 1 < side.length() && (side.charAt(end) == '"' || side.charAt(end) == '\'')
                        && side.charAt(end + 1) == ':') {
                    continue;
                }
            }
            return true;
        }
        return false;
    }
}
