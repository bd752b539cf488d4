package dev.periscope.masking;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether a plain run of digits sits directly under a key that says it is something else: a time
 * ({@code ts=1733149727}), a size or a count ({@code bytes_sent=4010232137}), or the id of a thing
 * ({@code order_id=891417863491}, {@code "trace_id":"4532015112830366"}). Numbers checked only by a check digit (NHS,
 * Aadhaar, TFN, routing numbers, cards without separators) pass that check for one number in ten or so, and logs
 * are full of such keyed numbers; the key tells what the number is better than its digits do. A key that speaks of
 * a person, a card, an account or a phone ({@code patient_id}, {@code card_number}, {@code nhs_no}) keeps the rule
 * on.
 */
final class OtherKeys {

    /** Words of a key that name a time, a duration, a size, a count, a position or an id of a thing. */
    private static final Set<String> OTHER_THINGS = Set.of(
            "ts", "time", "timestamp", "epoch", "date", "at", "created", "updated", "modified", "deleted", "expires",
            "expiry", "expiration", "exp", "iat", "nbf", "since", "until", "start", "end", "begin", "started",
            "ended", "finished", "duration", "elapsed", "latency", "took", "ms", "us", "ns", "nanos", "millis",
            "micros", "seconds", "secs", "sec", "usec", "nsec", "bytes", "size", "length", "len", "count", "total",
            "offset", "pos", "position", "seq", "sequence", "version", "ver", "rev", "revision", "build", "port",
            "pid", "tid", "ppid", "gid", "inode", "ino", "checksum", "crc", "crc32", "hash", "digest", "trace",
            "span", "parent", "request", "req", "order", "invoice", "txn", "transaction", "job", "task", "run",
            "batch", "partition", "shard", "ticket", "row", "rows", "id", "ids");

    /** Nouns of prose that say what the number after them is: "offset 4662779117", "order #8914...". */
    private static final Set<String> PROSE_THINGS = Set.of("account", "order", "invoice", "job", "task", "build",
            "pid", "tid", "ticket", "request", "req", "transaction", "txn", "offset", "partition", "seq", "sequence",
            "version", "port", "bytes", "size", "count", "total", "line", "row", "rows", "epoch", "timestamp", "ts",
            "duration", "inode", "checksum", "crc", "trace", "span", "batch", "shard", "run", "revision", "rev");

    /** Words that name an id without saying of what: in prose ("Turkish ID 1000...") they need another word. */
    private static final Set<String> BARE_ID = Set.of("id", "ids");

    /** Words of a key that say the number may be a person's, a card's or an account's. */
    private static final Set<String> PERSONAL = Set.of(
            "nhs", "aadhaar", "aadhar", "tfn", "abn", "pesel", "tckn", "kimlik", "national", "citizen", "patient",
            "tax", "ssn", "sin", "health", "medicare", "insurance", "passport", "identity", "person", "personal",
            "social", "card", "cc", "pan", "credit", "debit", "payment", "routing", "aba", "bank", "account", "iban",
            "phone", "mobile", "tel", "cell", "fax", "msisdn", "contact");

    private static final Pattern WORD_BREAK = Pattern.compile("[^a-z0-9]+");

    /** Longest key read; a longer run of key characters is not taken for a key. */
    private static final int MAX_KEY = 64;

    /** Where a rule leaves such numbers alone: nowhere, after keys, or after keys and after words of prose. */
    enum Scope {
        NONE, KEYS, KEYS_AND_WORDS
    }

    private OtherKeys() {
    }

    /**
     * Whether the digits {@code text[start, end)} are a plain number directly after {@code key=}, {@code key: },
     * {@code "key":} or {@code "key": "} (quotes escaped or not) whose key names something else; with
     * {@code afterWords}, also after such a word in prose ({@code order 8914...}, {@code job #4010...}).
     */
    static boolean holdsOtherNumber(String text, int start, int end, boolean afterWords) {
        if (!isPlainNumber(text, start, end)) {
            return false;
        }
        int i = skipQuoteBack(text, start);
        boolean hash = i > 0 && text.charAt(i - 1) == '#';
        if (hash) {
            i--;
        }
        int beforeSpaces = EmbeddedFields.skipSpacesBack(text, i);
        boolean keyed = beforeSpaces > 0
                && (text.charAt(beforeSpaces - 1) == '=' || text.charAt(beforeSpaces - 1) == ':');
        boolean label = false;
        if (keyed) {
            int keyEnd = EmbeddedFields.skipSpacesBack(text, beforeSpaces - 1);
            i = skipQuoteBack(text, keyEnd);
            label = i == keyEnd && text.charAt(beforeSpaces - 1) == ':';
        } else if (!afterWords || beforeSpaces == i && !hash) {
            return false; // not after a key, or glued to what is before it
        } else {
            i = beforeSpaces;
        }
        int keyStart = wordStart(text, i);
        if (keyStart == i) {
            return false;
        }
        String key = text.substring(keyStart, i);
        int before = EmbeddedFields.skipSpacesBack(text, keyStart);
        boolean phrase = !keyed || label && BARE_ID.contains(key.toLowerCase(Locale.ROOT)) && before < keyStart
                && before > 0 && EmbeddedFields.isKeyChar(text.charAt(before - 1));
        if (!phrase) {
            return namesOtherThing(key, true);
        }
        // "NHS id 4010232137", "RSA ID: 0002294321191": the word before may say whose the number is. In prose, only
        // a noun for a thing right before the number counts ("offset 4662779117", "request id 4010232137"), not a
        // word such as "at" or "updated" ("call me at 0612345678", "phone updated to 0612345678").
        String previous = text.substring(wordStart(text, before), before);
        String lowerKey = key.toLowerCase(Locale.ROOT);
        boolean thing = PROSE_THINGS.contains(lowerKey)
                || BARE_ID.contains(lowerKey) && PROSE_THINGS.contains(previous.toLowerCase(Locale.ROOT));
        return thing && namesOtherThing(previous + " " + key, false);
    }

    private static int wordStart(String text, int end) {
        int start = end;
        while (start > 0 && end - start < MAX_KEY && EmbeddedFields.isKeyChar(text.charAt(start - 1))) {
            start--;
        }
        return start;
    }

    /** Last words of a field's name that make its value a setting about the thing, not the thing. */
    private static final Set<String> SETTINGS = Set.of("length", "len", "min", "max", "minimum", "maximum", "count",
            "size", "attempts", "retries", "age", "days", "hours", "minutes", "seconds", "ttl", "enabled", "required",
            "set", "changed", "expired", "rotated", "version", "history", "strength", "complexity");

    /**
     * Whether a field is a setting about what its name speaks of, holding a number or a yes/no
     * ({@code "password_min_length": 12}, {@code "mfa_enabled": true}), not the value itself.
     */
    static boolean isSettingValue(String name, String value) {
        String[] words = words(name);
        if (words.length < 2) {
            return false;
        }
        // A yes or no under a name of several words is a switch about the thing (password_require_mfa=true).
        String last = words[words.length - 1];
        return value.equals("true") || value.equals("false")
                || SETTINGS.contains(last) && isPlainNumber(value) && value.length() <= 6
                || KINDS_OF_SETTING.contains(last) && isLowerCaseWord(value);
    }

    /**
     * Last words of a field's name that make a lower-case word under it the name of a setting's level or kind
     * ({@code "password_policy": "excellent"}, {@code "password_algorithm": "argon2id"} is not one: a digit).
     */
    private static final Set<String> KINDS_OF_SETTING = Set.of("policy", "complexity", "strength", "mode", "type",
            "algorithm", "scheme", "format", "level", "kind", "strategy");

    private static boolean isLowerCaseWord(String value) {
        if (value.isEmpty() || value.length() > 20) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 'a' || c > 'z') {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a value is a Kubernetes system principal ({@code system:serviceaccount:argocd:argocd-server},
     * {@code system:node:worker-1}, {@code system:kube-scheduler}, {@code system:anonymous}): a workload or a part of
     * the cluster, no person, under a user's key or field.
     */
    static boolean isSystemPrincipal(String value) {
        if (!value.startsWith("system:") || value.length() == "system:".length() || value.length() > 320) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == ':' || c == '-' || c == '.' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    static boolean isPlainNumber(String value) {
        return isPlainNumber(value, 0, value.length());
    }

    /** Last words of a field's name that make dotted numbers under it a version (bootloader: 1.0.0.4). */
    private static final Set<String> VERSION_WORDS = Set.of("version", "ver", "vsn", "build", "release", "rev",
            "revision", "firmware", "fw", "bootloader", "bios", "kernel");

    /** Whether a field's name ends in a word for a version: version, app_version, osBuild, firmware. */
    static boolean namesVersion(String name) {
        String[] words = words(name);
        return words.length > 0 && VERSION_WORDS.contains(words[words.length - 1]);
    }

    /** Digits in groups split by dots, as a version or a build number writes them: 1.2.3.4, 10.0.19041.1. */
    static boolean isDottedNumber(String value) {
        if (value.isEmpty() || value.charAt(0) == '.' || value.charAt(value.length() - 1) == '.'
                || value.contains("..")) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < '0' || c > '9') && c != '.') {
                return false;
            }
        }
        return true;
    }

    private static boolean isPlainNumber(String text, int start, int end) {
        if (start == end) {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Whether a key's words name a thing other than a person, a card or an account. */
    static boolean namesOtherThing(String key) {
        return namesOtherThing(key, true);
    }

    private static boolean namesOtherThing(String key, boolean bareIdCounts) {
        String[] words = words(key);
        if (namesAnAccountsId(words)) {
            return true;
        }
        boolean other = false;
        for (String word : words) {
            if (PERSONAL.contains(word)) {
                return false;
            }
            other |= OTHER_THINGS.contains(word) && (bareIdCounts || !BARE_ID.contains(word));
        }
        return other;
    }

    /** Words before "account" that make it a bank's or a card's account, whose id may be its number. */
    private static final Set<String> MONEY_ACCOUNTS = Set.of("bank", "iban", "card", "cc", "credit", "debit",
            "payment", "routing", "aba", "checking", "savings", "deposit", "loan");

    /**
     * Whether a key ends in "account id" ({@code accountId}, {@code recipientAccountId}, {@code aws_account_id}), or
     * is the word account in prose ("account 481516234200 created"), of an account that is not a bank's or a card's:
     * a cloud's or a customer's account id is a number of its own, no national id, whatever the path above it says
     * ({@code userIdentity.accountId}). CloudTrail writes twelve-digit AWS account ids in every event, and one in ten
     * passes Aadhaar's check digit.
     */
    private static boolean namesAnAccountsId(String[] words) {
        int n = words.length;
        int account = n >= 2 && BARE_ID.contains(words[n - 1]) ? n - 2 : n - 1;
        if (account < 0 || !words[account].equals("account")) {
            return false;
        }
        for (int i = 0; i < account; i++) {
            if (MONEY_ACCOUNTS.contains(words[i])) {
                return false;
            }
        }
        return true;
    }

    /** The words of a key in snake, kebab, dotted or camel case, lower-cased: "orderID" gives order, id. */
    private static String[] words(String key) {
        return WORD_BREAK.split(FieldGlob.snake(key));
    }

    private static int skipQuoteBack(String text, int i) {
        if (i > 0 && (text.charAt(i - 1) == '"' || text.charAt(i - 1) == '\'')) {
            i--;
            while (i > 0 && text.charAt(i - 1) == '\\') {
                i--;
            }
        }
        return i;
    }
}
