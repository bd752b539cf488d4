package dev.periscope.logs;

import dev.periscope.logs.query.InvalidQueryException;
import dev.periscope.logs.query.LogFields;
import dev.periscope.logs.store.TermScreen;
import dev.periscope.masking.MaskingService;
import dev.periscope.masking.QueryProbe;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * The search vocabulary the masking engine allows: a token ({@code ‹email:7f3a9c21›}) is swapped for the value it
 * stands for, on the server and only inside the store query; a raw confidential value is refused as a probe.
 *
 * <p>A structured field that a rule masks by its name ({@code password}, {@code user.email}) is never shown, so any
 * search of it but by token would turn counts and histograms into an oracle for its values: values, patterns and
 * ranges on it are refused. Patterns and range bounds on other fields go through the content rules too, so that a
 * card number followed by {@code *} is caught like the card number alone.
 *
 * <p>A pattern could still find a secret that it does not spell out: {@code message:sk_live_a*}, then {@code b*}...
 * would rebuild a key from counts alone. So the words a pattern expands to are screened too ({@link #screen}).
 */
class MaskingQueryValues implements LogQueryValueResolver {

    /** Characters with a meaning in wildcards or Lucene regular expressions, but never part of a value. */
    private static final String PATTERN_OPERATORS = "*?+|(){}[]^$~<>\"#&";

    /** Words of messages at least this long, holding letters and digits, read as keys or ids. */
    static final int RANDOM_WORD_LENGTH = 16;
    /** Words of messages with at least this many digits read as account, card or id numbers. */
    static final int LONG_NUMBER_DIGITS = 12;

    private final MaskingService masking;
    private final TermScreen screen = new TermScreen() {
        @Override
        public boolean allows(String field, String term) {
            return mayExpandTo(field, term);
        }

        @Override
        public Object generation() {
            return masking.rulesGeneration();
        }
    };

    MaskingQueryValues(MaskingService masking) {
        this.masking = masking;
    }

    @Override
    public TermScreen screen() {
        return screen;
    }

    /**
     * Whether a wildcard, regular expression or range may find events by this stored word. Not when the content
     * rules mask it. Words of messages are stored lower-cased, so they are checked upper-cased as well (rules for
     * {@code AKIA…} keys are case-sensitive), and a long word of letters and digits or a long number is left out
     * whatever the rules say: it reads as a key, a token or an account number, and narrowing a pattern over such
     * words would spell them out. Such words are still found when searched whole.
     */
    boolean mayExpandTo(String field, String word) {
        if (field.equals(LogFields.MESSAGE)) {
            if (looksLikeKeyOrNumber(word)) {
                return false;
            }
            String upper = word.toUpperCase(Locale.ROOT);
            return !masking.checkQuery(word).confidential() && (upper.equals(word)
                    || !masking.checkQuery(upper).confidential());
        }
        return !masking.checkQuery(word).confidential();
    }

    static boolean looksLikeKeyOrNumber(String word) {
        int digits = 0;
        int letters = 0;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (Character.isLetter(c)) {
                letters++;
            }
        }
        return digits >= LONG_NUMBER_DIGITS
                || word.length() >= RANDOM_WORD_LENGTH && digits >= 2 && letters >= 2;
    }

    /**
     * A value that is one token stands for the value behind it, on any field. A longer value is checked as typed (a
     * field masked by its name, a raw confidential value), then each token in it is swapped for its value too: a top
     * value such as {@code no mailbox for ‹email:7f3a9c21›}, filtered in from the sidebar, finds its events.
     */
    @Override
    public String resolve(String field, String value) {
        return resolveAll(field, value).getFirst();
    }

    /** At most this many values to search for in place of one, when the tokens in it stand for several each. */
    static final int MAX_SPELLINGS = 64;

    @Override
    public List<String> resolveAll(String field, String value) {
        List<String> tokens = MaskingService.tokensIn(value);
        if (tokens.size() == 1 && tokens.getFirst().equals(value.strip())) {
            return valuesOf(tokens.getFirst());
        }
        refuseMaskedField(field, "searching it by value could confirm what it holds");
        refuseConfidential(value);
        if (field.equals(LogFields.MESSAGE)) {
            // As typed, tokens included (a value that is a token is masked already); rejoined, tokens and
            // placeholders are left out: "email:7f3a9c21" would read as a key and its value.
            refuse(masking.checkMessageText(value));
            String withoutTokens = MaskingService.TOKEN.matcher(value).replaceAll(" ");
            String words = MaskingService.PLACEHOLDER.matcher(withoutTokens).replaceAll(" ");
            for (Map.Entry<String, Boolean> spelling : rejoined(words).entrySet()) {
                refuse(spelling.getValue() ? masking.checkMessageText(spelling.getKey())
                        : masking.checkQuery(spelling.getKey()));
            }
        }
        if (tokens.isEmpty()) {
            return List.of(value);
        }
        // Each token in the value stands for each of its values: the value is searched in every such spelling.
        List<StringBuilder> spellings = new java.util.ArrayList<>(List.of(new StringBuilder()));
        Matcher token = MaskingService.TOKEN.matcher(value);
        int pos = 0;
        while (token.find()) {
            String before = value.substring(pos, token.start());
            List<String> raw = valuesOf(token.group());
            if ((long) spellings.size() * raw.size() > MAX_SPELLINGS) {
                throw new InvalidQueryException("The tokens in this value stand for too many values together; search "
                        + "for one token at a time.");
            }
            List<StringBuilder> longer = new java.util.ArrayList<>();
            for (StringBuilder spelling : spellings) {
                for (String r : raw) {
                    longer.add(new StringBuilder(spelling).append(before).append(r));
                }
            }
            spellings = longer;
            pos = token.end();
        }
        String rest = value.substring(pos);
        return spellings.stream().map(b -> b.append(rest).toString()).distinct().toList();
    }

    /** The values a token stands for; the query fails when the vault knows none, and never runs on the token. */
    private List<String> valuesOf(String token) {
        List<String> raw = masking.resolveForSearch(token).stream().distinct().toList();
        if (raw.isEmpty()) {
            throw new InvalidQueryException("This token is unknown or has expired; search for it in recent results.");
        }
        return raw;
    }

    /**
     * The message is searched by the words its analyzer cuts out, so {@code "4111/1111/1111/1111"} or
     * {@code "alice example.com"} finds the events that hold {@code 4111 1111 1111 1111} or
     * {@code alice@example.com} without spelling either. The words of a value are therefore also checked joined
     * the ways a confidential value joins its parts: by a space, a dash, a dot, a colon or nothing; every two
     * neighbours by an at sign, and by an equals sign when the second is four or more characters with a digit (a key
     * a field rule names, then its value).
     *
     * @return each spelling, and whether values under keys that field rules name count in it: not in the colon
     *     spelling, where {@code lat:night} would read as a key and its value, as the equals spelling already does
     *     where that is meant
     */
    static Map<String, Boolean> rejoined(String value) {
        List<String> words = java.util.Arrays.stream(value.split("[^\\p{L}\\p{N}._]+"))
                .filter(w -> !w.isEmpty()).toList();
        Map<String, Boolean> spellings = new LinkedHashMap<>();
        if (words.size() < 2) {
            return spellings;
        }
        for (String separator : List.of(" ", "-", ".", ":", "")) {
            spellings.putIfAbsent(String.join(separator, words), !separator.equals(":"));
        }
        for (int i = 0; i + 1 < words.size(); i++) {
            spellings.putIfAbsent(words.get(i) + "@" + words.get(i + 1), true);
            // "salary 91000" finds salary=91000: a key a field rule names, then a value of four or more characters
            // with a digit. Words alone ("email sent", "password reset") and short counts ("token 3 expired") are
            // not read as a key and its value: refusing them would refuse everyday searches.
            String next = words.get(i + 1);
            if (next.length() >= 4 && next.chars().anyMatch(Character::isDigit)) {
                spellings.putIfAbsent(words.get(i) + "=" + words.get(i + 1), true);
            }
        }
        spellings.remove(value);
        return spellings;
    }

    @Override
    public void checkPattern(String field, String text) {
        refuseMaskedField(field, "wildcards, regular expressions and ranges could reveal what it holds");
        for (String literal : literalsOf(text)) {
            refuseConfidential(literal);
        }
    }

    /** Core fields (message, service, level...) are masked by content only; rules by name apply to the others. */
    private void refuseMaskedField(String field, String why) {
        if (LogFields.isCore(field)) {
            return;
        }
        QueryProbe probe = masking.checkField(field);
        if (probe.confidential()) {
            throw new QueryProbeRefusedException("The field " + field + " is masked: " + why
                    + ". Search by its token instead, e.g. click a masked value in the results.", probe.categories());
        }
    }

    private void refuseConfidential(String text) {
        if (!text.isBlank()) {
            refuse(masking.checkQuery(text));
        }
    }

    private static void refuse(QueryProbe probe) {
        if (probe.confidential()) {
            throw new QueryProbeRefusedException(probe.explanation(), probe.categories());
        }
    }

    /**
     * The texts a pattern could stand for, to run the content rules on: as typed; with escapes undone and operators
     * as spaces (so {@code jane\.doe@example\.com} and {@code 4111111111111111*} read as the values they hold); and
     * with operators dropped (so {@code 4111*1111*1111*1111} does too).
     */
    static Set<String> literalsOf(String pattern) {
        StringBuilder spaced = new StringBuilder(pattern.length());
        StringBuilder joined = new StringBuilder(pattern.length());
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                char escaped = pattern.charAt(++i);
                spaced.append(escaped);
                joined.append(escaped);
            } else if (PATTERN_OPERATORS.indexOf(c) >= 0) {
                spaced.append(' ');
            } else {
                spaced.append(c);
                joined.append(c);
            }
        }
        Set<String> literals = new LinkedHashSet<>();
        literals.add(pattern);
        literals.add(spaced.toString());
        literals.add(joined.toString());
        return literals;
    }
}
