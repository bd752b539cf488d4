package dev.periscope.metrics.promql;

import dev.periscope.metrics.promql.Expr.Aggregation;
import dev.periscope.metrics.promql.Expr.At;
import dev.periscope.metrics.promql.Expr.Binary;
import dev.periscope.metrics.promql.Expr.Call;
import dev.periscope.metrics.promql.Expr.Grouping;
import dev.periscope.metrics.promql.Expr.MatrixSelector;
import dev.periscope.metrics.promql.Expr.NumberLiteral;
import dev.periscope.metrics.promql.Expr.Paren;
import dev.periscope.metrics.promql.Expr.StringLiteral;
import dev.periscope.metrics.promql.Expr.Subquery;
import dev.periscope.metrics.promql.Expr.Unary;
import dev.periscope.metrics.promql.Expr.ValueType;
import dev.periscope.metrics.promql.Expr.VectorMatching;
import dev.periscope.metrics.promql.Expr.VectorSelector;
import dev.periscope.metrics.promql.Lexer.Kind;
import dev.periscope.metrics.promql.Lexer.Token;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A recursive-descent parser for PromQL, with the type checks Prometheus applies, so that a query it accepts is one
 * Prometheus accepts too.
 *
 * <p>Binary operators are parsed by precedence climbing. Unary minus binds tighter than {@code *} but looser than
 * {@code ^}, so {@code -2 ^ 2} is {@code -(2 ^ 2)}, as in Prometheus.
 */
public final class PromQlParser {

    private static final Set<String> SET_OR_WORD_OPS = Set.of("and", "or", "unless", "atan2");

    /** Bounds recursion (here, in the scoper and in the printer) so a hostile query cannot exhaust the stack. */
    static final int MAX_DEPTH = 200;
    static final int MAX_LENGTH = 64 * 1024;

    private final String input;
    private final List<Token> tokens;
    private int i;
    private int depth;

    private PromQlParser(String input) {
        this.input = input;
        this.tokens = Lexer.tokenize(input);
    }

    /** Parses a whole query. Throws {@link PromQlParseException} with the position of the first problem. */
    public static Expr parse(String query) {
        if (query.length() > MAX_LENGTH) {
            throw new PromQlParseException(query, 0, "query is longer than " + MAX_LENGTH + " characters");
        }
        var parser = new PromQlParser(query);
        if (parser.peek().kind() == Kind.EOF) {
            throw new PromQlParseException(query, 0, "no expression found in input");
        }
        Expr expr = parser.expression(0);
        if (parser.peek().kind() != Kind.EOF) {
            throw parser.unexpected("an operator or the end of the query");
        }
        return expr;
    }

    /** Parses a series selector alone, as the {@code match[]} parameter of the series and labels APIs takes it. */
    public static VectorSelector parseSelector(String selector) {
        Expr expr = parse(selector);
        if (expr instanceof VectorSelector vs && vs.offset().isEmpty() && vs.at().isEmpty()) {
            return vs;
        }
        throw new PromQlParseException(selector, 0, "expected a series selector such as up{job=\"api\"}");
    }

    // ---------------------------------------------------------------- tokens

    private Token peek() {
        return tokens.get(i);
    }

    private Token peekAt(int ahead) {
        return tokens.get(Math.min(i + ahead, tokens.size() - 1));
    }

    private Token advance() {
        return tokens.get(i++);
    }

    private boolean peekWord(String word) {
        return peek().kind() == Kind.IDENT && peek().text().equalsIgnoreCase(word);
    }

    private Token expect(Kind kind, String what) {
        if (peek().kind() != kind) {
            throw unexpected(what);
        }
        return advance();
    }

    private PromQlParseException unexpected(String expected) {
        return error(peek().pos(), "unexpected " + peek().describe() + ", expected " + expected);
    }

    private PromQlParseException error(int pos, String message) {
        return new PromQlParseException(input, pos, message);
    }

    // ---------------------------------------------------------------- binary expressions

    private Optional<BinaryOp> peekBinaryOp() {
        Token t = peek();
        if (t.kind() == Kind.OP) {
            return BinaryOp.bySymbol(t.text()).filter(op -> !op.isSetOperator());
        }
        if (t.kind() == Kind.IDENT && SET_OR_WORD_OPS.contains(t.text().toLowerCase(Locale.ROOT))) {
            return BinaryOp.bySymbol(t.text().toLowerCase(Locale.ROOT));
        }
        return Optional.empty();
    }

    private Expr expression(int minPrecedence) {
        if (++depth > MAX_DEPTH) {
            throw error(peek().pos(), "query is nested more than " + MAX_DEPTH + " levels deep");
        }
        try {
            return binaryTail(minPrecedence);
        } finally {
            depth--;
        }
    }

    private Expr binaryTail(int minPrecedence) {
        Expr lhs = unary();
        int chained = 0;
        try {
            while (true) {
                Optional<BinaryOp> maybeOp = peekBinaryOp();
                if (maybeOp.isEmpty() || maybeOp.get().precedence() < minPrecedence) {
                    return lhs;
                }
                // Each operator of a left-associative chain nests the tree one level deeper.
                chained++;
                if (++depth > MAX_DEPTH) {
                    throw error(peek().pos(), "query is nested more than " + MAX_DEPTH + " levels deep");
                }
                lhs = binaryStep(lhs, maybeOp.get());
            }
        } finally {
            depth -= chained;
        }
    }

    private Expr binaryStep(Expr lhs, BinaryOp op) {
        Token opToken = advance();
        boolean returnBool = false;
        if (peekWord("bool")) {
            if (!op.isComparison()) {
                throw error(peek().pos(), "bool modifier can only be used on comparison operators");
            }
            advance();
            returnBool = true;
        }
        Optional<VectorMatching> matching = vectorMatching(op);
        Expr rhs = expression(op.rightAssociative() ? op.precedence() : op.precedence() + 1);
        return checkBinary(new Binary(op, lhs, rhs, returnBool, matching), opToken.pos());
    }

    private Optional<VectorMatching> vectorMatching(BinaryOp op) {
        boolean on;
        if (peekWord("on")) {
            on = true;
        } else if (peekWord("ignoring")) {
            on = false;
        } else {
            if (peekWord("group_left") || peekWord("group_right")) {
                throw error(peek().pos(), "a group modifier needs on(...) or ignoring(...) before it");
            }
            return Optional.empty();
        }
        advance();
        List<String> labels = labelList();
        var side = VectorMatching.GroupSide.NONE;
        List<String> include = List.of();
        if (peekWord("group_left") || peekWord("group_right")) {
            if (op.isSetOperator()) {
                throw error(peek().pos(), "no grouping allowed for \"" + op.symbol() + "\" operation");
            }
            side = peekWord("group_left") ? VectorMatching.GroupSide.LEFT : VectorMatching.GroupSide.RIGHT;
            advance();
            if (peek().kind() == Kind.LPAREN) {
                include = labelList();
            }
        }
        if (on) {
            for (String label : include) {
                if (labels.contains(label)) {
                    throw error(peek().pos(), "label \"" + label + "\" must not occur in ON and GROUP clause at once");
                }
            }
        }
        return Optional.of(new VectorMatching(on, labels, side, include));
    }

    private Expr checkBinary(Binary b, int pos) {
        ValueType l = b.lhs().type();
        ValueType r = b.rhs().type();
        for (ValueType t : List.of(l, r)) {
            if (t != ValueType.SCALAR && t != ValueType.VECTOR) {
                throw error(pos, "binary expression must contain only scalar and instant vector types, found "
                        + name(t));
            }
        }
        if (b.op().isSetOperator() && (l != ValueType.VECTOR || r != ValueType.VECTOR)) {
            throw error(pos, "set operator \"" + b.op().symbol() + "\" not allowed in binary scalar expression");
        }
        if (b.op().isComparison() && l == ValueType.SCALAR && r == ValueType.SCALAR && !b.returnBool()) {
            throw error(pos, "comparisons between scalars must use the bool modifier");
        }
        if (b.matching().isPresent() && (l != ValueType.VECTOR || r != ValueType.VECTOR)) {
            throw error(pos, "vector matching only allowed between instant vectors");
        }
        return b;
    }

    private static String name(ValueType t) {
        return switch (t) {
            case SCALAR -> "scalar";
            case VECTOR -> "instant vector";
            case MATRIX -> "range vector";
            case STRING -> "string";
        };
    }

    private Expr unary() {
        Token t = peek();
        if (t.kind() == Kind.OP && (t.text().equals("-") || t.text().equals("+"))) {
            advance();
            // The operand may itself contain ^, which binds tighter than the sign.
            Expr operand = expression(BinaryOp.POW.precedence());
            if (operand.type() != ValueType.SCALAR && operand.type() != ValueType.VECTOR) {
                throw error(t.pos(), "unary expression only allowed on expressions of type scalar or instant vector");
            }
            if (operand instanceof NumberLiteral n) {
                return t.text().equals("-") ? new NumberLiteral(-n.value()) : n;
            }
            return new Unary(t.text().charAt(0), operand);
        }
        return postfix(primary());
    }

    // ---------------------------------------------------------------- postfix: ranges, subqueries, offset, @

    private Expr postfix(Expr expr) {
        while (true) {
            Token t = peek();
            if (t.kind() == Kind.LBRACKET) {
                expr = rangeOrSubquery(expr);
            } else if (t.kind() == Kind.IDENT && t.text().equalsIgnoreCase("offset")) {
                advance();
                expr = withOffset(expr, signedDuration(), t.pos());
            } else if (t.kind() == Kind.AT) {
                advance();
                expr = withAt(expr, atValue(), t.pos());
            } else {
                return expr;
            }
        }
    }

    private Expr rangeOrSubquery(Expr expr) {
        Token open = advance();
        Duration range = expect(Kind.DURATION, "a duration such as 5m").duration();
        if (range.isZero()) {
            throw error(open.pos() + 1, "range must be greater than zero");
        }
        if (peek().kind() == Kind.RBRACKET) {
            advance();
            if (!(expr instanceof VectorSelector vs)) {
                throw error(open.pos(), "ranges only allowed for vector selectors");
            }
            if (vs.offset().isPresent() || vs.at().isPresent()) {
                throw error(open.pos(), "no offset or @ modifiers allowed before range");
            }
            return new MatrixSelector(vs, range);
        }
        expect(Kind.COLON, "\":\" or \"]\"");
        Optional<Duration> step = Optional.empty();
        if (peek().kind() == Kind.DURATION) {
            Duration s = advance().duration();
            if (s.isZero()) {
                throw error(peek().pos(), "subquery step must be greater than zero");
            }
            step = Optional.of(s);
        }
        expect(Kind.RBRACKET, "\"]\"");
        if (expr.type() != ValueType.VECTOR) {
            throw error(open.pos(), "subquery is only allowed on instant vector, got " + name(expr.type()));
        }
        return new Subquery(expr, range, step, Optional.empty(), Optional.empty());
    }

    private Duration signedDuration() {
        boolean negative = false;
        if (peek().kind() == Kind.OP && (peek().text().equals("-") || peek().text().equals("+"))) {
            negative = advance().text().equals("-");
        }
        Duration d = expect(Kind.DURATION, "a duration after offset, such as 5m").duration();
        return negative ? d.negated() : d;
    }

    private At atValue() {
        if (peekWord("start") || peekWord("end")) {
            boolean start = advance().text().equalsIgnoreCase("start");
            expect(Kind.LPAREN, "\"(\"");
            expect(Kind.RPAREN, "\")\"");
            return start ? new At.Start() : new At.End();
        }
        int sign = 1;
        if (peek().kind() == Kind.OP && (peek().text().equals("-") || peek().text().equals("+"))) {
            sign = advance().text().equals("-") ? -1 : 1;
        }
        Token t = peek();
        if (t.kind() != Kind.NUMBER) {
            throw unexpected("a timestamp, start() or end() after @");
        }
        advance();
        double seconds = sign * t.number();
        if (!Double.isFinite(seconds)) {
            throw error(t.pos(), "timestamp out of bounds for @ modifier");
        }
        return new At.Timestamp(seconds);
    }

    private Expr withOffset(Expr expr, Duration offset, int pos) {
        return switch (expr) {
            case VectorSelector vs when vs.offset().isEmpty() ->
                    new VectorSelector(vs.metricName(), vs.matchers(), Optional.of(offset), vs.at());
            case MatrixSelector ms when ms.selector().offset().isEmpty() -> new MatrixSelector(
                    new VectorSelector(ms.selector().metricName(), ms.selector().matchers(), Optional.of(offset),
                            ms.selector().at()), ms.range());
            case Subquery sq when sq.offset().isEmpty() ->
                    new Subquery(sq.expr(), sq.range(), sq.step(), Optional.of(offset), sq.at());
            case VectorSelector vs -> throw error(pos, "offset may not be set multiple times");
            case MatrixSelector ms -> throw error(pos, "offset may not be set multiple times");
            case Subquery sq -> throw error(pos, "offset may not be set multiple times");
            default -> throw error(pos, "offset modifier must be preceded by an instant vector selector or range vector selector or a subquery");
        };
    }

    private Expr withAt(Expr expr, At at, int pos) {
        return switch (expr) {
            case VectorSelector vs when vs.at().isEmpty() ->
                    new VectorSelector(vs.metricName(), vs.matchers(), vs.offset(), Optional.of(at));
            case MatrixSelector ms when ms.selector().at().isEmpty() -> new MatrixSelector(
                    new VectorSelector(ms.selector().metricName(), ms.selector().matchers(), ms.selector().offset(),
                            Optional.of(at)), ms.range());
            case Subquery sq when sq.at().isEmpty() ->
                    new Subquery(sq.expr(), sq.range(), sq.step(), sq.offset(), Optional.of(at));
            case VectorSelector vs -> throw error(pos, "@ <timestamp> may not be set multiple times");
            case MatrixSelector ms -> throw error(pos, "@ <timestamp> may not be set multiple times");
            case Subquery sq -> throw error(pos, "@ <timestamp> may not be set multiple times");
            default -> throw error(pos, "@ modifier must be preceded by an instant vector selector or range vector selector or a subquery");
        };
    }

    // ---------------------------------------------------------------- primary expressions

    private Expr primary() {
        Token t = peek();
        switch (t.kind()) {
            case NUMBER -> {
                advance();
                return new NumberLiteral(t.number());
            }
            case STRING -> {
                advance();
                return new StringLiteral(t.string());
            }
            case LPAREN -> {
                advance();
                Expr inner = expression(0);
                expect(Kind.RPAREN, "\")\"");
                return new Paren(inner);
            }
            case LBRACE -> {
                return selector(Optional.empty(), t.pos());
            }
            case IDENT -> {
                return identifierExpression();
            }
            case DURATION -> throw error(t.pos(), "unexpected duration \"" + t.text() + "\": durations are only allowed in ranges, subqueries and offsets");
            default -> throw unexpected("an expression");
        }
    }

    private Expr identifierExpression() {
        Token t = advance();
        String word = t.text();
        String lower = word.toLowerCase(Locale.ROOT);
        if (lower.equals("inf")) {
            return new NumberLiteral(Double.POSITIVE_INFINITY);
        }
        if (lower.equals("nan")) {
            return new NumberLiteral(Double.NaN);
        }
        Optional<AggregationOp> agg = AggregationOp.byKeyword(word);
        if (agg.isPresent()) {
            return aggregation(agg.get(), t);
        }
        if (peek().kind() == Kind.LPAREN) {
            PromQlFunction fn = PromQlFunction.byName(word)
                    .orElseThrow(() -> error(t.pos(), "unknown function with name \"" + word + "\""));
            return call(fn, t);
        }
        if (isKeyword(lower)) {
            throw error(t.pos(), "unexpected keyword \"" + word + "\", expected an expression");
        }
        return selector(Optional.of(word), t.pos());
    }

    static boolean canBeBareMetricName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return !name.isEmpty() && Lexer.isIdentStartChar(name.charAt(0)) && name.chars().allMatch(c -> Lexer.isIdentPartChar((char) c))
                && !isKeyword(lower) && AggregationOp.byKeyword(lower).isEmpty()
                && !lower.equals("inf") && !lower.equals("nan");
    }

    private static boolean isKeyword(String lower) {
        return switch (lower) {
            case "and", "or", "unless", "atan2", "by", "without", "on", "ignoring", "group_left", "group_right",
                 "bool", "offset" -> true;
            default -> false;
        };
    }

    private Expr call(PromQlFunction fn, Token nameToken) {
        expect(Kind.LPAREN, "\"(\"");
        var args = new ArrayList<Expr>();
        var positions = new ArrayList<Integer>();
        if (peek().kind() != Kind.RPAREN) {
            while (true) {
                positions.add(peek().pos());
                args.add(expression(0));
                if (peek().kind() == Kind.COMMA) {
                    advance();
                    if (peek().kind() == Kind.RPAREN) {
                        break;
                    }
                    continue;
                }
                break;
            }
        }
        expect(Kind.RPAREN, "\",\" or \")\"");
        if (args.size() < fn.minArgs() || args.size() > fn.maxArgs()) {
            String expected = fn.variadic() ? "at least " + fn.minArgs()
                    : fn.minArgs() == fn.maxArgs() ? String.valueOf(fn.minArgs())
                    : fn.minArgs() + " to " + fn.maxArgs();
            throw error(nameToken.pos(), "function \"" + fn.name() + "\" expects " + expected
                    + " argument(s), got " + args.size());
        }
        for (int a = 0; a < args.size(); a++) {
            ValueType want = fn.argType(a);
            ValueType got = args.get(a).type();
            if (want != got) {
                throw error(positions.get(a), "expected type " + name(want) + " in call to function \""
                        + fn.name() + "\", got " + name(got));
            }
        }
        return new Call(fn, args);
    }

    private Expr aggregation(AggregationOp op, Token opToken) {
        Grouping grouping = Grouping.none();
        if (peekWord("by") || peekWord("without")) {
            grouping = grouping();
        }
        if (peek().kind() != Kind.LPAREN) {
            throw unexpected("\"(\" after aggregation \"" + op.keyword() + "\"");
        }
        advance();
        Optional<Expr> param = Optional.empty();
        int exprPos = peek().pos();
        Expr first = expression(0);
        Expr operand = first;
        if (op.param().isPresent()) {
            expect(Kind.COMMA, "\",\": aggregation \"" + op.keyword() + "\" takes a parameter and an expression");
            param = Optional.of(first);
            exprPos = peek().pos();
            operand = expression(0);
            if (first.type() != op.param().get()) {
                throw error(opToken.pos(), "expected type " + name(op.param().get()) + " in aggregation parameter, got "
                        + name(first.type()));
            }
        }
        if (peek().kind() == Kind.COMMA) {
            advance();
        }
        expect(Kind.RPAREN, "\")\"");
        if (operand.type() != ValueType.VECTOR) {
            throw error(exprPos, "expected type instant vector in aggregation expression, got " + name(operand.type()));
        }
        if (peekWord("by") || peekWord("without")) {
            if (grouping.kind() != Grouping.Kind.NONE) {
                throw error(peek().pos(), "aggregation may have only one by or without clause");
            }
            grouping = grouping();
        }
        return new Aggregation(op, param, operand, grouping);
    }

    private Grouping grouping() {
        boolean by = advance().text().equalsIgnoreCase("by");
        return new Grouping(by ? Grouping.Kind.BY : Grouping.Kind.WITHOUT, labelList());
    }

    private List<String> labelList() {
        expect(Kind.LPAREN, "\"(\" before a list of labels");
        var labels = new ArrayList<String>();
        while (peek().kind() != Kind.RPAREN) {
            labels.add(labelName());
            if (peek().kind() == Kind.COMMA) {
                advance();
            } else if (peek().kind() != Kind.RPAREN) {
                throw unexpected("\",\" or \")\" in label list");
            }
        }
        advance();
        return labels;
    }

    private String labelName() {
        Token t = peek();
        if (t.kind() == Kind.IDENT && !t.text().contains(":")) {
            advance();
            return t.text();
        }
        throw unexpected("a label name");
    }

    private Expr selector(Optional<String> metricName, int pos) {
        var matchers = new ArrayList<LabelMatcher>();
        if (peek().kind() == Kind.LBRACE) {
            advance();
            while (peek().kind() != Kind.RBRACE) {
                String label = labelName();
                Token opToken = peek();
                MatchOp op = switch (opToken.kind() == Kind.OP ? opToken.text() : "") {
                    case "=" -> MatchOp.EQUAL;
                    case "!=" -> MatchOp.NOT_EQUAL;
                    case "=~" -> MatchOp.REGEX;
                    case "!~" -> MatchOp.NOT_REGEX;
                    default -> throw unexpected("a label matching operator (=, !=, =~ or !~)");
                };
                advance();
                Token value = expect(Kind.STRING, "a quoted label value");
                if (op == MatchOp.REGEX || op == MatchOp.NOT_REGEX) {
                    try {
                        java.util.regex.Pattern.compile(value.string());
                    } catch (java.util.regex.PatternSyntaxException e) {
                        throw error(value.pos(), "invalid regular expression in matcher: " + e.getDescription());
                    }
                }
                if (label.equals(LabelMatcher.NAME) && metricName.isPresent()) {
                    throw error(value.pos(), "metric name must not be set twice: \"" + metricName.get() + "\" and a __name__ matcher");
                }
                matchers.add(new LabelMatcher(label, op, value.string()));
                if (peek().kind() == Kind.COMMA) {
                    advance();
                } else if (peek().kind() != Kind.RBRACE) {
                    throw unexpected("\",\" or \"}\"");
                }
            }
            advance();
        }
        var selector = new VectorSelector(metricName, matchers, Optional.empty(), Optional.empty());
        if (selector.allMatchers().stream().allMatch(LabelMatcher::matchesEmpty)) {
            throw error(pos, "vector selector must contain at least one non-empty matcher");
        }
        return selector;
    }
}
