package dev.periscope.logs.store.elasticsearch;

import dev.periscope.logs.query.QueryLimitExceededException;
import dev.periscope.logs.query.QueryNode;
import java.util.function.Predicate;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.CharacterRunAutomaton;
import org.apache.lucene.util.automaton.Operations;
import org.apache.lucene.util.automaton.RegExp;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;

/**
 * Whether a value matches a pattern as the cluster matches it on an exact-value field. The values listed for a
 * pattern include those of events matched by another value of the same field (a field with several values), which
 * the pattern must not run as.
 */
final class PatternMatch {

    /** As the cluster bounds the work of turning a pattern into an automaton. */
    private static final int DETERMINIZE_WORK = 10_000;

    private PatternMatch() {
    }

    static Predicate<String> of(QueryNode node) {
        return switch (node) {
            case QueryNode.Wildcard w -> automaton(WildcardQuery.toAutomaton(new Term(w.field(), w.pattern()),
                    DETERMINIZE_WORK));
            case QueryNode.Regexp r -> automaton(new RegExp(r.pattern()).toAutomaton());
            case QueryNode.Range r -> value -> r.lower().map(lo -> {
                int c = TieOrder.compareCodePoints(value, lo);
                return r.includeLower() ? c >= 0 : c > 0;
            }).orElse(true) && r.upper().map(hi -> {
                int c = TieOrder.compareCodePoints(value, hi);
                return r.includeUpper() ? c <= 0 : c < 0;
            }).orElse(true);
            default -> throw new IllegalArgumentException("not a pattern: " + node);
        };
    }

    /**
     * Whether a value matches a level pattern, which runs ignoring case. A level wildcard arrives upper-cased and
     * levels are named upper-case, so only a regular expression needs its own flag.
     */
    static Predicate<String> ignoringCase(QueryNode node) {
        return node instanceof QueryNode.Regexp r
                ? automaton(new RegExp(r.pattern(), RegExp.ALL, RegExp.ASCII_CASE_INSENSITIVE).toAutomaton())
                : of(node);
    }

    private static Predicate<String> automaton(Automaton automaton) {
        try {
            CharacterRunAutomaton run = new CharacterRunAutomaton(Operations.determinize(automaton, DETERMINIZE_WORK));
            return run::run;
        } catch (TooComplexToDeterminizeException e) {
            throw new QueryLimitExceededException("The pattern is too complex.");
        }
    }
}
