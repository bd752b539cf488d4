package dev.periscope.logs.query;

import java.util.List;
import java.util.Optional;

/**
 * Periscope's own query tree: what every store adapter translates, and the only form in which a query reaches a
 * backend. Field names are canonical ({@link LogFields}); values are as the user typed them, unescaped.
 *
 * <p>The tree carries no Lucene or Elasticsearch type, so the Lucene and Elasticsearch adapters build their queries
 * from the same validated, scoped tree.
 */
public sealed interface QueryNode {

    /** Every event. */
    record MatchAll() implements QueryNode {
    }

    /** No event (for example a scope that allows no service). */
    record MatchNone() implements QueryNode {
    }

    /** All clauses match. */
    record And(List<QueryNode> clauses) implements QueryNode {
        public And {
            clauses = List.copyOf(clauses);
        }
    }

    /** At least one clause matches. */
    record Or(List<QueryNode> clauses) implements QueryNode {
        public Or {
            clauses = List.copyOf(clauses);
        }
    }

    /** The clause does not match. */
    record Not(QueryNode clause) implements QueryNode {
    }

    /**
     * A value of a field. On {@link LogFields#MESSAGE} it is analysed like the message (a word, or several words in
     * order); on every other field it is an exact value.
     */
    record Term(String field, String value) implements QueryNode {
    }

    /** Words in order, with at most {@code slop} positions between them. */
    record Phrase(String field, String text, int slop) implements QueryNode {
    }

    /** A pattern with {@code *} (any characters) and {@code ?} (one character); no other character is special. */
    record Wildcard(String field, String pattern) implements QueryNode {
    }

    /** A regular expression in Lucene's regular expression syntax, matched against whole terms. */
    record Regexp(String field, String pattern) implements QueryNode {
    }

    /**
     * A range; an absent bound is open. Bounds of {@link LogFields#TIMESTAMP} are epoch milliseconds (the parser
     * normalises dates); bounds of other fields are compared as numbers when both parse as numbers, else as text.
     */
    record Range(String field, Optional<String> lower, Optional<String> upper, boolean includeLower,
                 boolean includeUpper) implements QueryNode {
    }

    /** The event has the field. */
    record Exists(String field) implements QueryNode {
    }

    /** Number of leaf clauses, for the clause limit. */
    static int leafCount(QueryNode node) {
        return switch (node) {
            case And and -> and.clauses().stream().mapToInt(QueryNode::leafCount).sum();
            case Or or -> or.clauses().stream().mapToInt(QueryNode::leafCount).sum();
            case Not not -> leafCount(not.clause());
            default -> 1;
        };
    }
}
