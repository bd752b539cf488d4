package dev.periscope.logs.query;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Names of the fields every event has, and the rules for names of structured fields. */
public final class LogFields {

    public static final String ID = "id";
    public static final String TIMESTAMP = "timestamp";
    public static final String SERVICE = "service";
    public static final String LEVEL = "level";
    public static final String MESSAGE = "message";
    /** The file (or stream) an event came from. */
    public static final String SOURCE = "source";
    /** {@code true} on events whose line did not parse. */
    public static final String UNPARSED = "unparsed";

    /** Fields every event has; all other names are structured fields. */
    public static final Set<String> CORE = Set.of(ID, TIMESTAMP, SERVICE, LEVEL, MESSAGE, SOURCE, UNPARSED);

    /** Names users know from other tools. */
    private static final Map<String, String> ALIASES = Map.of(
            "@timestamp", TIMESTAMP,
            "msg", MESSAGE,
            "log.level", LEVEL,
            "service.name", SERVICE);

    /**
     * Structured field names: dotted words. A leading underscore is reserved for the stores' internal fields, so a
     * query can never name one.
     */
    private static final Pattern STRUCTURED = Pattern.compile("[A-Za-z@][A-Za-z0-9_@\\-]*(\\.[A-Za-z0-9_@\\-]+)*");

    private static final int MAX_NAME_LENGTH = 128;

    /** Ingest checks every field name of every event: a cache of the (few) names seen saves the regex. */
    private static final ConcurrentHashMap<String, Boolean> LEGAL = new ConcurrentHashMap<>();

    private LogFields() {
    }

    /** The canonical name of a field as typed in a query, or empty when the name is not a legal field name. */
    public static Optional<String> canonical(String typed) {
        String alias = ALIASES.get(typed);
        if (alias != null) {
            return Optional.of(alias);
        }
        if (typed.length() > MAX_NAME_LENGTH || !isLegal(typed)) {
            return Optional.empty();
        }
        return Optional.of(typed);
    }

    private static boolean isLegal(String name) {
        Boolean known = LEGAL.get(name);
        if (known != null) {
            return known;
        }
        boolean legal = STRUCTURED.matcher(name).matches();
        if (LEGAL.size() < 10_000) {
            LEGAL.put(name, legal);
        }
        return legal;
    }

    public static boolean isCore(String field) {
        return CORE.contains(field);
    }

    /** Level names as stored: upper case, with the common synonyms folded. */
    /** Level names as loggers spell them, by the level Periscope shows; anything else is shown upper-cased. */
    private static final Map<String, List<String>> LEVEL_SYNONYMS = Map.of(
            "WARN", List.of("WARNING"),
            "ERROR", List.of("ERR", "SEVERE"),
            "FATAL", List.of("CRITICAL", "CRIT", "EMERG", "ALERT", "PANIC"),
            "INFO", List.of("INFORMATION", "NOTICE"),
            "DEBUG", List.of("FINE", "FINER", "FINEST", "VERBOSE"));

    /** The levels loggers spell in more than one way, each with its other spellings (upper case). */
    public static Map<String, List<String>> levelSynonyms() {
        return LEVEL_SYNONYMS;
    }

    public static String normaliseLevel(String level) {
        String upper = level.trim().toUpperCase(java.util.Locale.ROOT);
        for (Map.Entry<String, List<String>> e : LEVEL_SYNONYMS.entrySet()) {
            if (e.getValue().contains(upper)) {
                return e.getKey();
            }
        }
        return upper;
    }

    /**
     * Every spelling, ignoring case, that {@link #normaliseLevel} reads as this level: what a store holding levels
     * as other tools wrote them ({@code error}, {@code warning}) must match for {@code level:ERROR}.
     */
    public static List<String> levelSpellings(String level) {
        String normalised = normaliseLevel(level);
        List<String> spellings = new java.util.ArrayList<>();
        spellings.add(normalised);
        spellings.addAll(LEVEL_SYNONYMS.getOrDefault(normalised, List.of()));
        return spellings;
    }

    /**
     * Refuses a wildcard, regexp or range on the event id. Ids are stored as numbers for paging, so every store
     * refuses these patterns the same way.
     */
    public static void refusePatternOnId(QueryNode node) {
        boolean onId = switch (node) {
            case QueryNode.Wildcard w -> w.field().equals(ID);
            case QueryNode.Regexp r -> r.field().equals(ID);
            case QueryNode.Range r -> r.field().equals(ID);
            default -> false;
        };
        if (onId) {
            throw new InvalidQueryException("Event ids can only be searched exactly.");
        }
    }

    /**
     * A structured value as a number, when it reads as one: both stores index such values numerically too, so that
     * ranges compare numbers rather than text.
     */
    public static Optional<Double> number(String text) {
        if (text.isEmpty() || text.length() > 32) {
            return Optional.empty();
        }
        char first = text.charAt(0);
        if (!(first == '-' || first == '+' || first == '.' || Character.isDigit(first))) {
            return Optional.empty();
        }
        // Most values that start like a number are not one (dates, addresses, hex ids), and each costs an exception
        // when parsed at ingest: plain decimals are recognised first, and only the other spellings Java reads (hex,
        // a d or f suffix, trailing spaces) are left to the parser to judge.
        if (!plainDecimal(text) && !otherJavaNumber(text)) {
            return Optional.empty();
        }
        try {
            double value = Double.parseDouble(text);
            return Double.isFinite(value) ? Optional.of(value) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** {@code [+-]?(digits[.digits?]|.digits)([eE][+-]?digits)?} */
    private static boolean plainDecimal(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exponent = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                exponent++;
            }
            if (exponent == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean otherJavaNumber(String s) {
        char last = s.charAt(s.length() - 1);
        return s.indexOf('x') >= 0 || s.indexOf('X') >= 0 || "dDfF".indexOf(last) >= 0 || last <= ' ';
    }

    /** Whether a range on a structured field compares numbers: it has a bound, and every bound it has is a number. */
    public static boolean isNumericRange(QueryNode.Range range) {
        Optional<Double> lo = range.lower().flatMap(LogFields::number);
        Optional<Double> hi = range.upper().flatMap(LogFields::number);
        return !isCore(range.field())
                && (range.lower().isEmpty() || lo.isPresent()) && (range.upper().isEmpty() || hi.isPresent())
                && (lo.isPresent() || hi.isPresent());
    }
}
