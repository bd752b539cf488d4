package dev.periscope.masking;

import dev.periscope.masking.MaskingRule.TextValue;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Finds, inside free text, the values of keys that a field rule names: {@code {"salary": 91000}},
 * {@code salary=91000} or {@code salary: 91000} in a message, a JSON list kept as one field's text, JSON escaped inside a JSON string. A
 * structured event's field {@code salary} is masked by its name; the same value written into a message must not
 * show. Keys are matched as field names are, by the field rules' globs (a key in text has no path above it).
 *
 * <p>Found values become spans numbered as field rules ({@link CompiledRules#ruleOfSpan}), so they sort, merge and
 * render with the content rules' spans.
 */
final class EmbeddedFields {

    /** Longer keys are not looked up: field names are short, and this bounds the work per quote. */
    static final int MAX_KEY = 64;
    /** What the partial action writes for a card: stars (grouped by spaces or dashes), then at most four shown. */
    private static final Pattern SHOWN_IN_PART = Pattern.compile("\\*{4}[* -]*[0-9A-Za-z]{0,4}");
    /** What other systems write in place of a value they filtered: Rails' and Sentry's {@code [FILTERED]}. */
    private static final Pattern FILTERED_ELSEWHERE =
            Pattern.compile("\\[(?i:filtered|redacted|masked|hidden|removed|scrubbed)]");
    /** The longest quoted word inside a value of several words ({@code Robert "Bob" Smith}). */
    private static final int MAX_QUOTED_WORD = 256;
    /** How many spaces may pad a key before its sign ({@code key    : value}). */
    private static final int MAX_PADDING = 16;
    /** The longest a token can be ({@link MaskingService#TOKEN}). */
    private static final int MAX_TOKEN = 2 + 40 + 1 + 64;

    private EmbeddedFields() {
    }

    static List<Span> find(CompiledRules r, MaskingContext context, String text) {
        if (r.fieldRules.isEmpty()) {
            return List.of();
        }
        List<Span> out = null;
        int n = text.length();
        // Only quotes, equals signs and colons can start a key: found with indexOf, which scans many characters at
        // a time. Each kind has its own cursor: a text without single quotes is searched for one once, not once for
        // every double quote.
        int doubleQuote = text.indexOf('"');
        int singleQuote = text.indexOf('\'');
        int quote = first(doubleQuote, singleQuote);
        int equals = text.indexOf('=');
        int colon = text.indexOf(':');
        while (quote >= 0 || equals >= 0 || colon >= 0) {
            int i = first(quote, first(equals, colon));
            // Where each kind of scan goes on; an unread '=' between two quotes is still looked at.
            int nextDouble = i + 1;
            int nextSingle = i + 1;
            int nextSign = i + 1;
            if (i == quote) {
                char q = text.charAt(i);
                int close = keyEnd(text, i + 1, q);
                if (close >= 0) {
                    boolean escaped = text.charAt(close) == '\\';
                    int sign = skipSpaces(text, close + (escaped ? 2 : 1));
                    // JSON's colon, or Ruby's hash rocket ({"postal_code"=>"00186"}, as Rails logs parameters).
                    boolean rocket = !escaped && text.startsWith("=>", sign);
                    // Python's pairs: ImmutableMultiDict([('name', 'Ada Lovelace'), ('cvc', '907')]).
                    boolean pair = !escaped && pairValueAt(text, i, sign);
                    if (sign < n && (text.charAt(sign) == ':' || rocket || pair)) {
                        // The key is looked up before its value is read, so text full of unknown keys costs no more
                        // than one pass. A string value is not skipped (JSON escaped inside it has keys too); a list
                        // or object, a number or a literal is masked whole and skipped.
                        MaskingRule rule = r.fieldKeys.mayMatch(text, i + 1, close)
                                ? r.fieldRuleFor(context, text.substring(i + 1, close)) : null;
                        int valueStart = skipSpaces(text, sign + (rocket ? 2 : 1));
                        int[] value = rule == null ? null
                                : text.startsWith(REJECTED_VALUE, valueStart) ? rejectedValue(text, valueStart)
                                : jsonValue(text, valueStart);
                        int after = escaped ? close + 2 : close + 1;
                        if (value != null && !(rule.label().equals(PASSWORD)
                                && settingOfAProgramPart(text, i + 1, close, value))) {
                            out = add(out, r, rule, text, i + 1, close, value);
                            if (value[2] != QUOTED) {
                                after = Math.max(after, value[1]);
                            }
                        }
                        nextDouble = after;
                        nextSingle = after;
                        nextSign = Math.max(close, value != null && value[2] != QUOTED ? value[1] : close);
                    } else if (q == '"') {
                        // Not followed by a colon, the quote may have closed a string rather than opened a key: the
                        // scan goes on from the quote that closed this one, looked at as an opening one in its turn.
                        // Only for this kind of quote: an apostrophe in prose ("Bob's") must not hide a JSON key.
                        nextDouble = close;
                    } else {
                        nextSingle = close;
                    }
                }
            } else if (i > 0 && (i == equals ? !comparison(text, i) : !notAKeySign(text, i))) {
                // "key=value", "key = value", "key: value", "key    : value" (aligned): spaces around the sign go
                // with it.
                int keyEnd = i;
                while (keyEnd > 0 && i - keyEnd < MAX_PADDING
                        && (text.charAt(keyEnd - 1) == ' ' || text.charAt(keyEnd - 1) == '\t')) {
                    keyEnd--;
                }
                int valueStart = skipSpaces(text, i + 1);
                int start = keyEnd;
                while (start > 0 && keyEnd - start < MAX_KEY && isKeyChar(text.charAt(start - 1))) {
                    start--;
                }
                if (start == keyEnd && i == equals && !text.startsWith("=>", i)
                        && (valueStart >= n || "$@:?%".indexOf(text.charAt(valueStart)) < 0)) {
                    // A statement's quoted column: WHERE "auth_user"."username" = 'mgarcia', `email` = 'x'. Its
                    // placeholders ($1, @p0, :name, ?) hold no value: the statement's parameters do.
                    int open = quotedIdentifierStart(text, keyEnd);
                    if (open >= 0) {
                        start = open + 1;
                        keyEnd--;
                    }
                } else if (start == keyEnd && text.startsWith("=>", i) && keyEnd > 1
                        && text.charAt(keyEnd - 1) == ']') {
                    // PHP's print_r writes an array's keys in brackets: [customer_name] => Femke de Jong.
                    int open = text.lastIndexOf('[', keyEnd - 2);
                    if (open >= 0 && keyEnd - open - 2 <= MAX_KEY && keyChars(text, open + 1, keyEnd - 1)) {
                        start = open + 1;
                        keyEnd--;
                        valueStart = skipSpaces(text, i + 2);
                    }
                }
                if (start < keyEnd && (start == 0 || !isKeyChar(text.charAt(start - 1)))
                        && !(i == colon && (labelOfMaskedValue(text, start) || partOfAName(text, start, i)))) {
                    MaskingRule rule = r.fieldKeys.mayMatch(text, start, keyEnd)
                            ? r.fieldRuleFor(context, text.substring(start, keyEnd)) : null;
                    // A key right after a single quote sits in a quoted string ('X-Api-Key: ...'), which a quote
                    // before a space closes.
                    boolean singleQuoted = start > 0 && text.charAt(start - 1) == '\'';
                    // A statement's placeholder (SET first_name = ?, ssn = %s) holds no value: the parameters
                    // logged with the statement do, and StatementParameters reads those.
                    int[] value = rule == null || StatementParameters.anonymousPlaceholder(text, valueStart) ? null
                            : plainValue(text, valueStart, rule.textValue(), singleQuoted);
                    if (value != null && !(rule.label().equals(PASSWORD)
                            && settingOfAProgramPart(text, start, keyEnd, value))) {
                        out = add(out, r, rule, text, start, keyEnd, value);
                        // What the value holds is masked with it.
                        int after = value[2] == QUOTED ? value[1] + 1 : value[1];
                        nextDouble = after;
                        nextSingle = after;
                        nextSign = value[1];
                    }
                }
            }
            if (doubleQuote >= 0 && doubleQuote < nextDouble) {
                doubleQuote = text.indexOf('"', nextDouble);
            }
            if (singleQuote >= 0 && singleQuote < nextSingle) {
                singleQuote = text.indexOf('\'', nextSingle);
            }
            quote = first(doubleQuote, singleQuote);
            if (equals >= 0 && equals < nextSign) {
                equals = text.indexOf('=', nextSign);
            }
            if (colon >= 0 && colon < nextSign) {
                colon = text.indexOf(':', nextSign);
            }
        }
        List<Span> listed = new ArrayList<>(0);
        // Values listed apart from their names: no key beside them to read as a setting's.
        ColumnValues.find(r, context, text, (rule, start, end) -> add(listed, r, rule, text, start, start,
                new int[] {start, end, QUOTED}));
        if (!listed.isEmpty()) {
            if (out == null) {
                out = listed;
            } else {
                out.addAll(listed);
            }
        }
        return out == null ? List.of() : out;
    }

    private static boolean keyChars(String text, int start, int end) {
        for (int j = start; j < end; j++) {
            if (!isKeyChar(text.charAt(j))) {
                return false;
            }
        }
        return end > start;
    }

    /**
     * Where the opening quote of an identifier quoted as SQL quotes one ({@code "username"}, {@code `email`}) lies,
     * when its closing quote is just before {@code end}; -1 when there is none, or it holds more than a name.
     */
    private static int quotedIdentifierStart(String text, int end) {
        if (end < 3) {
            return -1;
        }
        char q = text.charAt(end - 1);
        if (q != '"' && q != '`') {
            return -1;
        }
        for (int j = end - 2; j >= 0 && end - j <= MAX_KEY + 1; j--) {
            char c = text.charAt(j);
            if (c == q) {
                return j < end - 2 ? j : -1;
            }
            if (!isKeyChar(c)) {
                return -1;
            }
        }
        return -1;
    }

    /**
     * Whether the quoted key at {@code keyQuote} opens a pair of a list, as Python writes one: an opening parenthesis
     * first in the list or after a comma, the key in single quotes, then a comma and a quoted string
     * ({@code [('key', 'value'), ('other', 'value')]}). A call ({@code define('AUTH_KEY', ...)}) or a statement's
     * columns ({@code INSERT INTO "users" ("email", "first_name")}) are no such pair.
     */
    private static boolean pairValueAt(String text, int keyQuote, int sign) {
        if (keyQuote < 2 || text.charAt(keyQuote) != '\'' || text.charAt(keyQuote - 1) != '('
                || sign >= text.length() || text.charAt(sign) != ',') {
            return false;
        }
        int before = skipSpacesBack(text, keyQuote - 1);
        if (before == 0 || text.charAt(before - 1) != '[' && text.charAt(before - 1) != ',') {
            return false;
        }
        int value = skipSpaces(text, sign + 1);
        return value < text.length() && text.charAt(value) == text.charAt(keyQuote);
    }

    /** How Spring's binding errors quote a field's value: {@code on field 'iban': rejected value [DE44 ...]; codes}. */
    private static final String REJECTED_VALUE = "rejected value [";

    /**
     * The value inside Spring's brackets after {@code rejected value [}, up to {@code ]; codes} or the next bracket,
     * looked for within {@link #MAX_REJECTED} characters: past that, that much is masked (the safe side), and a line
     * of many such keys costs no more than its length.
     */
    private static int @Nullable [] rejectedValue(String text, int at) {
        int from = at + REJECTED_VALUE.length();
        String window = text.substring(from, Math.min(text.length(), from + MAX_REJECTED));
        int end = window.indexOf("]; codes");
        if (end < 0) {
            end = window.indexOf(']');
        }
        return extent(from, from + (end < 0 ? window.length() : end), QUOTED);
    }

    private static final int MAX_REJECTED = 4_096;

    /** A value's extent kinds: the third element of the {start, end, kind} a value reader returns. */
    private static final int PLAIN = 0;
    private static final int QUOTED = 1;
    private static final int CONTAINER = 2;

    /** Whether the equals sign at {@code i} belongs to a comparison: {@code ==}, {@code !=}, {@code <=}, {@code >=}. */
    private static boolean comparison(String text, int i) {
        char before = text.charAt(i - 1);
        return before == '=' || before == '!' || before == '<' || before == '>'
                || i + 1 < text.length() && text.charAt(i + 1) == '=';
    }

    /**
     * Whether the colon at {@code i} is not one after a key: {@code ::} (a scope, an IPv6 address) or a URL's
     * {@code scheme://}.
     */
    private static boolean notAKeySign(String text, int i) {
        char before = text.charAt(i - 1);
        char after = i + 1 < text.length() ? text.charAt(i + 1) : ' ';
        return before == ':' || after == ':' || after == '/';
    }

    /**
     * Whether the word at {@code start}, before a colon, is the label inside what masking wrote: a token's
     * ({@code ‹email:7f3a9c21›}) or a hash's ({@code [HASH:email:0123456789abcdef]}). It is no key.
     */
    private static boolean labelOfMaskedValue(String text, int start) {
        return start > 0 && text.charAt(start - 1) == '‹' || text.startsWith("[HASH:", start - 6);
    }

    /**
     * Whether the word at {@code start}, before a colon at {@code colon} with no space after it, is part of a name
     * rather than a key: a segment of a colon-joined name ({@code INFO:app.auth:User logged in}, Python's
     * {@code level:logger:message}; an ARN's {@code :secret:}), or the first half of a pair inside a program's
     * parentheses ({@code pam_unix(passwd:chauthtok)}). A key written so ({@code password:hunter2}) stands after a
     * space, a bracket or a separator.
     */
    private static boolean partOfAName(String text, int start, int colon) {
        if (start == 0 || colon + 1 >= text.length() || Character.isWhitespace(text.charAt(colon + 1))) {
            return false;
        }
        char before = text.charAt(start - 1);
        return before == ':' || before == '(' && start > 1 && Character.isLetterOrDigit(text.charAt(start - 2));
    }

    /** The smaller of two positions, where -1 means none. */
    private static int first(int a, int b) {
        return a < 0 ? b : b < 0 ? a : Math.min(a, b);
    }

    private static @Nullable List<Span> add(@Nullable List<Span> out, CompiledRules r, MaskingRule rule, String text,
            int keyStart, int keyEnd, int[] value) {
        if (maskedAlready(text, value[0], value[1])) {
            // Masking it again would hide which value a token stands for, or change what a placeholder says.
            return out;
        }
        if (OtherKeys.isSettingValue(text.substring(keyStart, keyEnd), text.substring(value[0], value[1]))) {
            return out; // password_min_length=12, as the field "password_min_length": 12 is kept
        }
        // A key in prose is a guess: "token: expired", "phone: not provided", "address: 0.0.0.0:8080" say nothing
        // confidential. The value must read as one (the rule's own check) and be more than a status phrase.
        String found = text.substring(value[0], value[1]);
        // A password's key keeps a status phrase masked but a yes or no: "password=okay" is a weak password. A
        // token or a key is never an English word, so "token: expired" says how it went, as under other keys.
        boolean status = rule.label().equals("password") ? Validators.yesOrNo(found)
                : Validators.isStatusPhrase(found);
        if (status || !rule.textCheck().valid(found)
                || value[2] == PLAIN && SECRETS.equals(rule.category())
                    && (wordBeforeProse(text, value[0], value[1]) || CALL.matcher(found).lookingAt())) {
            return out;
        }
        List<Span> list = out == null ? new ArrayList<>(2) : out;
        list.add(new Span(value[0], value[1], r.spanNumberOf(rule)));
        return list;
    }

    /**
     * A program's call written after a module's name, as Dovecot writes {@code auth: pam(jsmith,10.0.0.5)}: a
     * lower-case name and its parenthesis, where no secret's value starts.
     */
    private static final Pattern CALL = Pattern.compile("[a-z][a-z0-9_-]{1,30}\\(");

    /** The label of passwords' rules. */
    private static final String PASSWORD = "password";
    /** The category of credentials, whose values are never a word of a sentence. */
    private static final String SECRETS = "secrets";
    /** The longest ordinary word {@link #wordBeforeProse} reads as one. */
    private static final int MAX_WORD = 24;

    /**
     * Words that open a sentence after a key or a flag and that no one picks as a password in a log: function words
     * ({@code via}, {@code must}, {@code is}, {@code the}...) and words that tell of a password or a login rather
     * than hold one ({@code policy}, {@code reset}, {@code expired}, {@code incorrect}, {@code length}...). The
     * content rules {@code password-key}, {@code secret-key} and {@code cli-password-flag} of {@code secrets.yaml}
     * carry the same list in their patterns. Any other word is a value, with or without words after it
     * ({@code password=sunshine from 10.0.0.5}, {@code secret: opensesame for prod}).
     */
    static final java.util.Set<String> PROSE_WORDS = java.util.Set.of(
            "a", "an", "the", "of", "to", "for", "from", "with", "without", "via", "by", "in", "on", "at", "as",
            "into", "and", "or", "but", "not", "no", "nor", "is", "are", "was", "were", "be", "been", "am", "has",
            "have", "had", "must", "should", "shall", "will", "would", "can", "cannot", "could", "may", "might",
            "does", "did", "do", "if", "when", "then", "than", "that", "this", "it", "its", "now", "only", "also",
            "still", "too", "very", "never",
            "policy", "reset", "change", "changed", "expired", "expires", "required", "missing", "incorrect",
            "invalid", "mismatch", "length", "strength", "complexity", "rotation", "rotated", "updated", "accepted",
            "rejected", "denied", "failed", "succeeded", "verified", "validation", "hint", "prompt",
            "authentication", "authorization", "login", "logout", "token", "session");

    /**
     * Whether the value {@code text[start, end)} is a word of {@link #PROSE_WORDS} with more of a sentence after it:
     * {@code auth: login succeeded userId=42}, {@code password: must be at least 8 characters}. A module's name
     * before a colon reads as a key; what follows it is prose. A word with a key or the line's end after it
     * ({@code password: letmein user=bob}), or any word not on the list ({@code password=qwerty via ssh}), stays a
     * value. The word may start with a capital, the sentence's first.
     */
    private static boolean wordBeforeProse(String text, int start, int end) {
        if (end - start > MAX_WORD) {
            return false;
        }
        String word = text.substring(start, end);
        // A sentence may start after the colon: "check_ntlm_password: Authentication for user [x]".
        if (!PROSE_WORDS.contains(word) && !(Character.isUpperCase(word.charAt(0))
                && PROSE_WORDS.contains(Character.toLowerCase(word.charAt(0)) + word.substring(1)))) {
            return false;
        }
        return moreOfASentence(text, end, false);
    }

    /**
     * Whether a word of a sentence follows {@code end} after spaces: two letters or more, lower-case (any case when
     * {@code anyCase}), then the end, a space or a mark that ends a clause; not a key ({@code user=bob}).
     */
    private static boolean moreOfASentence(String text, int end, boolean anyCase) {
        int next = skipSpaces(text, end);
        if (next == end || next >= text.length()) {
            return false;
        }
        int wordEnd = next;
        while (wordEnd < text.length() && (text.charAt(wordEnd) >= 'a' && text.charAt(wordEnd) <= 'z'
                || anyCase && text.charAt(wordEnd) >= 'A' && text.charAt(wordEnd) <= 'Z'
                || wordEnd > next && (text.charAt(wordEnd) == '\'' || text.charAt(wordEnd) == '-'))) {
            wordEnd++;
        }
        return wordEnd - next >= 2
                && (wordEnd == text.length() || " \t\r\n.,;!?)".indexOf(text.charAt(wordEnd)) >= 0);
    }

    /**
     * The last words of a key that name a part of a program or a setting, not what a password field holds: a logger
     * prints {@code c.e.s.PasswordPolicyService : Password policy updated}, a settings dump
     * {@code password_policy: min length 12}.
     */
    private static final java.util.Set<String> PARTS_OF_A_PROGRAM = java.util.Set.of(
            "service", "controller", "handler", "manager", "policy", "validator", "encoder", "provider", "filter",
            "repository", "factory", "helper", "util", "utils", "listener", "config", "configuration", "module",
            "resource", "endpoint", "job", "task", "worker", "component", "strategy", "checker", "generator");

    /** Values that say how a setting stands: no password. */
    private static final java.util.Set<String> SETTINGS = java.util.Set.of(
            "true", "false", "yes", "no", "on", "off", "enabled", "disabled", "none", "null");

    /**
     * Whether a value found in text under the key {@code text[keyStart, keyEnd)} is plainly no secret because the key
     * names a part of a program or a setting about passwords ({@code PasswordPolicyService}, {@code password_config},
     * {@code passwordValidator}) and the value is a setting's: a yes or a no, a number, or prose
     * ({@code PasswordPolicyService : Password policy updated}). Any other value under such a key is masked
     * ({@code {"password_config":"S3cr3t!Pass"}}), and so is a structured field of that name, whatever it holds.
     */
    private static boolean settingOfAProgramPart(String text, int keyStart, int keyEnd, int[] value) {
        if (!namesAPartOfAProgram(text.substring(keyStart, keyEnd))) {
            return false;
        }
        String found = text.substring(value[0], value[1]).strip();
        if (SETTINGS.contains(found.toLowerCase(java.util.Locale.ROOT)) || NUMBER.matcher(found).matches()) {
            return true;
        }
        if (value[2] == QUOTED) {
            return WORDS.matcher(found).matches();
        }
        return value[2] == PLAIN && WORD.matcher(found).matches() && moreOfASentence(text, value[1], true);
    }

    /** Whether the last word of a key's last segment names a program's part ({@code c.e.s.PasswordPolicyService}). */
    static boolean namesAPartOfAProgram(String key) {
        String[] words = CAMEL_HUMP.matcher(key.substring(key.lastIndexOf('.') + 1)).replaceAll("$1_$2")
                .toLowerCase(java.util.Locale.ROOT).split("[_ -]+");
        return words.length >= 2 && PARTS_OF_A_PROGRAM.contains(words[words.length - 1]);
    }

    private static final Pattern CAMEL_HUMP = Pattern.compile("([a-z0-9])([A-Z])");
    private static final Pattern NUMBER = Pattern.compile("[-+]?[0-9]{1,18}(?:[.][0-9]{1,18})?");
    private static final Pattern WORD = Pattern.compile("[A-Za-z][a-z'-]{0,30}");
    private static final Pattern WORDS = Pattern.compile(
            "(?:[A-Za-z][a-z'-]{0,30}[ \\t]{1,3}){1,30}[A-Za-z0-9][A-Za-z0-9'-]{0,30}[.!]?");

    /**
     * Whether {@code text[start, end)} is what masking writes: a token, a {@code [REDACTED:...]} or {@code [HASH:...]}
     * placeholder, or a value shown in part ({@code ************1111}: four or more stars, then at most four letters
     * or digits). Masking a masked text again must change nothing.
     */
    static boolean maskedAlready(String text, int start, int end) {
        int length = end - start;
        if (length == 0 || length > MAX_TOKEN) {
            return false;
        }
        int scheme = authSchemeEnd(text, start, end);
        if (scheme > start) {
            return maskedAlready(text, scheme, end); // Authorization: Bearer [REDACTED] keeps its scheme
        }
        char first = text.charAt(start);
        if (first == '‹') {
            return MaskingService.TOKEN.matcher(text).region(start, end).matches();
        }
        if (first == '[') {
            return MaskingService.PLACEHOLDER.matcher(text).region(start, end).matches()
                    || FILTERED_ELSEWHERE.matcher(text).region(start, end).matches();
        }
        return first == '*' && SHOWN_IN_PART.matcher(text).region(start, end).matches();
    }

    /** The schemes of an Authorization header, before its credentials and one space. */
    private static final java.util.Set<String> AUTH_SCHEMES = java.util.Set.of("bearer", "basic", "token", "digest",
            "negotiate", "apikey", "api-key", "sso-key", "dpop", "mac", "hmac");

    /** Where the credentials start after an auth scheme and a space at {@code start}, or {@code start} if none. */
    private static int authSchemeEnd(String text, int start, int end) {
        int space = text.indexOf(' ', start);
        if (space <= start || space + 1 >= end || space - start > 10) {
            return start;
        }
        String scheme = text.substring(start, space).toLowerCase(java.util.Locale.ROOT);
        return AUTH_SCHEMES.contains(scheme) ? space + 1 : start;
    }

    /**
     * The index of the quote {@code q} that closes a key opened just before {@code from}, or of the backslash before
     * it for a key of escaped JSON ({@code \"salary\"}); -1 when none closes within {@link #MAX_KEY} characters.
     */
    private static int keyEnd(String text, int from, char q) {
        int limit = Math.min(text.length(), from + MAX_KEY + 1);
        for (int j = from; j < limit; j++) {
            char c = text.charAt(j);
            if (c == q) {
                return j > from ? j : -1;
            }
            if (c == '\\') {
                return j > from && j + 1 < text.length() && text.charAt(j + 1) == q ? j : -1;
            }
        }
        return -1;
    }

    /**
     * Where a JSON value starting at {@code v} holds its text, as {start, end, kind}: inside its quotes, a number or
     * literal whole, or a list or object whole (brackets included).
     */
    static int @Nullable [] jsonValue(String text, int v) {
        int n = text.length();
        if (v >= n) {
            return null;
        }
        char c = text.charAt(v);
        if (c == '"' || c == '\'') {
            return quoted(text, v, c);
        }
        if (c == '\\' && v + 1 < n && text.charAt(v + 1) == '"') {
            return extent(v + 2, escapedStringEnd(text, v + 2), QUOTED);
        }
        if (c == '{' || c == '[') {
            return extent(v, container(text, v), CONTAINER);
        }
        int end = v;
        while (end < n && ",}] \t\r\n\\\"'".indexOf(text.charAt(end)) < 0) {
            end++;
        }
        return extent(v, end, PLAIN);
    }

    /**
     * Where a {@code key=value} value starting at {@code v} holds its text: quoted, bracketed or to a separator, as
     * {start, end, kind}. A {@link TextValue#WORDS} value goes on over the words after it ({@link #moreWords}).
     */
    private static int @Nullable [] plainValue(String text, int v, TextValue textValue, boolean singleQuoted) {
        int n = text.length();
        if (v < n && (text.charAt(v) == '"' || text.charAt(v) == '\'')) {
            int[] value = quoted(text, v, text.charAt(v));
            // A quote whose partner is not followed by a separator did not open the value but closed the string
            // the key sits in ({"msg":"missing address: ","salary":1}): the value is empty, and the next key is
            // read as a key.
            return value == null || value[1] < n && !closesQuotedValue(text, value[1] + 1) ? null : value;
        }
        if (text.startsWith("\\\"", v)) {
            // A value quoted with escaped quotes inside a JSON string: salary=\"91000\".
            int close = text.indexOf("\\\"", v + 2);
            return extent(v + 2, close < 0 ? n : close, PLAIN);
        }
        if (nextKeyAt(text, v)) {
            return null; // "Login: user=<bob@example.com>": the label has no value; user= is the next key
        }
        int masked = maskedPrefixEnd(text, v);
        if (masked > 0) {
            // A token or placeholder is one whole value, whatever follows it: "(full_name=‹name:…›)." as it was.
            return extent(v, masked, PLAIN);
        }
        boolean container = v < n && (text.charAt(v) == '[' || text.charAt(v) == '{');
        int end = container ? container(text, v) : wordEnd(text, v);
        if (textValue == TextValue.GROUPS && !container) {
            return extent(v, digitGroupsEnd(text, v, end), PLAIN);
        }
        if (textValue == TextValue.WORD || end == v) {
            return extent(v, end, container ? CONTAINER : PLAIN);
        }
        int more = moreWords(text, container ? end : v, textValue == TextValue.HEADER, container, singleQuoted);
        return extent(v, Math.max(end, more), more <= end && container ? CONTAINER : PLAIN);
    }

    /**
     * Where an identifier written in groups ends, its first word {@code [v, end)}: past each space that a group of
     * digits follows, or a single capital letter and then such a group (a German pension insurance number's
     * initial). A first word without a digit is a word, not a number's first group.
     */
    private static int digitGroupsEnd(String text, int v, int end) {
        if (!hasDigit(text, v, end)) {
            return end;
        }
        while (end - v > 1 && text.charAt(end - 1) == '.' && isAsciiDigit(text.charAt(end - 2))) {
            end--; // the full stop of a sentence: "Meine Steuer-ID: 12345678903."
        }
        int n = text.length();
        while (end + 1 < n && text.charAt(end) == ' ') {
            int g = end + 1;
            if (g + 2 < n && text.charAt(g) >= 'A' && text.charAt(g) <= 'Z' && text.charAt(g + 1) == ' '
                    && isAsciiDigit(text.charAt(g + 2))) {
                g += 2;
            }
            int digits = g;
            while (digits < n && digits - g < MAX_GROUP && isAsciiDigit(text.charAt(digits))) {
                digits++;
            }
            if (digits == g || digits < n && !closesGroup(text.charAt(digits))) {
                break;
            }
            end = digits;
        }
        return end;
    }

    /** The longest group of digits {@link #digitGroupsEnd} reads as part of an identifier. */
    private static final int MAX_GROUP = 8;

    private static boolean hasDigit(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (isAsciiDigit(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Whether a group of digits ends before {@code c}: a space, a separator or a closing bracket, not a letter. */
    private static boolean closesGroup(char c) {
        return " \t\r\n,;.)]}>\"'&|".indexOf(c) >= 0;
    }

    /** Whether a key, its sign and an opening quote or bracket start at {@code v}: {@code user=<}, {@code id="}. */
    private static boolean nextKeyAt(String text, int v) {
        int n = text.length();
        int i = v;
        while (i < n && i - v <= MAX_WORD && isKeyChar(text.charAt(i))) {
            i++;
        }
        return i > v && i - v <= MAX_WORD && i + 1 < n && text.charAt(i) == '='
                && "<\"'[{".indexOf(text.charAt(i + 1)) >= 0 && Character.isLetter(text.charAt(v));
    }

    /** The end of the token or placeholder that starts at {@code v}, or -1 when none does. */
    private static int maskedPrefixEnd(String text, int v) {
        if (v >= text.length() || text.charAt(v) != '‹' && text.charAt(v) != '[') {
            return -1;
        }
        Matcher m = (text.charAt(v) == '‹' ? MaskingService.TOKEN : MaskingService.PLACEHOLDER).matcher(text)
                .region(v, Math.min(text.length(), v + MAX_TOKEN));
        return m.lookingAt() ? m.end() : -1;
    }

    /** The end of a plain value's first word: a space, a separator or a closing bracket ends it. */
    private static int wordEnd(String text, int v) {
        int n = text.length();
        int end = v;
        while (end < n) {
            char c = text.charAt(end);
            if (c == '\'' && end > v && end + 1 < n && Character.isLetter(text.charAt(end - 1))
                    && Character.isLetter(text.charAt(end + 1))) {
                end++; // an apostrophe inside a word: O'Brien
                continue;
            }
            if (" \t\r\n&,;\"'".indexOf(c) >= 0 || c == '\\' && end + 1 < n && text.charAt(end + 1) == '"'
                    || ")]}>".indexOf(c) >= 0 && closesHere(text, end + 1) || c == '|' && keyAt(text, end + 1)) {
                break;
            }
            end++;
        }
        return end;
    }

    /**
     * Where a value of several words ends, its first word ending at {@code end}. Words go on after spaces and
     * commas ({@code dob=March 12, 1990}, {@code Smith,John}), with quoted words ({@code Robert "Bob" Smith}),
     * apostrophes ({@code 't Hooft}, {@code Queens' College}), brackets opened and closed inside it
     * ({@code (555) 123-4567}) and words of punctuation ({@code -}, {@code &}). The value ends at a line end, a
     * semicolon, a closing bracket it did not open, a quote that closes an enclosing string, or a word that is the
     * next key: {@code role=admin} or {@code role:} (in a header only {@code role:}: {@code username="bob"} is part
     * of a Digest credential). Hiding a few words too many is the side a masking layer errs on.
     */
    private static int moreWords(String text, int from, boolean header, boolean afterWord, boolean singleQuoted) {
        int n = text.length();
        int depth = 0;
        int valueEnd = from;
        int i = from;
        boolean first = !afterWord;
        while (i < n) {
            int j = i;
            boolean afterComma = false;
            if (!first) {
                if (text.charAt(j) == ',') {
                    j++;
                    afterComma = true;
                }
                while (j < n && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) {
                    j++;
                }
                if (j == i || j >= n) {
                    break;
                }
            }
            int k = j;
            int d = depth;
            boolean stop = false;
            while (k < n) {
                char c = text.charAt(k);
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ';' || c == ',') {
                    break;
                }
                if (c == '"') {
                    // A quote opens a quoted word at a word's start or after a sign (username="bob") when a word
                    // follows it and it closes before a separator; otherwise it closes an enclosing string
                    // ({"msg":"full_name=Bob ","salary":1} ends the value at "Bob").
                    boolean opens = (k == j || text.charAt(k - 1) == '=') && k + 1 < n
                            && Character.isLetterOrDigit(text.charAt(k + 1));
                    int close = opens ? closingQuote(text, k) : -1;
                    if (close < 0 || !endsWord(text, close + 1)) {
                        stop = k == j;
                        break;
                    }
                    k = close + 1;
                    continue;
                }
                if (c == '\'' && (k + 1 == n || ",:;)]}\r\n".indexOf(text.charAt(k + 1)) >= 0
                        || singleQuoted && (text.charAt(k + 1) == ' ' || text.charAt(k + 1) == '\t'))) {
                    // it closes an enclosing string: {'msg': 'full_name=Bob Smith', 'level': 'INFO'}, or
                    // curl -H 'X-Api-Key: abc' -H 'Accept: */*'
                    break;
                }
                if ((c == '&' || c == '|') && keyAt(text, k + 1)) {
                    // the next parameter of a query string (?full_name=Bob+Smith&zip=12345) or of a record of
                    // fields between bars (IMSI=310150123456789|IMEI=490154203237518|cell=LAC255)
                    break;
                }
                if (c == '\\' && k + 1 < n && text.charAt(k + 1) == '"') {
                    break; // the end of a string of escaped JSON
                }
                if ("([{<".indexOf(c) >= 0) {
                    d++;
                } else if (")]}>".indexOf(c) >= 0) {
                    if (d == 0) {
                        break; // it closes what the value sits in
                    }
                    d--;
                }
                k++;
            }
            // In a header, key=value pairs in a list belong to it (Digest username="bob", realm="x"), as far as
            // they are a credential's parameters, written in lower case: not the next header of a map
            // ({Authorization=Bearer x, Content-Type=application/json}).
            boolean listed = header && (afterComma || k < n && text.charAt(k) == ',') && parameterAt(text, j);
            if (k == j || stop || !first && !listed && (nextKey(text, j, k) || bracketedKeyAt(text, j))) {
                break;
            }
            first = false;
            valueEnd = k;
            depth = d;
            i = k;
        }
        return valueEnd;
    }

    /** Whether PHP's next array key starts at {@code j}: {@code [customer_email] =>}. */
    private static boolean bracketedKeyAt(String text, int j) {
        if (text.charAt(j) != '[') {
            return false;
        }
        int close = text.indexOf(']', j + 1);
        return close > j + 1 && close - j - 1 <= MAX_KEY && keyChars(text, j + 1, close)
                && text.startsWith("=>", skipSpaces(text, close + 1));
    }

    /** Whether a credential's parameter starts at {@code j}: lower-case letters, digits and {@code _}, then '='. */
    private static boolean parameterAt(String text, int j) {
        int k = j;
        while (k < text.length() && (text.charAt(k) >= 'a' && text.charAt(k) <= 'z'
                || text.charAt(k) >= '0' && text.charAt(k) <= '9' || text.charAt(k) == '_')) {
            k++;
        }
        return k > j && k < text.length() && text.charAt(k) == '=';
    }

    /**
     * The quote that closes the quoted word opening at {@code k}, on the same line and within
     * {@link #MAX_QUOTED_WORD} characters (a bound, so that text full of unclosed quotes is read in linear time); -1
     * when there is none.
     */
    private static int closingQuote(String text, int k) {
        int limit = Math.min(text.length(), k + 1 + MAX_QUOTED_WORD);
        for (int j = k + 1; j < limit; j++) {
            char c = text.charAt(j);
            if (c == '"') {
                return j;
            }
            if (c == '\n' || c == '\r') {
                return -1;
            }
        }
        return -1;
    }

    /** Whether what follows a quoted value's closing quote at {@code next - 1} lets it close there. */
    private static boolean closesQuotedValue(String text, int next) {
        return next >= text.length() || " \t\r\n,;)]}>&".indexOf(text.charAt(next)) >= 0;
    }

    /** Whether a quoted word closing just before {@code next} ends there: the end, a space or a separator. */
    private static boolean endsWord(String text, int next) {
        return next >= text.length() || " \t\r\n,;)]}".indexOf(text.charAt(next)) >= 0;
    }

    /** Whether a key and an equals sign start at {@code k}: {@code zip=} after an ampersand. */
    private static boolean keyAt(String text, int k) {
        int j = k;
        while (j < text.length() && j - k <= MAX_KEY && isKeyChar(text.charAt(j))) {
            j++;
        }
        return j > k && j < text.length() && text.charAt(j) == '=';
    }

    /**
     * Whether the word {@code text[from, to)} is the next key, not more of a value: {@code role=admin} or
     * {@code role:}, also with array positions ({@code identifier[0].value=}). A sign inside a word that does not
     * start like a key is part of the value ({@code 00:00:00}, {@code No:12}, {@code account:c2lnbmF0dXJl=}), and so are equals signs that end
     * a word (base64 padding).
     */
    private static boolean nextKey(String text, int from, int to) {
        char first = text.charAt(from);
        if (!Character.isLetter(first) && first != '_') {
            return false;
        }
        for (int j = from + 1; j < to; j++) {
            char c = text.charAt(j);
            if (c == ':' && j == to - 1 || c == '=' && j + 1 < to && text.charAt(j + 1) != '=') {
                return true;
            }
            if (c == '[') {
                // an array position inside the key: identifier[0].value=
                int close = j + 1;
                while (close < to && text.charAt(close) >= '0' && text.charAt(close) <= '9') {
                    close++;
                }
                if (close > j + 1 && close < to && text.charAt(close) == ']') {
                    j = close;
                    continue;
                }
            }
            if (!isKeyChar(c)) {
                return false;
            }
        }
        return false;
    }

    /**
     * Whether a closing bracket just before {@code next} ends the value: it is followed by the end, a space, a
     * separator or another closing bracket. Employee[salary=91000] keeps its bracket; in {@code hunter)2} the bracket
     * is part of the value.
     */
    private static boolean closesHere(String text, int next) {
        return next >= text.length() || " \t\r\n&,;)]}>".indexOf(text.charAt(next)) >= 0;
    }

    /** The inside of the string quoted by {@code q} at {@code v}, backslash escapes skipped; to the end if unclosed. */
    private static int @Nullable [] quoted(String text, int v, char q) {
        int n = text.length();
        int end = v + 1;
        while (end < n && text.charAt(end) != q) {
            end += text.charAt(end) == '\\' ? 2 : 1;
        }
        return extent(v + 1, Math.min(end, n), QUOTED);
    }

    /**
     * The end of the list or object opening at {@code v} (after its closing bracket), strings inside skipped; the end
     * of the text when it does not close, so that nothing of it stays visible.
     */
    private static int container(String text, int v) {
        int depth = 0;
        int n = text.length();
        for (int i = v; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < n && text.charAt(i + 1) == '"') {
                // JSON escaped inside a JSON string quotes its strings \"...\": read as a quote, its escapes would
                // hide the closing one, and the object would run to the end of the line.
                i = escapedStringEnd(text, i + 2) + 1;
            } else if (c == '"' || c == '\'') {
                i++;
                while (i < n && text.charAt(i) != c) {
                    i += text.charAt(i) == '\\' ? 2 : 1;
                }
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
            }
        }
        return n;
    }

    /**
     * Where a string of JSON escaped inside a JSON string, opened by {@code \"} before {@code from}, ends: at the
     * backslash of the next quote escaped once ({@code \"}), not at one escaped inside it ({@code \\\"}); the
     * end of the text when it does not close.
     */
    private static int escapedStringEnd(String text, int from) {
        int n = text.length();
        int end = from;
        while (end < n) {
            if (text.charAt(end) == '\\') {
                int run = end;
                while (run < n && text.charAt(run) == '\\') {
                    run++;
                }
                if (run < n && text.charAt(run) == '"' && run - end == 1) {
                    return end;
                }
                end = run + 1;
            } else {
                end++;
            }
        }
        return n;
    }

    private static int @Nullable [] extent(int start, int end, int kind) {
        return end > start ? new int[] {start, end, kind} : null;
    }

    /** The first index at or after {@code from} that is not a space or a tab. */
    static int skipSpaces(String text, int from) {
        int i = from;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /** Where the spaces and tabs that end just before {@code end} start. */
    static int skipSpacesBack(String text, int end) {
        int i = end;
        while (i > 0 && (text.charAt(i - 1) == ' ' || text.charAt(i - 1) == '\t')) {
            i--;
        }
        return i;
    }

    /** Letters of any script count: keys are written in Korean, Japanese or Greek too ({@code 고객명=...}). */
    static boolean isKeyChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.'
                || c == '-' || c >= 0x80 && Character.isLetter(c);
    }
}
