package dev.periscope.masking;

import dev.periscope.masking.MaskingRule.Action;
import dev.periscope.masking.MaskingRule.Normalization;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The masking engine: the one implementation of {@link Masker}, plus the token and probe API that search and
 * reveal need.
 *
 * <p>Never throws from {@code mask}: any failure, or a value that takes longer than its budget, gives
 * {@link MaskedText#withheld()}.
 */
public final class MaskingService implements Masker {

    /** A token as rendered in masked text: {@code ‹label:hex›}. */
    public static final Pattern TOKEN = Pattern.compile("‹([a-z0-9._-]{1,40}):([0-9a-f]{8,64})›");
    /** What the redact and hash actions write in place of a value: {@code [REDACTED:email]}, {@code [HASH:email:…]}. */
    public static final Pattern PLACEHOLDER = Pattern.compile(
            "\\[(?:REDACTED:[a-z0-9._-]{1,40}|HASH:[a-z0-9._-]{1,40}:[0-9a-f]{8,64})]");

    /** Clean labels remembered at most; the set starts over when full. */
    private static final int CLEAN_LABELS_MAX = 16_384;
    /** Longer labels are masked every time: they are rarely repeated names. */
    private static final int CLEAN_LABEL_MAX_CHARS = 256;

    private final Supplier<CompiledRules> rules;
    private final SpanFinder finder;
    private final Tokenizer tokenizer;
    private final @Nullable TokenVault vault;
    private final long budgetNanos;
    private final int maxChars;
    private volatile CleanLabels cleanLabels = new CleanLabels(null);
    /** What recent texts masked to; null when nothing is remembered (the command line, most tests). */
    private final @Nullable RecentMaskedTexts recent;

    MaskingService(Supplier<CompiledRules> rules, SpanFinder finder, Tokenizer tokenizer, @Nullable TokenVault vault,
            long budgetNanos, int maxChars) {
        this(rules, finder, tokenizer, vault, budgetNanos, maxChars, null);
    }

    MaskingService(Supplier<CompiledRules> rules, SpanFinder finder, Tokenizer tokenizer, @Nullable TokenVault vault,
            long budgetNanos, int maxChars, @Nullable RecentMaskedTexts recent) {
        this.rules = rules;
        this.finder = finder;
        this.tokenizer = tokenizer;
        this.vault = vault;
        this.budgetNanos = budgetNanos;
        this.maxChars = maxChars;
        this.recent = recent;
    }

    @Override
    public MaskedText mask(MaskingContext context, String raw) {
        try {
            if (raw.length() > maxChars) {
                return MaskedText.placeholder();
            }
            CompiledRules r = rules.get();
            RecentMaskedTexts remembered = recent != null && RecentMaskedTexts.applies(context, raw) ? recent : null;
            if (remembered != null) {
                MaskedText seen = remembered.get(r, context.service(), raw);
                if (seen != null) {
                    return seen;
                }
            }
            MaskedText masked = maskWith(r, context, raw);
            if (remembered != null) {
                remembered.put(r, context.service(), raw, masked);
            }
            return masked;
        } catch (RuntimeException | StackOverflowError e) {
            return MaskedText.placeholder();
        }
    }

    /** Output may be kept while the rules stay the same, as long as this engine keeps its own recent results. */
    @Override
    public Optional<Reuse> reuse() {
        if (recent == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Reuse(rules.get(), recent.maxAge()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private MaskedText maskWith(CompiledRules r, MaskingContext context, String raw) {
        try {
            boolean[] active = r.active(context.service(), context.exemptCategories());
            List<Span> spans = outsideTokens(raw, RepeatedValues.withRepeats(raw, withEmbeddedFields(r, context, raw,
                    finder.find(r, raw, active, System.nanoTime() + budgetFor(raw)))));
            if (spans.isEmpty()) {
                return new MaskedText(raw, List.of(), false);
            }
            return render(r, context, raw, resolveOverlaps(spans));
        } catch (RuntimeException | StackOverflowError e) {
            return MaskedText.placeholder();
        }
    }

    /** The budget covers 64 Ki characters; a longer value gets it once per started 64 Ki, so work stays linear. */
    private long budgetFor(String raw) {
        return budgetNanos * Math.max(1, (raw.length() + 65_535) / 65_536);
    }

    @Override
    public MaskedFields mask(MaskingContext context, Map<String, String> rawFields) {
        LinkedHashMap<String, MaskedText> out = new LinkedHashMap<>();
        CompiledRules r;
        try {
            r = rules.get();
        } catch (RuntimeException e) {
            // Names can carry values too, so they are withheld with the values: one placeholder entry per field.
            for (int i = 0; i < rawFields.size(); i++) {
                out.put(unusedKey(out, MaskedText.WITHHELD_TEXT), MaskedText.placeholder());
            }
            return MaskedFields.owning(out);
        }
        Map<String, List<String>> pairNames = NameValuePairs.namesByObject(rawFields);
        for (var e : rawFields.entrySet()) {
            MaskedText value = maskField(r, context, e.getKey(), e.getValue(), pairNames);
            if (value.hits().isEmpty() && !value.withheld()
                    && FieldUnderItsKey.worthReading(e.getKey(), e.getValue())) {
                value = maskUnderItsKey(r, context, e.getKey(), e.getValue(), rawFields, value);
            }
            MaskedText name = maskLabel(context, e.getKey());
            if (name.text().equals(e.getKey())) {
                out.put(e.getKey(), value);
            } else {
                // A key can hold a value too ({"attempts": {"alice@example.com": 3}} flattens to a name with the
                // address in it): the name is masked like any text, and its hits count with the value's.
                out.put(unusedKey(out, name.text()), withHits(value, name.hits()));
            }
        }
        return MaskedFields.owning(out);
    }

    /**
     * Masks a short label that repeats from event to event: a field name, a service, a level, a source file. Most
     * are clean, and a clean label stays clean until the rules change, so clean ones are remembered per service
     * (for readers without exemptions) instead of running the engine again for every event of a page.
     */
    @Override
    public MaskedText maskLabel(MaskingContext context, String label) {
        CompiledRules r;
        try {
            r = rules.get();
        } catch (RuntimeException e) {
            return MaskedText.placeholder();
        }
        boolean cacheable = context.exemptCategories().isEmpty() && label.length() <= CLEAN_LABEL_MAX_CHARS;
        String key = cacheable ? context.service() + '\u0000' + label : null;
        CleanLabels clean = cleanLabels;
        if (key != null && clean.rules == r && clean.labels.contains(key)) {
            return new MaskedText(label, List.of(), false);
        }
        MaskedText masked = mask(context, label);
        if (key != null && masked.hits().isEmpty() && !masked.withheld()) {
            if (clean.rules != r || clean.labels.size() >= CLEAN_LABELS_MAX) {
                clean = new CleanLabels(r);
                cleanLabels = clean;
            }
            clean.labels.add(key);
        }
        return masked;
    }

    /** Labels found clean under one rule set; replaced whole when the rules change or it is full. */
    private record CleanLabels(@Nullable CompiledRules rules, Set<String> labels) {
        CleanLabels(@Nullable CompiledRules rules) {
            this(rules, ConcurrentHashMap.newKeySet());
        }
    }

    private static String unusedKey(Map<String, MaskedText> taken, String key) {
        String candidate = key;
        for (int n = 2; taken.containsKey(candidate); n++) {
            candidate = key + " (" + n + ")";
        }
        return candidate;
    }

    private static MaskedText withHits(MaskedText value, List<RuleHit> more) {
        if (more.isEmpty()) {
            return value;
        }
        List<RuleHit> all = new ArrayList<>(value.hits());
        all.addAll(more);
        return new MaskedText(value.text(), List.copyOf(all), value.withheld());
    }

    /**
     * The value as the content rules that read keys see it in a message: under its key, after the names around it
     * ({@link FieldUnderItsKey}). What they find inside the value is masked; {@code clean} is returned when nothing is.
     */
    private MaskedText maskUnderItsKey(CompiledRules r, MaskingContext context, String path, String value,
            Map<String, String> fields, MaskedText clean) {
        try {
            FieldUnderItsKey.Text keyed = FieldUnderItsKey.of(path, value, fields);
            boolean[] active = r.active(context.service(), context.exemptCategories());
            int from = keyed.valueStart();
            int to = from + value.length();
            List<Span> inside = new ArrayList<>();
            for (Span span : finder.find(r, keyed.text(), active, System.nanoTime() + budgetFor(value))) {
                if (span.start() >= from && span.end() <= to) {
                    inside.add(new Span(span.start() - from, span.end() - from, span.rule(), span.merged()));
                }
            }
            return inside.isEmpty() ? clean : render(r, context, value, resolveOverlaps(inside));
        } catch (RuntimeException | StackOverflowError e) {
            return MaskedText.placeholder();
        }
    }

    private MaskedText maskField(CompiledRules r, MaskingContext context, String name, String value,
            Map<String, List<String>> pairNames) {
        try {
            MaskingRule byName = r.fieldRuleForLeaf(context, name);
            if (byName == null && !pairNames.isEmpty()) {
                for (String paired : NameValuePairs.namesFor(name, pairNames)) {
                    byName = r.fieldRuleFor(context, paired);
                    if (byName != null) {
                        break;
                    }
                }
            }
            if (byName == null || value.isEmpty()) {
                MaskedText masked = mask(context, value);
                // As in text, a plain number under a name that says it is a time, a size or an order's id is that,
                // and dotted numbers under a version's name are a version ("version": "1.2.3.4"), as the address
                // rule reads them after Version= in text.
                boolean otherThing = !masked.hits().isEmpty() && !masked.withheld()
                        && (OtherKeys.isPlainNumber(value) && OtherKeys.namesOtherThing(name)
                                && r.allSkipUnderOtherKeys(masked.hits())
                            || OtherKeys.isDottedNumber(value) && OtherKeys.namesVersion(name));
                return otherThing ? new MaskedText(value, List.of(), false) : masked;
            }
            if (OtherKeys.isSettingValue(name, value) || Validators.standsInForAValue(value)) {
                // "password_min_length": 12 holds no password; "API_KEY": "********" and "DB_PASSWORD":
                // "${DB_PASSWORD}" hold what stands in for one.
                return new MaskedText(value, List.of(), false);
            }
            if (byName.valueAsText() && !byName.textCheck().valid(value)) {
                MaskedText asText = asLine(context, name, value);
                if (asText != null) {
                    return asText;
                }
            }
            if ("user".equals(byName.label()) && OtherKeys.isSystemPrincipal(value)) {
                return mask(context, value); // system:serviceaccount:argocd:argocd-server is no person
            }
            String masked = apply(byName, byName.actionFor(context.service()), value);
            return new MaskedText(masked, List.of(new RuleHit(byName.id(), byName.category(), 1)), false);
        } catch (RuntimeException e) {
            return MaskedText.placeholder();
        }
    }

    /**
     * A structured field's value masked as the line {@code name: value} that a log writes for it
     * ({@code Authorization: Bearer eyJ...}, {@code Cookie: sid=...; theme=dark}), so that it keeps what a log line
     * keeps; null when the line's name does not come back as it went in, and the value is then masked whole.
     */
    private @Nullable MaskedText asLine(MaskingContext context, String name, String value) {
        String leaf = name;
        int dot = leaf.lastIndexOf('.');
        // Array positions are no names: headers.set-cookie.0 is a set-cookie header.
        while (dot > 0 && OtherKeys.isPlainNumber(leaf.substring(dot + 1))) {
            leaf = leaf.substring(0, dot);
            dot = leaf.lastIndexOf('.');
        }
        String prefix = leaf.substring(dot + 1) + ": ";
        MaskedText line = mask(context, prefix + value);
        if (line.withheld() || !line.text().startsWith(prefix)) {
            return null;
        }
        return new MaskedText(line.text().substring(prefix.length()), line.hits(), false);
    }

    /**
     * The rule set in force, as an opaque value that changes when the rules are reloaded: what was screened under one
     * generation is screened again under the next.
     */
    public Object rulesGeneration() {
        return rules.get();
    }

    /**
     * Whether a search query holds a raw confidential value. The caller refuses such a query and audits it as a
     * probe; the answer names categories and rules, never the value.
     */
    public QueryProbe checkQuery(String query) {
        return check(query, false);
    }

    /**
     * The same, for a text that a message search matches word by word ({@code "salary=91000"}): values under keys
     * that a field rule names count as well ({@link EmbeddedFields}), since the message shows them masked.
     */
    public QueryProbe checkMessageText(String text) {
        return check(text, true);
    }

    private QueryProbe check(String query, boolean withKeys) {
        CompiledRules r = rules.get();
        List<Span> spans;
        try {
            // A search runs across services: a rule switched on for any one of them guards its values.
            spans = finder.find(r, query, r.active(MaskingContext.ANY_SERVICE, Set.of()),
                    System.nanoTime() + budgetFor(query));
            if (withKeys) {
                spans = withEmbeddedFields(r, MaskingContext.anyService(Set.of()), query, spans);
            }
            spans = outsideTokens(query, spans);
        } catch (RuntimeException e) {
            // A query we cannot check is treated as a probe: fail closed.
            return new QueryProbe(true, Set.of("unknown"), Set.of());
        }
        if (spans.isEmpty()) {
            return QueryProbe.CLEAN;
        }
        Set<String> categories = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (Span s : spans) {
            categories.add(r.ruleOfSpan(s.rule()).category());
            ids.add(r.ruleOfSpan(s.rule()).id());
        }
        return new QueryProbe(true, categories, ids);
    }

    /**
     * Whether a field is masked whole by its name or path, whatever its content (a field rule such as
     * {@code **.password}). Searching such a field by value, pattern or range would confirm a value that no reader is
     * shown, so the caller refuses it and audits it as a probe. A rule counts when it is enabled for any service, and
     * reader exemptions are ignored, as in {@link #checkQuery}: a search runs across services. Names categories and
     * rules, never a value. Rules that cannot be read mask every field (fail closed).
     */
    @Override
    public Optional<String> categoryOfToken(String token) {
        Matcher m = TOKEN.matcher(token.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        String label = m.group(1);
        try {
            CompiledRules r = rules.get();
            return java.util.stream.Stream.concat(java.util.Arrays.stream(r.content), r.fieldRules.stream())
                    .filter(rule -> rule.label().equals(label)).map(MaskingRule::category).findFirst();
        } catch (RuntimeException e) {
            return Optional.empty(); // rules that cannot be read vouch for no token
        }
    }

    public QueryProbe checkField(String fieldName) {
        List<MaskingRule> matching;
        try {
            matching = rules.get().fieldRulesFor(fieldName);
        } catch (RuntimeException e) {
            return new QueryProbe(true, Set.of("unknown"), Set.of());
        }
        Set<String> categories = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (MaskingRule rule : matching) {
            if (rule.enabledAnywhere()) {
                categories.add(rule.category());
                ids.add(rule.id());
            }
        }
        return categories.isEmpty() ? QueryProbe.CLEAN : new QueryProbe(true, categories, ids);
    }

    /** The tokens ({@code ‹label:hex›}) that occur in a text, in order. */
    public static List<String> tokensIn(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /**
     * The raw values a token stands for, for a server-side search by token. The values must go no further than the
     * store query: not to the client, not to a log.
     */
    public List<String> resolveForSearch(String token) {
        return vault == null ? List.of() : vault.resolve(token);
    }

    /**
     * The raw values a token stands for, for an audited reveal. The caller must hold an approved grant and must
     * audit the reveal before it shows anything.
     */
    public List<String> reveal(String token) {
        return vault == null ? List.of() : vault.resolve(token);
    }

    /**
     * The content rules' spans plus the values of keys a field rule names ({@link EmbeddedFields}) and of cookies
     * ({@link CookieValues}), in order.
     */
    private static List<Span> withEmbeddedFields(CompiledRules r, MaskingContext context, String raw,
            List<Span> found) {
        List<Span> embedded = EmbeddedFields.find(r, context, raw);
        List<Span> cookies = CookieValues.find(r, context, raw);
        if (!cookies.isEmpty()) {
            embedded = new ArrayList<>(embedded);
            embedded.addAll(cookies);
        }
        if (embedded.isEmpty()) {
            return found;
        }
        List<Span> all = new ArrayList<>(found.size() + embedded.size());
        all.addAll(found);
        all.addAll(embedded);
        java.util.Collections.sort(all);
        return all;
    }

    /**
     * The spans that do not lie inside a token: a token's hex digits can read as a number some content rule
     * matches (a national id, a phone number), and masking a masked text again, or checking a query that searches
     * by a token, must leave the token as it is.
     */
    static List<Span> outsideTokens(String text, List<Span> spans) {
        if (spans.isEmpty() || text.indexOf('‹') < 0) {
            return spans;
        }
        List<int[]> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            tokens.add(new int[] {m.start(), m.end()});
        }
        if (tokens.isEmpty()) {
            return spans;
        }
        // Both in order of start, and tokens do not overlap: one walk over each.
        List<Span> kept = new ArrayList<>(spans.size());
        int t = 0;
        for (Span span : spans) {
            while (t < tokens.size() && tokens.get(t)[1] <= span.start()) {
                t++;
            }
            boolean inside = t < tokens.size() && span.start() >= tokens.get(t)[0] && span.end() <= tokens.get(t)[1];
            if (!inside) {
                kept.add(span);
            }
        }
        return kept;
    }

    /** Which rules fired at which offsets of a text, after overlaps are resolved; for {@code mask --explain}. */
    List<Explained> explain(MaskingContext context, String raw) {
        CompiledRules r = rules.get();
        List<Span> spans = resolveOverlaps(RepeatedValues.withRepeats(raw, withEmbeddedFields(r, context, raw,
                finder.find(r, raw, r.active(context.service(), context.exemptCategories()),
                        System.nanoTime() + budgetFor(raw)))));
        return spans.stream().map(s -> new Explained(r.ruleOfSpan(s.rule()).id(), s.start(), s.end())).toList();
    }

    record Explained(String ruleId, int start, int end) {
    }

    /**
     * Longest first at each start, then rule order. A later span inside a kept one is dropped; a later span that
     * starts inside a kept one and ends after it extends the kept one to its end, so no part of either hit stays
     * visible ({@code password=pw:4111 1111 1111 1111}: the password's hit ends inside the card number).
     */
    static List<Span> resolveOverlaps(List<Span> sorted) {
        List<Span> kept = new ArrayList<>(sorted.size());
        int end = -1;
        for (Span s : sorted) {
            if (s.start() >= end) {
                kept.add(s);
                end = s.end();
            } else if (s.end() > end) {
                Span last = kept.get(kept.size() - 1);
                kept.set(kept.size() - 1, new Span(last.start(), s.end(), last.rule(), true));
                end = s.end();
            }
        }
        return kept;
    }

    private MaskedText render(CompiledRules r, MaskingContext context, String raw, List<Span> spans) {
        int count = spans.size();
        String[] replacements = new String[count];
        int length = raw.length();
        // Rules in the order they first fired, with how often: a value has few spans, so a scan beats a map.
        int[] ruleIds = new int[count];
        int[] fired = new int[count];
        int distinct = 0;
        for (int i = 0; i < count; i++) {
            Span s = spans.get(i);
            MaskingRule rule = r.ruleOfSpan(s.rule());
            Action action = rule.actionFor(context.service());
            if (s.merged() && action == Action.PARTIAL) {
                // What partial masking keeps (a card's last four) may belong to the other hit of a merged span.
                action = Action.REDACT;
            }
            replacements[i] = apply(rule, action, raw.substring(s.start(), s.end()));
            length += replacements[i].length() - (s.end() - s.start());
            int k = 0;
            while (k < distinct && ruleIds[k] != s.rule()) {
                k++;
            }
            if (k == distinct) {
                ruleIds[distinct++] = s.rule();
            }
            fired[k]++;
        }
        // Copied in bulk: once a token's '‹' is in, a StringBuilder holds UTF-16 and appends the rest of a
        // Latin-1 text character by character.
        char[] out = new char[length];
        int at = 0;
        int pos = 0;
        for (int i = 0; i < count; i++) {
            Span s = spans.get(i);
            raw.getChars(pos, s.start(), out, at);
            at += s.start() - pos;
            replacements[i].getChars(0, replacements[i].length(), out, at);
            at += replacements[i].length();
            pos = s.end();
        }
        raw.getChars(pos, raw.length(), out, at);
        List<RuleHit> hits = new ArrayList<>(distinct);
        for (int k = 0; k < distinct; k++) {
            MaskingRule rule = r.ruleOfSpan(ruleIds[k]);
            hits.add(new RuleHit(rule.id(), rule.category(), fired[k]));
        }
        return new MaskedText(new String(out), hits, false);
    }

    String apply(MaskingRule rule, Action action, String value) {
        return switch (action) {
            case REDACT -> "[REDACTED:" + rule.label() + "]";
            case HASH -> Tokenizer.hash(rule.label(), normalize(rule.options().normalize(), value));
            case TOKENIZE -> {
                String token = tokenizer.token(rule.label(), normalize(rule.options().normalize(), value));
                if (vault != null) {
                    vault.remember(token, value);
                }
                yield token;
            }
            case PARTIAL -> partial(rule, value);
        };
    }

    private static String partial(MaskingRule rule, String value) {
        if (rule.options().keepDomain()) {
            String v = value.replace("%40", "@");
            int at = v.lastIndexOf('@');
            if (at > 0) {
                return "[REDACTED:" + rule.label() + "]" + v.substring(at);
            }
        }
        int keep = rule.options().keepLast();
        int alnum = 0;
        for (int i = 0; i < value.length(); i++) {
            if (Character.isLetterOrDigit(value.charAt(i))) {
                alnum++;
            }
        }
        // Showing the last few characters of a short value would show most of it.
        if (alnum < 3 * keep || keep == 0) {
            return "[REDACTED:" + rule.label() + "]";
        }
        StringBuilder b = new StringBuilder(value.length());
        int seen = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                seen++;
                b.append(seen > alnum - keep ? c : '*');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** ASCII letters and digits only, upper-cased: what an IBAN or a national ID is, whatever its spacing. */
    private static String alnumUpper(String value) {
        StringBuilder b = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 'a' && c <= 'z') {
                b.append((char) (c - ('a' - 'A')));
            } else if (c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static final Pattern SPELLED_AT = Pattern.compile(" ?(?:\\(at\\)|\\[at]|\\{at}) ?");
    private static final Pattern SPELLED_DOT = Pattern.compile(" ?(?:\\(dot\\)|\\[dot]|\\{dot}) ?");

    static String normalize(Normalization n, String value) {
        return switch (n) {
            case NONE -> value;
            case LOWER -> value.toLowerCase(Locale.ROOT);
            case DIGITS -> Validators.digits(value);
            case ALNUM_UPPER -> alnumUpper(value);
            // ip-10-0-5-21 in a host name shares its token with 10.0.5.21.
            case DOTTED -> value.replace('-', '.');
            // jane.doe [at] example [dot] com shares its token with jane.doe@example.com.
            case SPELLED_EMAIL -> SPELLED_AT.matcher(SPELLED_DOT.matcher(value.toLowerCase(Locale.ROOT))
                    .replaceAll(".")).replaceAll("@");
            case URL_DECODE_LOWER -> {
                try {
                    // Twice when encoded twice (bob%2540x.com), so that every spelling of an address shares its token.
                    String once = URLDecoder.decode(value, StandardCharsets.UTF_8);
                    String decoded = once.contains("%") ? URLDecoder.decode(once, StandardCharsets.UTF_8) : once;
                    yield decoded.toLowerCase(Locale.ROOT);
                } catch (IllegalArgumentException e) {
                    yield value.toLowerCase(Locale.ROOT);
                }
            }
        };
    }
}
