package dev.periscope.logs;

import dev.periscope.logs.query.Globs;
import dev.periscope.logs.query.LogFields;
import dev.periscope.logs.query.QueryNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites a validated query for one user: resolves searched values (token substitution), then puts the whole tree
 * under an AND with the scope's service filter. Because the user's tree is one clause of that AND, no OR, NOT or
 * wildcard inside it can reach a service outside the scope.
 */
final class LogQueryRewriter {

    private final LogQueryValueResolver resolver;

    LogQueryRewriter(LogQueryValueResolver resolver) {
        this.resolver = resolver;
    }

    QueryNode rewrite(QueryNode user, LogScope scope) {
        QueryNode scopeFilter = scopeFilter(scope);
        if (scopeFilter instanceof QueryNode.MatchNone) {
            return scopeFilter;
        }
        QueryNode resolved = resolve(user);
        if (scopeFilter instanceof QueryNode.MatchAll) {
            return resolved;
        }
        return new QueryNode.And(List.of(scopeFilter, resolved));
    }

    /** The scope alone, for context lookups. */
    static QueryNode scopeFilter(LogScope scope) {
        if (scope.includeServices().isEmpty()) {
            return new QueryNode.MatchNone();
        }
        QueryNode include = scope.includeServices().contains("*")
                ? new QueryNode.MatchAll()
                : anyOf(scope.includeServices());
        if (scope.excludeServices().isEmpty()) {
            return include;
        }
        QueryNode exclude = new QueryNode.Not(anyOf(scope.excludeServices()));
        return include instanceof QueryNode.MatchAll ? new QueryNode.And(List.of(exclude))
                : new QueryNode.And(List.of(include, exclude));
    }

    private static QueryNode anyOf(List<String> patterns) {
        List<QueryNode> clauses = new ArrayList<>();
        for (String pattern : patterns) {
            clauses.add(Globs.hasWildcard(pattern)
                    ? new QueryNode.Wildcard(LogFields.SERVICE, pattern)
                    : new QueryNode.Term(LogFields.SERVICE, pattern));
        }
        return clauses.size() == 1 ? clauses.getFirst() : new QueryNode.Or(clauses);
    }

    private static QueryNode eitherOf(List<QueryNode> clauses) {
        return clauses.size() == 1 ? clauses.getFirst() : new QueryNode.Or(clauses);
    }

    /**
     * Every leaf that carries a value goes through the resolver, so none can confirm a masked value; the switch has
     * no default, so a new kind of leaf must say how it is checked.
     */
    private QueryNode resolve(QueryNode node) {
        return switch (node) {
            case QueryNode.And and -> new QueryNode.And(and.clauses().stream().map(this::resolve).toList());
            case QueryNode.Or or -> new QueryNode.Or(or.clauses().stream().map(this::resolve).toList());
            case QueryNode.Not not -> new QueryNode.Not(resolve(not.clause()));
            case QueryNode.Term term -> eitherOf(resolver.resolveAll(term.field(), term.value()).stream()
                    .map(v -> (QueryNode) new QueryNode.Term(term.field(), v)).toList());
            case QueryNode.Phrase phrase -> eitherOf(resolver.resolveAll(phrase.field(), phrase.text()).stream()
                    .map(v -> (QueryNode) new QueryNode.Phrase(phrase.field(), v, phrase.slop())).toList());
            case QueryNode.Wildcard wildcard -> {
                resolver.checkPattern(wildcard.field(), wildcard.pattern());
                yield wildcard;
            }
            case QueryNode.Regexp regexp -> {
                resolver.checkPattern(regexp.field(), regexp.pattern());
                yield regexp;
            }
            case QueryNode.Range range -> {
                checkBounds(range);
                yield range;
            }
            // Whether a field is there says nothing about its value.
            case QueryNode.Exists exists -> exists;
            case QueryNode.MatchAll all -> all;
            case QueryNode.MatchNone none -> none;
        };
    }

    private void checkBounds(QueryNode.Range range) {
        // Time bounds are epoch milliseconds the parser computed from a date, not text the user typed.
        if (range.field().equals(LogFields.TIMESTAMP)) {
            return;
        }
        if (range.lower().isEmpty() && range.upper().isEmpty()) {
            resolver.checkPattern(range.field(), "");
        }
        range.lower().ifPresent(bound -> resolver.checkPattern(range.field(), bound));
        range.upper().ifPresent(bound -> resolver.checkPattern(range.field(), bound));
    }
}
