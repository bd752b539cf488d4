package dev.periscope.logs.ingest;

import dev.periscope.logs.query.LogFields;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the line formats ingest reads: NDJSON events, plain lines starting with a timestamp, logfmt and HTTP
 * access lines (common and combined log format). Anything else is kept as a raw, unparsed line.
 */
final class LineParser {

    private static final Set<String> TIME_KEYS = Set.of("@timestamp", "timestamp", "time", "ts");
    private static final Set<String> LEVEL_KEYS = Set.of("level", "log.level", "severity", "lvl", "loglevel");
    private static final Set<String> SERVICE_KEYS = Set.of("service", "service.name", "app", "application");
    private static final Set<String> MESSAGE_KEYS = Set.of("message", "msg");
    private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "WARNING", "ERROR", "FATAL",
            "SEVERE", "CRITICAL", "NOTICE");
    /** Service and level values longer than this are kept as fields: an index term has a size limit. */
    static final int MAX_LABEL_LENGTH = 256;
    /** The most fields one event keeps as fields; the rest go together into {@link #MORE_FIELDS}. */
    static final int MAX_FIELDS = 256;
    static final String MORE_FIELDS = "field._more";
    /** A safe name's longest form after {@code field.}: a field name has at most 128 characters. */
    private static final int MAX_SAFE_NAME = 120;
    private static final Pattern SERVICE_NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");
    private static final Pattern ACCESS = Pattern.compile(
            "^(\\S+) \\S+ (\\S+) \\[([^\\]]+)\\] \"(\\S+) (\\S+)(?: (HTTP/[\\d.]+))?\" (\\d{3}) (\\d+|-)"
                    + "(?: \"([^\"]*)\" \"([^\"]*)\")?(?: (\\d+(?:\\.\\d+)?))?.*$");
    private static final Pattern EXCEPTION_LINE = Pattern.compile(
            "^(?:[a-zA-Z_$][\\w$]*\\.)+[\\w$]*(?:Exception|Error|Throwable)(?::.*)?$");
    private static final Pattern MORE = Pattern.compile("^\\.\\.\\. \\d+ (?:more|common frames omitted)$");

    private LineParser() {
    }

    /**
     * Whether the line continues the event before it: an indented line (stack frames), {@code Caused by:},
     * {@code Suppressed:}, {@code ... N more}, a Python traceback's first line, or an exception's first line.
     */
    static boolean isContinuation(String line) {
        if (line.isEmpty()) {
            return false;
        }
        char first = line.charAt(0);
        if (first == ' ' || first == '\t') {
            return true;
        }
        return line.startsWith("Caused by:") || line.startsWith("Suppressed:") || MORE.matcher(line).matches()
                || line.startsWith("Traceback (most recent call last):")
                || (line.length() < 1000 && EXCEPTION_LINE.matcher(line).matches());
    }

    /** A line of a PEM block's body: base64, or a header such as {@code Proc-Type: 4,ENCRYPTED}. */
    private static final Pattern PEM_BODY = Pattern.compile("[A-Za-z0-9+/=]{1,100}|[A-Za-z-]{1,32}: [^\\r\\n]{0,200}");

    /**
     * Whether a PEM block (a key or a certificate) opens in this line and does not close in it. Its lines follow
     * unindented, and belong to the event: kept apart, each would be an event of its own, and the masking rule that
     * finds a private key from its armour could not see that a bare line of base64 is one.
     */
    static boolean opensPemBlock(String line) {
        int begin = line.indexOf("-----BEGIN ");
        return begin >= 0 && line.indexOf("-----END ", begin) < 0;
    }

    /** Whether a line continues an open PEM block: a line of its body, a blank line, or the closing armour. */
    static boolean continuesPemBlock(String line) {
        return line.isEmpty() || line.startsWith("-----END ") || PEM_BODY.matcher(line).matches();
    }

    /** Whether a line closes a PEM block. */
    static boolean closesPemBlock(String line) {
        return line.contains("-----END ");
    }

    /** A Python exception line: {@code ValueError: bad}, {@code requests.exceptions.ConnectionError}. */
    private static final Pattern PYTHON_EXCEPTION = Pattern.compile("^[A-Za-z_][\\w.]*(?::.*)?$");

    /**
     * Where an event stands in a Python traceback. Its frames are indented, but its last line, the exception
     * ({@code ValueError: bad}), is not; in a chained traceback a blank line and "During handling of the above
     * exception..." lead to the next one. Those lines continue the event only inside a traceback.
     */
    enum Traceback {
        /** Not in a traceback. */
        NONE,
        /** Inside one: the exception line is still to come. */
        FRAMES,
        /** The exception line came: a blank line or a chaining sentence may still follow. */
        ENDED;

        boolean continuedBy(String line) {
            return switch (this) {
                case NONE -> false;
                case FRAMES -> line.length() < 1000 && PYTHON_EXCEPTION.matcher(line).matches();
                case ENDED -> line.isEmpty() || chains(line);
            };
        }

        /** The state after {@code line} joined the event (or began it). */
        Traceback after(String line) {
            if (line.startsWith("Traceback (most recent call last):")) {
                return FRAMES;
            }
            if (line.isEmpty() || chains(line)) {
                return this == NONE ? NONE : ENDED;
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                return this; // a frame, or the source line under it
            }
            return this == FRAMES ? ENDED : NONE;
        }

        /** The sentence between two tracebacks of one chained exception. */
        private static boolean chains(String line) {
            return line.startsWith("During handling of the above exception")
                    || line.startsWith("The above exception was the direct cause");
        }
    }

    static ParsedLine parse(String line) {
        return parse(line, ZoneOffset.UTC);
    }

    /** @param zone the zone of a time written without an offset */
    static ParsedLine parse(String line, ZoneId zone) {
        if (line.isEmpty()) {
            return ParsedLine.raw(line);
        }
        char first = line.charAt(0);
        if (first == '{') {
            ParsedLine json = json(line, zone);
            if (json != null) {
                return json;
            }
        }
        if (Character.isDigit(first)) {
            Timestamps.Prefix prefix = Timestamps.parsePrefix(line, zone);
            if (prefix != null) {
                return plain(line, prefix);
            }
            ParsedLine access = access(line);
            if (access != null) {
                return access;
            }
        }
        ParsedLine logfmt = logfmt(line, zone);
        if (logfmt != null) {
            return logfmt;
        }
        ParsedLine access = access(line);
        if (access != null) {
            return access;
        }
        return ParsedLine.raw(line);
    }

    // ------------------------------------------------------------ plain

    /** Where a thread named before the level is kept ({@code [main] INFO}, as logback and log4j write it). */
    static final String THREAD_FIELD = "process.thread.name";

    /**
     * Up to four tokens after the timestamp may be a [thread], the level and a [service]; the rest is the message.
     * The service decides who may see an event, so only a bracket after the level names it: a bracket before the
     * level is the thread (logback's and log4j's default patterns), a bracketed level is the level, a bracket with no
     * level after it is the service, and a line that names no service is the file's.
     */
    private static ParsedLine plain(String line, Timestamps.Prefix prefix) {
        int i = prefix.end();
        int afterTime = i;
        String level = "";
        String service = "";
        String thread = "";
        for (int token = 0; token < 4; token++) {
            while (i < line.length() && line.charAt(i) == ' ') {
                i++;
            }
            int end = line.indexOf(' ', i);
            if (end < 0) {
                end = line.length();
            }
            if (end == i) {
                break;
            }
            String word = line.substring(i, end);
            String bracketed = word.length() > 2 && word.charAt(0) == '[' && word.charAt(word.length() - 1) == ']'
                    ? word.substring(1, word.length() - 1) : null;
            String levelWord = bracketed != null ? bracketed : word;
            if (level.isEmpty() && LEVELS.contains(levelWord.toUpperCase(Locale.ROOT))) {
                level = LogFields.normaliseLevel(levelWord);
            } else if (level.isEmpty() && thread.isEmpty() && bracketed != null) {
                thread = bracketed;
            } else if (!level.isEmpty() && service.isEmpty() && bracketed != null
                    && SERVICE_NAME.matcher(bracketed).matches()) {
                service = bracketed;
            } else {
                break;
            }
            i = end;
        }
        if (level.isEmpty()) {
            // No level after it: a bracket right after the time names the service, as this format has always read
            // it ("TIME [billing] charge declined"). The service decides who may see an event, so a stream written
            // this way keeps the readers it had; a bracket that cannot be a service name stays in the message.
            if (!thread.isEmpty() && SERVICE_NAME.matcher(thread).matches()) {
                service = thread;
            } else {
                i = afterTime;
            }
            thread = "";
        }
        String message = i < line.length() ? line.substring(i).stripLeading() : "";
        Map<String, String> fields = thread.isEmpty() ? Map.of() : Map.of(THREAD_FIELD, thread);
        return new ParsedLine(prefix.millis(), service, level, message, fields, false);
    }

    // ------------------------------------------------------------ access log

    private static ParsedLine access(String line) {
        if (line.length() > 8192 || line.indexOf('[') < 0 || line.indexOf('"') < 0) {
            return null;
        }
        Matcher m = ACCESS.matcher(line);
        if (!m.matches()) {
            return null;
        }
        long time = accessTime(m.group(3));
        if (time == ParsedLine.NO_TIME) {
            return null;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("client.ip", m.group(1));
        if (!m.group(2).equals("-")) {
            fields.put("user.name", m.group(2));
        }
        fields.put("http.method", m.group(4));
        fields.put("url.path", m.group(5));
        int status = Integer.parseInt(m.group(7));
        fields.put("http.status", m.group(7));
        if (!m.group(8).equals("-")) {
            fields.put("http.response.bytes", m.group(8));
        }
        if (m.group(9) != null && !m.group(9).equals("-")) {
            fields.put("http.referrer", m.group(9));
        }
        if (m.group(10) != null) {
            fields.put("user_agent", m.group(10));
        }
        if (m.group(11) != null) {
            fields.put("duration_ms", m.group(11));
        }
        String level = status >= 500 ? "ERROR" : status >= 400 ? "WARN" : "INFO";
        return new ParsedLine(time, "", level, line, fields, false);
    }

    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

    /** {@code 22/Nov/2026:13:32:23 +0000}, by hand: a formatter costs more than the rest of the line. */
    private static long accessTime(String s) {
        if (s.length() != 26 || s.charAt(2) != '/' || s.charAt(6) != '/' || s.charAt(11) != ':') {
            return ParsedLine.NO_TIME;
        }
        int month = MONTHS.indexOf(s.substring(3, 6));
        if (month < 0 || month % 3 != 0) {
            return ParsedLine.NO_TIME;
        }
        String iso = s.substring(7, 11) + "-" + (month / 3 < 9 ? "0" : "") + (month / 3 + 1) + "-" + s.substring(0, 2)
                + "T" + s.substring(12, 20) + s.substring(21, 24) + ":" + s.substring(24, 26);
        Timestamps.Prefix prefix = Timestamps.parsePrefix(iso);
        return prefix == null || prefix.end() != iso.length() ? ParsedLine.NO_TIME : prefix.millis();
    }

    // ------------------------------------------------------------ logfmt

    private static ParsedLine logfmt(String line, ZoneId zone) {
        Map<String, String> pairs = new LinkedHashMap<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            while (i < n && line.charAt(i) == ' ') {
                i++;
            }
            if (i >= n) {
                break;
            }
            int keyStart = i;
            while (i < n && line.charAt(i) != '=' && line.charAt(i) != ' ') {
                i++;
            }
            if (i >= n || line.charAt(i) != '=' || i == keyStart) {
                return null;
            }
            String key = line.substring(keyStart, i);
            i++;
            String value;
            if (i < n && line.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (i < n && line.charAt(i) != '"') {
                    char c = line.charAt(i);
                    if (c == '\\' && i + 1 < n) {
                        c = line.charAt(++i);
                        c = c == 'n' ? '\n' : c == 't' ? '\t' : c;
                    }
                    sb.append(c);
                    i++;
                }
                if (i >= n) {
                    return null;
                }
                i++;
                value = sb.toString();
            } else {
                int valueStart = i;
                while (i < n && line.charAt(i) != ' ') {
                    i++;
                }
                value = line.substring(valueStart, i);
            }
            pairs.put(key, value);
        }
        if (pairs.size() < 2) {
            return null;
        }
        return fromFields(pairs, line, zone);
    }

    // ------------------------------------------------------------ JSON

    private static ParsedLine json(String line, ZoneId zone) {
        Map<String, String> flat = new LinkedHashMap<>();
        JsonFlattener parser = new JsonFlattener(line, flat);
        if (!parser.parseDocument()) {
            return null;
        }
        return fromFields(flat, line, zone);
    }

    /**
     * The name a key that cannot be a field name (or clashes with a core field) keeps its value under: its
     * characters made safe, and cut with a hash of the whole key when longer than a field name may be.
     */
    static String safeName(String key) {
        String safe = key.replaceAll("[^A-Za-z0-9_@\\-.]", "_").replaceAll("^[._]+", "");
        if (safe.isEmpty() || safe.length() > MAX_SAFE_NAME) {
            safe = safe.substring(0, Math.min(safe.length(), MAX_SAFE_NAME - 9)) + "_"
                    + String.format(java.util.Locale.ROOT, "%08x", key.hashCode());
        }
        return "field." + safe;
    }

    /** A value as logfmt writes it: quoted when it holds a space, a quote, an equals sign or nothing. */
    private static String quoted(String value) {
        if (!value.isEmpty() && value.chars().noneMatch(c -> c == ' ' || c == '"' || c == '=' || c == '\\'
                || c == '\n' || c == '\t')) {
            return value;
        }
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")
                .replace("\t", "\\t") + '"';
    }

    /** Picks timestamp, level, service and message out of a flat field map; the rest stay fields. */
    private static ParsedLine fromFields(Map<String, String> all, String line, ZoneId zone) {
        long time = ParsedLine.NO_TIME;
        String level = "";
        String service = "";
        String message = null;
        Map<String, String> fields = new LinkedHashMap<>();
        StringBuilder more = new StringBuilder();
        for (Map.Entry<String, String> e : all.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            if (time == ParsedLine.NO_TIME && TIME_KEYS.contains(key)) {
                time = Timestamps.parseValue(value, zone);
                if (time != ParsedLine.NO_TIME) {
                    continue;
                }
            } else if (level.isEmpty() && LEVEL_KEYS.contains(key) && value.length() <= MAX_LABEL_LENGTH) {
                level = LogFields.normaliseLevel(value);
                continue;
            } else if (service.isEmpty() && SERVICE_KEYS.contains(key) && value.length() <= MAX_LABEL_LENGTH) {
                // A longer "service" is no service name: it stays a field, and the file names the service.
                service = value;
                continue;
            } else if (message == null && MESSAGE_KEYS.contains(key)) {
                message = value;
                continue;
            }
            String name = LogFields.canonical(key).filter(k -> !LogFields.isCore(k)).isPresent() ? key
                    : safeName(key);
            if (fields.containsKey(name)) {
                // Another key made the same name ("a b" and "a/b" are both a_b): this value must not replace that one.
                name = name + "_" + String.format(java.util.Locale.ROOT, "%08x", key.hashCode());
            }
            if (fields.size() < MAX_FIELDS || fields.containsKey(name)) {
                fields.put(name, value);
            } else {
                // Each name becomes a field of the index; thousands from one line (a map keyed by user ids) would
                // slow every search and grow without bound. The rest are kept together as text, where they can be
                // read and masked (keys in text are masked as field names are), not dropped.
                more.append(more.isEmpty() ? "" : " ").append(key).append('=').append(quoted(value));
            }
        }
        if (!more.isEmpty()) {
            // A key of that very name keeps its value in front.
            fields.merge(MORE_FIELDS, more.toString(), (own, rest) -> MORE_FIELDS + "=" + quoted(own) + " " + rest);
        }
        return new ParsedLine(time, service, level, message != null ? message : line, fields, false);
    }

    /**
     * A small JSON reader that flattens nested objects to dotted names; arrays are kept as JSON text.
     *
     * <p>An object nested deeper than {@link #MAX_DEPTH} levels, or whose dotted name would be longer than
     * {@link #MAX_NAME}, is kept as JSON text under its name instead of being flattened further. The event keeps its
     * time, level, message and every field above the limit, and nothing below it is lost; flattening it would recurse
     * once per level and build names whose total size grows with the square of the depth, so one hostile line could
     * exhaust the stack or the heap.
     */
    private static final class JsonFlattener {
        static final int MAX_DEPTH = 64;
        /** The longest name a structured field may have ({@link LogFields}); a longer prefix names no field anyway. */
        static final int MAX_NAME = 128;

        private final String s;
        private final Map<String, String> out;
        private int i;

        JsonFlattener(String s, Map<String, String> out) {
            this.s = s;
            this.out = out;
        }

        boolean parseDocument() {
            try {
                skipSpace();
                if (!object("", 1)) {
                    return false;
                }
                skipSpace();
                return i == s.length();
            } catch (RuntimeException malformed) {
                return false;
            }
        }

        /** Reads the object at {@code i}, which is {@code depth} levels deep (the document is level 1). */
        private boolean object(String prefix, int depth) {
            if (s.charAt(i) != '{') {
                return false;
            }
            i++;
            skipSpace();
            if (s.charAt(i) == '}') {
                i++;
                return true;
            }
            while (true) {
                skipSpace();
                if (s.charAt(i) != '"') {
                    return false;
                }
                String key = string();
                skipSpace();
                if (s.charAt(i) != ':') {
                    return false;
                }
                i++;
                skipSpace();
                String name = prefix.isEmpty() ? key : prefix + "." + key;
                char c = s.charAt(i);
                if (c == '{' && depth < MAX_DEPTH && name.length() <= MAX_NAME) {
                    if (!object(name, depth + 1)) {
                        return false;
                    }
                } else if (c == '{' || c == '[') {
                    int start = i;
                    skipValue();
                    out.put(name, s.substring(start, i));
                } else if (c == '"') {
                    out.put(name, string());
                } else {
                    int start = i;
                    while (i < s.length() && ",}] \t".indexOf(s.charAt(i)) < 0) {
                        i++;
                    }
                    String literal = s.substring(start, i);
                    if (literal.isEmpty()) {
                        return false;
                    }
                    if (!literal.equals("null")) {
                        out.put(name, literal);
                    }
                }
                skipSpace();
                char next = s.charAt(i++);
                if (next == '}') {
                    return true;
                }
                if (next != ',') {
                    return false;
                }
            }
        }

        private void skipValue() {
            int depth = 0;
            do {
                char c = s.charAt(i);
                if (c == '"') {
                    string();
                    continue;
                }
                if (c == '[' || c == '{') {
                    depth++;
                } else if (c == ']' || c == '}') {
                    depth--;
                }
                i++;
            } while (depth > 0);
        }

        private String string() {
            i++; // opening quote
            StringBuilder sb = null;
            int start = i;
            while (true) {
                char c = s.charAt(i);
                if (c == '"') {
                    String value = sb == null ? s.substring(start, i) : sb.append(s, start, i).toString();
                    i++;
                    return value;
                }
                if (c == '\\') {
                    if (sb == null) {
                        sb = new StringBuilder();
                    }
                    sb.append(s, start, i);
                    char e = s.charAt(i + 1);
                    switch (e) {
                        case 'n' -> sb.append('\n');
                        case 't' -> sb.append('\t');
                        case 'r' -> sb.append('\r');
                        case 'b' -> sb.append('\b');
                        case 'f' -> sb.append('\f');
                        case 'u' -> {
                            sb.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
                            i += 4;
                        }
                        default -> sb.append(e);
                    }
                    i += 2;
                    start = i;
                    continue;
                }
                i++;
            }
        }

        private void skipSpace() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
    }
}
