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

/**
 * The numbers a numeric range must leave out on the cluster: those in the range that masking hides (a card or account
 * number), so that halving a range cannot find one by its count.
 *
 * <p>The embedded store screens every number of a segment once; a cluster cannot be walked that way. Here each
 * numeric range on a structured field first asks the cluster for the distinct long numbers it holds within the
 * query's time range (a {@code terms} aggregation on the exact value), and the masking screen judges each. Only
 * numbers of {@link #MIN_DIGITS} digits or more are asked for: shorter ones (status codes, durations, counts) are
 * what ranges are for, and no shipped rule hides a bare number that short. More distinct long numbers than
 * {@link #MAX_VALUES} in range cannot all be judged, so the range is refused, not run unscreened.
 */
final class NumberScreen {

    static final int MIN_DIGITS = 6;
    static final int MAX_VALUES = 10_000;
    /** Lucene regular expression syntax, as {@code include} takes it: a sign, six digits or more, a fraction. */
    private static final String LONG_NUMBER = "[-+]?[0-9]{" + MIN_DIGITS + ",}([.][0-9]*)?";

    private final ElasticsearchConnection connection;
    private final ElasticsearchQueryBuilder queries;
    private final EsFields fields;
    private final String indexPattern;

    NumberScreen(ElasticsearchConnection connection, ElasticsearchQueryBuilder queries, EsFields fields,
                 String indexPattern) {
        this.connection = connection;
        this.queries = queries;
        this.fields = fields;
        this.indexPattern = indexPattern;
    }

    /** For each numeric range of the query on a structured field, the values in it that the screen refuses. */
    Map<QueryNode.Range, List<String>> refused(StoreQuery query, long from, QueryControl control) {
        if (query.screen() == TermScreen.NONE) {
            return Map.of();
        }
        List<QueryNode.Range> ranges = new ArrayList<>();
        collect(query.filter(), ranges);
        Map<QueryNode.Range, List<String>> refused = new LinkedHashMap<>();
        for (QueryNode.Range range : ranges) {
            List<String> hidden = new ArrayList<>();
            for (String value : longNumbersIn(range, from, query.toMillis(), control)) {
                if (!query.screen().allows(range.field(), value)) {
                    hidden.add(value);
                }
            }
            if (!hidden.isEmpty()) {
                refused.put(range, hidden);
            }
        }
        return refused;
    }

    private static void collect(QueryNode node, List<QueryNode.Range> ranges) {
        switch (node) {
            case QueryNode.And and -> and.clauses().forEach(c -> collect(c, ranges));
            case QueryNode.Or or -> or.clauses().forEach(c -> collect(c, ranges));
            case QueryNode.Not not -> collect(not.clause(), ranges);
            case QueryNode.Range r -> {
                if (!LogFields.isCore(r.field()) && LogFields.isNumericRange(r) && !ranges.contains(r)) {
                    ranges.add(r);
                }
            }
            default -> { }
        }
    }

    @SuppressWarnings("rawtypes")
    private List<String> longNumbersIn(QueryNode.Range range, long from, long to, QueryControl control) {
        Query inRange = queries.build(range, from, to);
        SearchRequest request = SearchRequest.of(s -> s.index(indexPattern).ignoreUnavailable(true)
                .allowNoIndices(true).size(0).trackTotalHits(t -> t.enabled(false)).query(inRange)
                .aggregations("n", a -> a.terms(t -> t.field(fields.exact(range.field())).size(MAX_VALUES)
                        .include(i -> i.regexp(LONG_NUMBER)))));
        SearchResponse<Map> response = connection.call(control, () -> connection.client().search(request, Map.class));
        control.check();
        if (response.shards() != null && response.shards().failed().intValue() > 0 || response.timedOut()) {
            // Values on a shard that did not answer cannot be judged: the range does not run half screened.
            throw new QueryLimitExceededException("The range on " + range.field() + " could not be checked against "
                    + "masking (part of the log store did not answer). Try again.");
        }
        Aggregate terms = response.aggregations().get("n");
        if (terms == null) {
            return List.of();
        }
        var buckets = terms.sterms();
        if (Optional.ofNullable(buckets.sumOtherDocCount()).orElse(0L) > 0) {
            throw new QueryLimitExceededException("The range on " + range.field() + " holds more than "
                    + MAX_VALUES + " different long numbers in this time range, too many to check against masking. "
                    + "Narrow the range or the time.");
        }
        List<String> values = new ArrayList<>();
        for (StringTermsBucket bucket : buckets.buckets().array()) {
            values.add(bucket.key().stringValue());
        }
        return values;
    }
}
