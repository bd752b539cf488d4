package dev.periscope.logs.query;

import dev.periscope.base.TimeExpressions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.queryparser.flexible.core.QueryNodeParseException;
import org.apache.lucene.queryparser.flexible.core.nodes.AndQueryNode;
import org.apache.lucene.queryparser.flexible.core.nodes.BooleanQueryNode;
import org.apache.lucene.queryparser.flexible.core.nodes.BoostQueryNode;
import org.apache.lucene.queryparser.flexible.core.nodes.FieldQueryNode;
import org.apache.lucene.queryparser.flexible.core.nodes.FuzzyQueryNode;
import org.apache.lucene.queryparser.flexible.core.nodes.GroupQueryNode;
import org.apache.lucene.queryparser.flexible.core.nodes.MatchAllDocsQueryNode;
import org.apache.lucene.queryparser.flexible.core.nodes.ModifierQueryNode;
import org.apache.lucene.queryparser.flexible.core.nodes.OrQueryNode;
import org.apache.lucene.queryparser.flexible.core.nodes.QuotedFieldQueryNode;
import org.apache.lucene.queryparser.flexible.core.nodes.SlopQueryNode;
import org.apache.lucene.queryparser.flexible.core.util.UnescapedCharSequence;
import org.apache.lucene.queryparser.flexible.standard.nodes.RegexpQueryNode;
import org.apache.lucene.queryparser.flexible.standard.nodes.TermRangeQueryNode;
import org.apache.lucene.queryparser.flexible.standard.parser.ParseException;
import org.apache.lucene.queryparser.flexible.standard.parser.StandardSyntaxParser;
import org.apache.lucene.util.automaton.RegExp;

/**
 * Turns Lucene query syntax, as Kibana users write it, into a validated {@link QueryNode} tree.
 *
 * <p>Only the syntax parser of Lucene's flexible query parser is used: its node tree is converted here, node by node,
 * into Periscope's tree, so nothing the user typed reaches a backend except through that tree. Terms without an
 * operator between them are combined with AND, because log searches narrow down ({@code timed out} means both words).
 */
public final class LogQueryParser {

    private static final String DEFAULT_FIELD = LogFields.MESSAGE;
    private static final String EXISTS = "_exists_";
    /** Private-use characters standing in for literals during parsing; see {@link #protectLiterals}. */
    private static final char AT_STAND_IN = '\uE000';
    private static final char TOKEN_COLON_STAND_IN = '\uE001';

    private final QueryLimits limits;
    private final Clock clock;

    public LogQueryParser(QueryLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /** Parses and validates; a blank query matches everything. */
    public QueryNode parse(String text) {
        if (text.length() > limits.maxQueryLength()) {
            throw new QueryLimitExceededException("The query is " + text.length() + " characters long; the limit is "
                    + limits.maxQueryLength() + ".");
        }
        if (text.isBlank()) {
            return new QueryNode.MatchAll();
        }
        int reserved = indexOfStandIn(text);
        if (reserved >= 0) {
            throw new InvalidQueryException("The query contains a character reserved for internal use", reserved);
        }
        org.apache.lucene.queryparser.flexible.core.nodes.QueryNode parsed;
        try {
            parsed = new StandardSyntaxParser().parse(protectLiterals(text), DEFAULT_FIELD);
        } catch (ParseException e) {
            int position = e.currentToken != null && e.currentToken.next != null
                    ? Math.min(e.currentToken.next.beginColumn, text.length())
                    : text.length();
            String found = e.currentToken != null && e.currentToken.next != null && !e.currentToken.next.image.isEmpty()
                    ? "unexpected '" + restore(e.currentToken.next.image) + "'"
                    : "unexpected end of query";
            throw new InvalidQueryException("Syntax error: " + found, position);
        } catch (QueryNodeParseException e) {
            throw new InvalidQueryException("Syntax error: the query cannot be parsed");
        }
        QueryNode tree = convert(parsed);
        int clauses = QueryNode.leafCount(tree);
        if (clauses > limits.maxClauses()) {
            throw new QueryLimitExceededException("The query has " + clauses + " clauses; the limit is "
                    + limits.maxClauses() + ".");
        }
        return tree;
    }

    /**
     * Replaces, one for one, the characters that Lucene's syntax reserves but a log search means literally: every
     * {@code @} (Lucene's minimum-should-match operator, but in logs a part of {@code @timestamp} and of addresses) and
     * the colon inside a token such as {@code ‹email:7f3a9c21›}, which would otherwise end a field name. The stand-ins
     * keep every position the same, so error positions point into what the user typed; {@link #restore} undoes them
     * in every name and value taken from the tree.
     */
    static String protectLiterals(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] == '@') {
                chars[i] = AT_STAND_IN;
            } else if (chars[i] == '‹') {
                int end = i + 1;
                while (end < chars.length && chars[end] != '›' && !Character.isWhitespace(chars[end])) {
                    end++;
                }
                if (end < chars.length && chars[end] == '›') {
                    for (int j = i + 1; j < end; j++) {
                        chars[j] = chars[j] == ':' ? TOKEN_COLON_STAND_IN : chars[j];
                    }
                    i = end;
                }
            }
        }
        return new String(chars);
    }

    static String restore(String text) {
        return text.replace(AT_STAND_IN, '@').replace(TOKEN_COLON_STAND_IN, ':');
    }

    private static int indexOfStandIn(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == AT_STAND_IN || text.charAt(i) == TOKEN_COLON_STAND_IN) {
                return i;
            }
        }
        return -1;
    }

    private QueryNode convert(org.apache.lucene.queryparser.flexible.core.nodes.QueryNode node) {
        return switch (node) {
            case GroupQueryNode group -> convert(group.getChild());
            case BoostQueryNode boost -> convert(boost.getChild()); // results are sorted by time: boosts mean nothing
            case ModifierQueryNode modifier -> modifier.getModifier() == ModifierQueryNode.Modifier.MOD_NOT
                    ? new QueryNode.Not(convert(modifier.getChild()))
                    : convert(modifier.getChild());
            case AndQueryNode and -> combine(and.getChildren(), true);
            case OrQueryNode or -> combine(or.getChildren(), false);
            case BooleanQueryNode bool -> combine(bool.getChildren(), true);
            case MatchAllDocsQueryNode all -> new QueryNode.MatchAll();
            case SlopQueryNode slop when slop.getChild() instanceof QuotedFieldQueryNode quoted ->
                    phrase(quoted, slop.getValue());
            case QuotedFieldQueryNode quoted -> phrase(quoted, 0);
            case FuzzyQueryNode fuzzy -> throw new InvalidQueryException(
                    "Fuzzy queries (~) are not supported; use a wildcard", fuzzy.getBegin());
            case RegexpQueryNode regexp -> regexp(regexp);
            case TermRangeQueryNode range -> range(range);
            case FieldQueryNode field -> field(field);
            default -> throw new InvalidQueryException("This kind of query is not supported: "
                    + node.getClass().getSimpleName().replace("QueryNode", ""));
        };
    }

    private QueryNode combine(List<org.apache.lucene.queryparser.flexible.core.nodes.QueryNode> children,
                              boolean and) {
        List<QueryNode> clauses = new ArrayList<>();
        for (var child : children) {
            QueryNode converted = convert(child);
            // Flatten (a AND (b AND c)) so the clause limit and the adapters see one level.
            if (and && converted instanceof QueryNode.And inner) {
                clauses.addAll(inner.clauses());
            } else if (!and && converted instanceof QueryNode.Or inner) {
                clauses.addAll(inner.clauses());
            } else {
                clauses.add(converted);
            }
        }
        if (clauses.size() == 1) {
            return clauses.getFirst();
        }
        return and ? new QueryNode.And(clauses) : new QueryNode.Or(clauses);
    }

    private QueryNode field(FieldQueryNode node) {
        String typedField = restore(node.getFieldAsString());
        CharSequence raw = node.getText();
        String text = restore(raw.toString());
        if (typedField.equals("*") && text.equals("*")) {
            return new QueryNode.MatchAll();
        }
        if (typedField.equals(EXISTS)) {
            return new QueryNode.Exists(field(text, node.getBegin()));
        }
        String field = field(typedField, node.getBegin());
        boolean wildcard = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c == '*' || c == '?') && !UnescapedCharSequence.wasEscaped(raw, i)) {
                wildcard = true;
            } else if ((c == '*' || c == '?')) {
                if (containsUnescapedWildcard(raw)) {
                    throw new InvalidQueryException("A pattern cannot contain an escaped * or ?", node.getBegin());
                }
            }
        }
        if (wildcard) {
            if (text.equals("*")) {
                return field.equals(DEFAULT_FIELD) && typedField.equals(DEFAULT_FIELD)
                        ? new QueryNode.MatchAll()
                        : new QueryNode.Exists(field);
            }
            if (text.length() > limits.maxPatternLength()) {
                throw new QueryLimitExceededException("A wildcard pattern is longer than "
                        + limits.maxPatternLength() + " characters.");
            }
            if (field.equals(LogFields.TIMESTAMP)) {
                throw new InvalidQueryException("Wildcards do not apply to the timestamp; use a range",
                        node.getBegin());
            }
            return new QueryNode.Wildcard(field, normaliseValue(field, text));
        }
        if (field.equals(LogFields.TIMESTAMP)) {
            String millis = timestamp(text, node.getBegin());
            return new QueryNode.Range(field, Optional.of(millis), Optional.of(millis), true, true);
        }
        return new QueryNode.Term(field, normaliseValue(field, text));
    }

    private static boolean containsUnescapedWildcard(CharSequence raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if ((c == '*' || c == '?') && !UnescapedCharSequence.wasEscaped(raw, i)) {
                return true;
            }
        }
        return false;
    }

    private QueryNode phrase(QuotedFieldQueryNode node, int slop) {
        String field = field(restore(node.getFieldAsString()), node.getBegin());
        String text = restore(node.getTextAsString());
        if (field.equals(LogFields.MESSAGE)) {
            return new QueryNode.Phrase(field, text, slop);
        }
        if (field.equals(LogFields.TIMESTAMP)) {
            String millis = timestamp(text, node.getBegin());
            return new QueryNode.Range(field, Optional.of(millis), Optional.of(millis), true, true);
        }
        // A quoted value of a keyword field is one exact value, spaces included.
        return new QueryNode.Term(field, normaliseValue(field, text));
    }

    /** The largest automaton, in estimated states, a regular expression may build. */
    static final long MAX_REGEXP_STATES = 10_000;

    private QueryNode regexp(RegexpQueryNode node) {
        String field = field(restore(node.getFieldAsString()), -1);
        String pattern = restore(node.getText().toString());
        if (pattern.length() > limits.maxPatternLength()) {
            throw new QueryLimitExceededException("A regular expression is longer than "
                    + limits.maxPatternLength() + " characters.");
        }
        if (field.equals(LogFields.TIMESTAMP)) {
            throw new InvalidQueryException("Regular expressions do not apply to the timestamp");
        }
        RegExp parsed;
        try {
            parsed = new RegExp(pattern);
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException("Invalid regular expression");
        }
        if (automatonSize(parsed) > MAX_REGEXP_STATES) {
            throw new QueryLimitExceededException("The regular expression repeats too much to run (nested or large "
                    + "{min,max} counts). Use smaller counts or fewer nested repeats.");
        }
        return new QueryNode.Regexp(field, pattern);
    }

    /**
     * About how many states the pattern's automaton has, counted on the parsed expression before anything is built:
     * a repeat multiplies its body by its count, so {@code .{0,500}{0,500}} counts 250,000. Building such an
     * automaton takes minutes of CPU before any time limit of the query applies. Saturates just above the limit.
     */
    static long automatonSize(RegExp r) {
        if (r == null) {
            return 0;
        }
        long body = automatonSize(r.exp1);
        long size = switch (r.kind) {
            case REGEXP_UNION, REGEXP_CONCATENATION -> body + automatonSize(r.exp2);
            case REGEXP_INTERSECTION -> body * Math.max(1, automatonSize(r.exp2));
            case REGEXP_OPTIONAL, REGEXP_REPEAT -> body + 1;
            case REGEXP_REPEAT_MIN -> body * (r.min + 1L);
            case REGEXP_REPEAT_MINMAX -> body * Math.max(1L, r.max);
            case REGEXP_STRING -> r.s == null ? 1 : r.s.length();
            default -> Math.max(1, body + automatonSize(r.exp2));
        };
        return Math.min(size, MAX_REGEXP_STATES + 1);
    }

    private QueryNode range(TermRangeQueryNode node) {
        FieldQueryNode lower = node.getLowerBound();
        FieldQueryNode upper = node.getUpperBound();
        String field = field(restore(node.getField().toString()), lower.getBegin());
        Optional<String> lo = bound(field, lower);
        Optional<String> hi = bound(field, upper);
        return new QueryNode.Range(field, lo, hi, node.isLowerInclusive(), node.isUpperInclusive());
    }

    private Optional<String> bound(String field, FieldQueryNode bound) {
        String text = restore(bound.getTextAsString());
        if (text.isEmpty() || text.equals("*")) {
            return Optional.empty();
        }
        if (field.equals(LogFields.TIMESTAMP)) {
            return Optional.of(timestamp(text, bound.getBegin()));
        }
        return Optional.of(normaliseValue(field, text));
    }

    private String timestamp(String text, int position) {
        return TimeExpressions.parse(text, clock)
                .map(instant -> Long.toString(instant.toEpochMilli()))
                .orElseThrow(() -> new InvalidQueryException(
                        "Not a time: use an ISO date or time in the years 0000 to 9999, epoch milliseconds or now-15m", Math.max(position, 0)));
    }

    /** @param position where the value starts, or -1 when unknown */
    private String field(String typed, int position) {
        Optional<String> canonical = LogFields.canonical(typed);
        int fieldStart = Math.max(position - typed.length() - 1, 0);
        if (canonical.isEmpty()) {
            throw position < 0 ? new InvalidQueryException("Not a field name")
                    : new InvalidQueryException("Not a field name", fieldStart);
        }
        String field = canonical.get();
        if (!limits.allows(field)) {
            String message = "The field " + field + " cannot be searched";
            throw position < 0 ? new InvalidQueryException(message) : new InvalidQueryException(message, fieldStart);
        }
        return field;
    }

    private static String normaliseValue(String field, String value) {
        return field.equals(LogFields.LEVEL) ? LogFields.normaliseLevel(value) : value;
    }
}
