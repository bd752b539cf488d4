package dev.periscope.logs.store.elasticsearch;

import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import dev.periscope.logs.query.LogFields;
import dev.periscope.logs.query.QueryControl;
import dev.periscope.logs.query.QueryLimitExceededException;
import dev.periscope.logs.query.QueryNode;
import dev.periscope.logs.store.StoreQuery;
import dev.periscope.logs.store.TermScreen;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * What masking hides, found on the cluster before a query runs there. The embedded store walks its own terms for
 * this; a cluster expands patterns and ranges inside itself, so the values are first listed with a {@code terms}
 * aggregation (within the query's time range) and put to the screen here:
 * <ul>
 *   <li>A <b>pattern</b> (wildcard, regular expression, text range) on a structured field runs as the set of the
 *       values it matches, here, that the screen allows, as on the embedded store, so narrowing it cannot spell out a
 *       secret from counts. Patterns on the message (a text field, with no such listing) stay refused.</li>
 *   <li>A <b>numeric range</b> on a structured field leaves out the numbers in it the screen refuses (a card number,
 *       say), so halving it cannot find one. Only numbers of {@link #MIN_DIGITS} digits or more (by value) are
 *       listed: shorter ones (status codes, durations, counts) are what ranges are for, and no shipped rule hides a bare number that
 *       short.</li>
 * </ul>
 * More distinct values than {@link #MAX_VALUES}, or a shard that does not answer, refuse the query with a message
 * rather than running it unscreened. The values are listed within the clauses every hit must also meet that hold no
 * pattern of their own (the scope's service filter above all): a pattern is then refused for the values of the
 * services the user may read, not for those of every service, and the listing reads less.
 */
final class ClusterScreen {

    static final int MIN_DIGITS = 6;
    static final int MAX_VALUES = 10_000;
    /**
     * Numbers of {@link #MIN_DIGITS} digits or more are those of this size or more, either sign. Asked of the field's
     * number (its numeric sub-field, or the field where another tool mapped it as a number), this lists every
     * spelling the number was parsed from (spaces around, an exponent) and works whatever the field's mapping.
     */
    private static final double LONG_NUMBER = Math.pow(10, MIN_DIGITS - 1);

    /**
     * @param refusedNumbers per numeric range, the numbers in it to leave out
     * @param patterns per screened pattern, the values it runs as (always present for a screened pattern)
     */
    record Screened(Map<QueryNode.Range, List<String>> refusedNumbers, Map<QueryNode, Optional<List<String>>> patterns) {

        static final Screened NOTHING = new Screened(Map.of(), Map.of());
    }

    private final ElasticsearchConnection connection;
    private final ElasticsearchQueryBuilder queries;
    private final EsFields fields;
    private final String indexPattern;

    ClusterScreen(ElasticsearchConnection connection, ElasticsearchQueryBuilder queries, EsFields fields,
                  String indexPattern) {
        this.connection = connection;
        this.queries = queries;
        this.fields = fields;
        this.indexPattern = indexPattern;
    }

    Screened screen(StoreQuery query, long from, QueryControl control) {
        if (query.screen() == TermScreen.NONE) {
            return Screened.NOTHING;
        }
        List<QueryNode> nodes = new ArrayList<>();
        collect(query.filter(), nodes);
        if (nodes.isEmpty()) {
            return Screened.NOTHING;
        }
        Map<QueryNode.Range, List<String>> refusedNumbers = new LinkedHashMap<>();
        Map<QueryNode, Optional<List<String>>> patterns = new LinkedHashMap<>();
        for (QueryNode node : nodes) {
            List<QueryNode> alongside = new ArrayList<>();
            requiredAlongside(query.filter(), node, alongside);
            if (node instanceof QueryNode.Range range && LogFields.isNumericRange(range)) {
                List<String> hidden = values(range, alongside, from, query.toMillis(), true, control).stream()
                        .filter(v -> !query.screen().allows(range.field(), v)).toList();
                if (!hidden.isEmpty()) {
                    refusedNumbers.put(range, hidden);
                }
            } else {
                String field = field(node);
                Predicate<String> matches = PatternMatch.of(node);
                List<String> matching = values(node, alongside, from, query.toMillis(), false, control).stream()
                        .filter(matches).toList();
                // Always the values, never the pattern as written: the cluster's regular expressions are not the
                // portal's in every corner (Lucene 9 reads ~ as a complement, Lucene 10 as a character), and a
                // pattern it reads otherwise must not count values that were never put to the screen.
                patterns.put(node, Optional.of(matching.stream().filter(v -> query.screen().allows(field, v))
                        .toList()));
            }
        }
        return new Screened(refusedNumbers, patterns);
    }

    /** Numeric ranges and patterns on structured fields: what the cluster would expand out of sight. */
    private static void collect(QueryNode node, List<QueryNode> found) {
        switch (node) {
            case QueryNode.And and -> and.clauses().forEach(c -> collect(c, found));
            case QueryNode.Or or -> or.clauses().forEach(c -> collect(c, found));
            case QueryNode.Not not -> collect(not.clause(), found);
            case QueryNode.Range r when !LogFields.isCore(r.field()) -> add(r, found);
            case QueryNode.Wildcard w when !LogFields.isCore(w.field()) -> add(w, found);
            case QueryNode.Regexp r when !LogFields.isCore(r.field()) -> add(r, found);
            default -> { }
        }
    }

    /**
     * The clauses of the ANDs above {@code node} that every hit must meet besides it, as far as they hold no pattern
     * this screen lists (those would run unscreened in the listing). Below an OR or a NOT nothing more is required.
     *
     * @return whether {@code at} holds {@code node}
     */
    private static boolean requiredAlongside(QueryNode at, QueryNode node, List<QueryNode> required) {
        if (at.equals(node)) {
            return true;
        }
        return switch (at) {
            case QueryNode.And and -> {
                boolean holds = false;
                List<QueryNode> others = new ArrayList<>();
                for (QueryNode clause : and.clauses()) {
                    if (!holds && requiredAlongside(clause, node, required)) {
                        holds = true;
                    } else {
                        others.add(clause);
                    }
                }
                if (holds) {
                    others.stream().filter(ClusterScreen::patternFree).forEach(required::add);
                }
                yield holds;
            }
            case QueryNode.Or or -> or.clauses().stream().anyMatch(c -> holds(c, node));
            case QueryNode.Not not -> holds(not.clause(), node);
            default -> false;
        };
    }

    /**
     * Whether a clause expands nothing the cluster would read unscreened: it holds patterns on services, levels and
     * sources at most.
     */
    private static boolean patternFree(QueryNode at) {
        return switch (at) {
            case QueryNode.And and -> and.clauses().stream().allMatch(ClusterScreen::patternFree);
            case QueryNode.Or or -> or.clauses().stream().allMatch(ClusterScreen::patternFree);
            case QueryNode.Not not -> patternFree(not.clause());
            case QueryNode.Wildcard w -> listedCore(w.field());
            case QueryNode.Regexp r -> listedCore(r.field());
            case QueryNode.Range r -> r.field().equals(LogFields.TIMESTAMP) || listedCore(r.field());
            default -> true;
        };
    }

    private static boolean listedCore(String field) {
        return LogFields.isCore(field) && !field.equals(LogFields.MESSAGE);
    }

    private static boolean holds(QueryNode at, QueryNode node) {
        return at.equals(node) || switch (at) {
            case QueryNode.And and -> and.clauses().stream().anyMatch(c -> holds(c, node));
            case QueryNode.Or or -> or.clauses().stream().anyMatch(c -> holds(c, node));
            case QueryNode.Not not -> holds(not.clause(), node);
            default -> false;
        };
    }

    private static void add(QueryNode node, List<QueryNode> found) {
        if (!found.contains(node)) {
            found.add(node);
        }
    }

    private static String field(QueryNode node) {
        return switch (node) {
            case QueryNode.Range r -> r.field();
            case QueryNode.Wildcard w -> w.field();
            case QueryNode.Regexp r -> r.field();
            default -> throw new IllegalArgumentException("not a pattern: " + node);
        };
    }

    /** The distinct values of the node's field on the events it matches within the time range. */
    @SuppressWarnings("rawtypes")
    private List<String> values(QueryNode node, List<QueryNode> alongside, long from, long to, boolean longNumbersOnly,
                                QueryControl control) {
        String field = field(node);
        Query inNode = alongside.isEmpty() ? queries.build(node, from, to)
                : queries.build(new QueryNode.And(Stream.concat(Stream.of(node), alongside.stream())
                        .toList()), from, to);
        Query matching = !longNumbersOnly ? inNode : Query.of(q -> q.bool(b -> b.filter(inNode)
                .filter(f -> f.bool(n -> n.minimumShouldMatch("1")
                        .should(x -> x.range(r -> r.number(v -> v.field(fields.numeric(field)).gte(LONG_NUMBER))))
                        .should(x -> x.range(r -> r.number(v -> v.field(fields.numeric(field)).lte(-LONG_NUMBER))))))));
        SearchRequest request = SearchRequest.of(s -> s.index(indexPattern).ignoreUnavailable(true)
                .allowNoIndices(true).size(0).trackTotalHits(t -> t.enabled(false)).query(matching)
                .aggregations("v", a -> a.terms(t -> t.field(fields.exact(field)).size(MAX_VALUES))));
        SearchResponse<Map> response = connection.call(control, () -> connection.client().search(request, Map.class));
        control.check();
        if (response.shards() != null && response.shards().failed().intValue() > 0 || response.timedOut()) {
            throw new QueryLimitExceededException("The values " + field + " matches could not be checked against "
                    + "masking (part of the log store did not answer). Try again.");
        }
        Aggregate terms = response.aggregations().get("v");
        if (terms == null) {
            return List.of();
        }
        // Keyword fields answer with string terms; a field another tool mapped as a number, with long or double terms.
        long others;
        List<String> values = new ArrayList<>();
        if (terms.isLterms()) {
            others = Optional.ofNullable(terms.lterms().sumOtherDocCount()).orElse(0L);
            terms.lterms().buckets().array().forEach(b -> values.add(Long.toString(b.key())));
        } else if (terms.isDterms()) {
            // Plain digits, as the value was written: 4111111111111111, not 4.111111111111111E15, which no rule reads
            // as a card number.
            others = Optional.ofNullable(terms.dterms().sumOtherDocCount()).orElse(0L);
            terms.dterms().buckets().array().forEach(b -> values.add(
                    java.math.BigDecimal.valueOf(b.key()).stripTrailingZeros().toPlainString()));
        } else if (terms.isSterms()) {
            others = Optional.ofNullable(terms.sterms().sumOtherDocCount()).orElse(0L);
            for (StringTermsBucket bucket : terms.sterms().buckets().array()) {
                values.add(bucket.key().stringValue());
            }
        } else if (terms.isUmterms()) {
            others = 0; // a field no index maps: no values
        } else {
            // A kind of terms this portal does not read (unsigned longs, say): not judged, so not run.
            throw new QueryLimitExceededException("The values of " + field + " could not be checked against masking "
                    + "(the log store answered with " + terms._kind() + " terms).");
        }
        if (others > 0) {
            throw new QueryLimitExceededException("The " + (longNumbersOnly ? "range" : "pattern") + " on " + field
                    + " matches more than " + MAX_VALUES + " different " + (longNumbersOnly ? "long numbers" : "values")
                    + " in this time range, too many to check against masking. Make it more specific.");
        }
        return values;
    }
}
