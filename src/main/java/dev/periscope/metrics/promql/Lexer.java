package dev.periscope.metrics.promql;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Splits PromQL text into tokens. Keywords are lexed as identifiers: whether a word is a keyword depends on where the parser meets it. */
final class Lexer {

    enum Kind { IDENT, NUMBER, DURATION, STRING, LBRACE, RBRACE, LPAREN, RPAREN, LBRACKET, RBRACKET, COMMA, COLON, AT, OP, EOF }

    record Token(Kind kind, String text, int pos, double number, Duration duration, String string) {
        static Token of(Kind kind, String text, int pos) {
            return new Token(kind, text, pos, 0, Duration.ZERO, "");
        }

        boolean is(Kind k, String t) {
            return kind == k && text.equals(t);
        }

        String describe() {
            return kind == Kind.EOF ? "end of input" : "\"" + text + "\"";
        }
    }

    private final String in;
    private int pos;

    private Lexer(String in) {
        this.in = in;
    }

    static List<Token> tokenize(String input) {
        var lexer = new Lexer(input);
        var tokens = new ArrayList<Token>();
        Token t;
        do {
            t = lexer.next();
            tokens.add(t);
        } while (t.kind() != Kind.EOF);
        return tokens;
    }

    private PromQlParseException error(int at, String message) {
        return new PromQlParseException(in, at, message);
    }

    private Token next() {
        skipSpaceAndComments();
        if (pos >= in.length()) {
            return Token.of(Kind.EOF, "", pos);
        }
        int start = pos;
        char c = in.charAt(pos);
        switch (c) {
            case '{': pos++; return Token.of(Kind.LBRACE, "{", start);
            case '}': pos++; return Token.of(Kind.RBRACE, "}", start);
            case '(': pos++; return Token.of(Kind.LPAREN, "(", start);
            case ')': pos++; return Token.of(Kind.RPAREN, ")", start);
            case '[': pos++; return Token.of(Kind.LBRACKET, "[", start);
            case ']': pos++; return Token.of(Kind.RBRACKET, "]", start);
            case ',': pos++; return Token.of(Kind.COMMA, ",", start);
            case ':': pos++; return Token.of(Kind.COLON, ":", start);
            case '@': pos++; return Token.of(Kind.AT, "@", start);
            case '+', '-', '*', '/', '%', '^': pos++; return Token.of(Kind.OP, String.valueOf(c), start);
            case '=':
                pos++;
                if (peek('=') || peek('~')) {
                    pos++;
                }
                return Token.of(Kind.OP, in.substring(start, pos), start);
            case '!':
                pos++;
                if (peek('=') || peek('~')) {
                    pos++;
                    return Token.of(Kind.OP, in.substring(start, pos), start);
                }
                throw error(start, "unexpected character \"!\": did you mean \"!=\" or \"!~\"?");
            case '<', '>':
                pos++;
                if (peek('=')) {
                    pos++;
                }
                return Token.of(Kind.OP, in.substring(start, pos), start);
            case '"', '\'': return quoted(c);
            case '`': return raw();
            default:
                break;
        }
        if (isDigit(c) || (c == '.' && pos + 1 < in.length() && isDigit(in.charAt(pos + 1)))) {
            return numberOrDuration();
        }
        if (isIdentStart(c)) {
            while (pos < in.length() && isIdentPart(in.charAt(pos))) {
                pos++;
            }
            return Token.of(Kind.IDENT, in.substring(start, pos), start);
        }
        throw error(start, "unexpected character \"" + c + "\"");
    }

    private boolean peek(char c) {
        return pos < in.length() && in.charAt(pos) == c;
    }

    private void skipSpaceAndComments() {
        while (pos < in.length()) {
            char c = in.charAt(pos);
            if (c == '#') {
                while (pos < in.length() && in.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else {
                return;
            }
        }
    }

    private Token numberOrDuration() {
        int start = pos;
        if (in.startsWith("0x", pos) || in.startsWith("0X", pos)) {
            pos += 2;
            int digits = pos;
            while (pos < in.length() && Character.digit(in.charAt(pos), 16) >= 0) {
                pos++;
            }
            if (pos == digits) {
                throw error(start, "bad hexadecimal number");
            }
            rejectTrailingIdent(start);
            String text = in.substring(start, pos);
            return new Token(Kind.NUMBER, text, start, Long.parseLong(text.substring(2), 16), Duration.ZERO, "");
        }
        while (pos < in.length() && isDigit(in.charAt(pos))) {
            pos++;
        }
        if (pos < in.length() && isDurationUnitStart(in.charAt(pos)) && pos > start) {
            pos = start;
            return duration();
        }
        if (peek('.')) {
            pos++;
            while (pos < in.length() && isDigit(in.charAt(pos))) {
                pos++;
            }
        }
        if (peek('e') || peek('E')) {
            int mark = pos;
            pos++;
            if (peek('+') || peek('-')) {
                pos++;
            }
            int digits = pos;
            while (pos < in.length() && isDigit(in.charAt(pos))) {
                pos++;
            }
            if (pos == digits) {
                pos = mark;
            }
        }
        rejectTrailingIdent(start);
        String text = in.substring(start, pos);
        return new Token(Kind.NUMBER, text, start, Double.parseDouble(text), Duration.ZERO, "");
    }

    private void rejectTrailingIdent(int start) {
        // A colon may follow a duration (the range of a subquery), so only letters, digits and "_" are glued on.
        if (pos < in.length() && isIdentPart(in.charAt(pos)) && in.charAt(pos) != ':') {
            throw error(start, "bad number or duration syntax: \"" + in.substring(start, identEnd(pos)) + "\"");
        }
    }

    private int identEnd(int from) {
        int p = from;
        while (p < in.length() && isIdentPart(in.charAt(p))) {
            p++;
        }
        return p;
    }

    // Units must come in decreasing order and at most once each, as Prometheus's model.ParseDuration demands.
    private static final String[] UNITS = {"y", "w", "d", "h", "m", "s", "ms"};
    private static final long[] UNIT_MILLIS = {365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1_000, 1};

    private Token duration() {
        int start = pos;
        long millis = 0;
        int lastUnit = -1;
        while (pos < in.length() && isDigit(in.charAt(pos))) {
            int digits = pos;
            while (pos < in.length() && isDigit(in.charAt(pos))) {
                pos++;
            }
            long amount = Long.parseLong(in.substring(digits, pos));
            int unit = -1;
            if (in.startsWith("ms", pos)) {
                unit = 6;
            } else if (pos < in.length()) {
                unit = switch (in.charAt(pos)) {
                    case 'y' -> 0; case 'w' -> 1; case 'd' -> 2; case 'h' -> 3; case 'm' -> 4; case 's' -> 5;
                    default -> -1;
                };
            }
            if (unit < 0) {
                throw error(start, "bad duration \"" + in.substring(start, identEnd(pos)) + "\": a number needs a unit (ms, s, m, h, d, w, y)");
            }
            if (unit <= lastUnit) {
                throw error(start, "bad duration \"" + in.substring(start, identEnd(pos)) + "\": units must be in decreasing order");
            }
            lastUnit = unit;
            pos += UNITS[unit].length();
            millis = Math.addExact(millis, Math.multiplyExact(amount, UNIT_MILLIS[unit]));
        }
        rejectTrailingIdent(start);
        String text = in.substring(start, pos);
        return new Token(Kind.DURATION, text, start, 0, Duration.ofMillis(millis), "");
    }

    private Token quoted(char quote) {
        int start = pos;
        pos++;
        var sb = new StringBuilder();
        while (true) {
            if (pos >= in.length() || in.charAt(pos) == '\n') {
                throw error(start, "unterminated string");
            }
            char c = in.charAt(pos++);
            if (c == quote) {
                break;
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= in.length()) {
                throw error(start, "unterminated string");
            }
            char e = in.charAt(pos++);
            switch (e) {
                case 'a' -> sb.append('\u0007');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'v' -> sb.append('\u000b');
                case '\\' -> sb.append('\\');
                case '"', '\'' -> {
                    if (e != quote) {
                        throw error(pos - 2, "unknown escape sequence \\" + e);
                    }
                    sb.append(e);
                }
                case 'x' -> sb.append((char) hex(2));
                case 'u' -> sb.appendCodePoint(hex(4));
                case 'U' -> sb.appendCodePoint(hex(8));
                default -> {
                    if (e >= '0' && e <= '7') {
                        pos--;
                        int v = 0;
                        for (int i = 0; i < 3; i++) {
                            if (pos >= in.length() || in.charAt(pos) < '0' || in.charAt(pos) > '7') {
                                throw error(pos, "bad octal escape");
                            }
                            v = v * 8 + (in.charAt(pos++) - '0');
                        }
                        if (v > 255) {
                            throw error(pos - 4, "octal escape value > 255");
                        }
                        sb.append((char) v);
                    } else {
                        throw error(pos - 2, "unknown escape sequence \\" + e);
                    }
                }
            }
        }
        return new Token(Kind.STRING, in.substring(start, pos), start, 0, Duration.ZERO, sb.toString());
    }

    private int hex(int digits) {
        if (pos + digits > in.length()) {
            throw error(pos, "bad hexadecimal escape");
        }
        int v = 0;
        for (int i = 0; i < digits; i++) {
            int d = Character.digit(in.charAt(pos++), 16);
            if (d < 0) {
                throw error(pos - 1, "bad hexadecimal escape");
            }
            v = v * 16 + d;
        }
        if (!Character.isValidCodePoint(v) || (v >= 0xD800 && v <= 0xDFFF)) {
            throw error(pos - digits, "escape sequence is an invalid Unicode code point");
        }
        return v;
    }

    private Token raw() {
        int start = pos;
        int end = in.indexOf('`', pos + 1);
        if (end < 0) {
            throw error(start, "unterminated raw string");
        }
        pos = end + 1;
        return new Token(Kind.STRING, in.substring(start, pos), start, 0, Duration.ZERO, in.substring(start + 1, end));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isDurationUnitStart(char c) {
        return c == 'y' || c == 'w' || c == 'd' || c == 'h' || c == 'm' || c == 's';
    }

    static boolean isIdentStartChar(char c) {
        return isIdentStart(c);
    }

    static boolean isIdentPartChar(char c) {
        return isIdentPart(c);
    }

    private static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
    }

    private static boolean isIdentPart(char c) {
        return isIdentStart(c) || isDigit(c);
    }
}
