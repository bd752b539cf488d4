package dev.periscope.logs.store.elasticsearch;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import dev.periscope.logs.query.InvalidQueryException;
import dev.periscope.logs.query.LogFields;
import dev.periscope.logs.query.QueryNode;
import dev.periscope.logs.store.LogEvent;
import dev.periscope.logs.store.StoreQuery;
import dev.periscope.logs.store.TermScreen;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;

/**
 * Builds an Elasticsearch query from Periscope's query tree, clause by clause, into the structured query DSL (bool,
 * term, match_phrase, range, wildcard, regexp, exists). There is deliberately no {@code query_string}: a string query
 * would be parsed again by the cluster, and a crafted value could then escape the scope the tree was rewritten to.
 *
 * <p>Every translation mirrors {@code LuceneQueryBuilder}, so that both stores answer alike (the contract suite
 * checks it): words on the message are analysed by the cluster with the field's analyzer, other fields match exact
 * values, numeric ranges on structured fields use the numeric sub-field.
 */
final class ElasticsearchQueryBuilder {

    /**
     * The operators of a regular expression as Lucene 10 reads them, in the embedded store and in the query parser's
     * checks. The cluster's default ("ALL", Lucene 9) also reads {@code ~} as a complement, so {@code /~(a)/} would
     * find every other value there and only a literal "~a" here. Named automata ({@code <name>}) are refused by both.
     */
    static final String REGEXP_FLAGS = "INTERSECTION|EMPTY|ANYSTRING|INTERVAL";

    private final EsFields fields;
    /** What masking hides among the values of the query's patterns and numeric ranges ({@link ClusterScreen}). */
    private final ClusterScreen.Screened screened;

    ElasticsearchQueryBuilder(EsFields fields) {
        this(fields, ClusterScreen.Screened.NOTHING);
    }

    private ElasticsearchQueryBuilder(EsFields fields, ClusterScreen.Screened screened) {
        this.fields = fields;
        this.screened = screened;
    }

    /** This builder, with patterns running as the values the screen allows and ranges leaving out those it refuses. */
    ElasticsearchQueryBuilder screened(ClusterScreen.Screened found) {
        return found == ClusterScreen.Screened.NOTHING ? this : new ElasticsearchQueryBuilder(fields, found);
    }

    /**
     * The query's tree, restricted to {@code [from, query.toMillis())}. The cluster expands wildcards, regular
     * expressions and text ranges itself, out of the portal's sight, so they cannot be kept from the words that
     * masking hides (see {@link TermScreen}) unless their values were screened first ({@link ClusterScreen}). When
     * the query comes with a screen, a pattern that was not is refused on the message and on structured fields,
     * which hold what masking hides; on the service, level and source patterns run.
     */
    Query build(StoreQuery query, long from) {
        if (query.screen() != TermScreen.NONE) {
            refuseUnscreenedPatterns(query.filter());
        }
        return build(query.filter(), from, query.toMillis());
    }

    private void refuseUnscreenedPatterns(QueryNode node) {
        if (screened.patterns().containsKey(node)) {
            return;
        }
        switch (node) {
            case QueryNode.And and -> and.clauses().forEach(this::refuseUnscreenedPatterns);
            case QueryNode.Or or -> or.clauses().forEach(this::refuseUnscreenedPatterns);
            case QueryNode.Not not -> refuseUnscreenedPatterns(not.clause());
            case QueryNode.Wildcard w -> refuseOn(w.field());
            case QueryNode.Regexp r -> refuseOn(r.field());
            case QueryNode.Range r -> {
                if (!r.field().equals(LogFields.TIMESTAMP) && !LogFields.isNumericRange(r)) {
                    refuseOn(r.field());
                }
            }
            case QueryNode.MatchAll a -> { }
            case QueryNode.MatchNone n -> { }
            case QueryNode.Term t -> { }
            case QueryNode.Phrase p -> { }
            case QueryNode.Exists e -> { }
        }
    }

    private static void refuseOn(String field) {
        if (field.equals(LogFields.SERVICE) || field.equals(LogFields.LEVEL) || field.equals(LogFields.SOURCE)) {
            return;
        }
        throw new InvalidQueryException("Wildcards, regular expressions and text ranges on " + field + " are not "
                + "available on this Elasticsearch store: the cluster would expand them over words that masking "
                + "hides, and counts could then spell those out. Search whole words or values instead.");
    }

    /** The tree, restricted to {@code [from, to)}. */
    Query build(QueryNode filter, long from, long to) {
        Query range = timeRange(Optional.of(from), Optional.of(to), true, false);
        if (filter instanceof QueryNode.MatchAll) {
            return range;
        }
        return Query.of(q -> q.bool(b -> b.filter(range).filter(build(filter))));
    }

    Query build(QueryNode node) {
        LogFields.refusePatternOnId(node);
        Optional<List<String>> runsAs = screened.patterns().getOrDefault(node, Optional.empty());
        if (runsAs.isPresent()) {
            String field = fields.exact(fieldOf(node));
            List<FieldValue> values = runsAs.get().stream().map(FieldValue::of).toList();
            return values.isEmpty() ? Query.of(q -> q.matchNone(m -> m))
                    : Query.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(values))));
        }
        return switch (node) {
            case QueryNode.MatchAll all -> Query.of(q -> q.matchAll(m -> m));
            case QueryNode.MatchNone none -> Query.of(q -> q.matchNone(m -> m));
            case QueryNode.And and -> and(and.clauses());
            case QueryNode.Or or -> or(or.clauses());
            case QueryNode.Not not -> Query.of(q -> q.bool(b -> b.mustNot(build(not.clause()))));
            case QueryNode.Term term -> term(term.field(), term.value());
            case QueryNode.Phrase phrase -> phrase.field().equals(LogFields.MESSAGE)
                    ? matchPhrase(phrase.text(), phrase.slop()) : term(phrase.field(), phrase.text());
            case QueryNode.Wildcard wildcard when wildcard.field().equals(LogFields.LEVEL) -> levelPattern(wildcard,
                    Query.of(q -> q.wildcard(w -> w.field(fields.exact(LogFields.LEVEL)).value(wildcard.pattern())
                            .caseInsensitive(true))));
            case QueryNode.Wildcard wildcard -> Query.of(q -> q.wildcard(w -> w.field(fields.exact(wildcard.field()))
                    // The message is indexed lower-cased; patterns on it are matched against its words.
                    .value(wildcard.field().equals(LogFields.MESSAGE)
                            ? wildcard.pattern().toLowerCase(Locale.ROOT) : wildcard.pattern())));
            case QueryNode.Regexp regexp when regexp.field().equals(LogFields.LEVEL) -> levelPattern(regexp,
                    Query.of(q -> q.regexp(r -> r.field(fields.exact(LogFields.LEVEL)).value(regexp.pattern())
                            .flags(REGEXP_FLAGS).caseInsensitive(true))));
            case QueryNode.Regexp regexp -> Query.of(q -> q.regexp(r -> r.field(fields.exact(regexp.field()))
                    .value(regexp.pattern()).flags(REGEXP_FLAGS)));
            case QueryNode.Range range -> range(range);
            case QueryNode.Exists exists -> exists(exists.field());
        };
    }

    private Query and(List<QueryNode> clauses) {
        BoolQuery.Builder bool = new BoolQuery.Builder();
        for (QueryNode clause : clauses) {
            if (clause instanceof QueryNode.Not not) {
                bool.mustNot(build(not.clause()));
            } else {
                bool.filter(build(clause));
            }
        }
        // A bool query with only must_not clauses matches everything else, as "NOT x" means.
        return Query.of(q -> q.bool(bool.build()));
    }

    private Query or(List<QueryNode> clauses) {
        if (clauses.isEmpty()) {
            return Query.of(q -> q.matchNone(m -> m));
        }
        BoolQuery.Builder bool = new BoolQuery.Builder().minimumShouldMatch("1");
        clauses.forEach(c -> bool.should(build(c)));
        return Query.of(q -> q.bool(bool.build()));
    }

    private Query term(String field, String value) {
        if (field.equals(LogFields.ID)) {
            return LogEvent.isId(value) ? exactTerm(fields.id(), value) : Query.of(q -> q.matchNone(m -> m));
        }
        if (field.equals(LogFields.MESSAGE)) {
            return matchPhrase(value, 0);
        }
        if (field.equals(LogFields.UNPARSED)) {
            Query unparsed = Query.of(q -> q.term(t -> t.field(EsFields.UNPARSED).value(true)));
            return Boolean.parseBoolean(value) ? unparsed : Query.of(q -> q.bool(b -> b.mustNot(unparsed)));
        }
        if (field.equals(LogFields.LEVEL)) {
            // Other shippers keep the level as the logger wrote it ("error", "warning"); the embedded store and the
            // rows shown read it normalised, so level:ERROR must find every spelling of it.
            String target = fields.exact(field);
            List<Query> spellings = LogFields.levelSpellings(value).stream()
                    .map(v -> Query.of(q -> q.term(t -> t.field(target).value(FieldValue.of(v)).caseInsensitive(true))))
                    .toList();
            return Query.of(q -> q.bool(b -> b.should(spellings).minimumShouldMatch("1")));
        }
        return exactTerm(fields.exact(field), value);
    }

    /**
     * A level pattern as the embedded store runs it on levels stored normalised ({@code level:err*} arrives as
     * {@code ERR*}): other shippers keep the level as the logger wrote it, so the pattern runs ignoring case, a level
     * it matches counts in every spelling ({@code SEVERE} for {@code ERR*}), and a spelling it matches of a level it
     * does not ({@code warning} for {@code WARNING*}, read as WARN) is left out. A regular expression on the level
     * ({@code /err.*}{@code /}) runs the same way.
     *
     * @param anyCase the pattern as a query that ignores case
     */
    private Query levelPattern(QueryNode pattern, Query anyCase) {
        String target = fields.exact(LogFields.LEVEL);
        java.util.function.Predicate<String> matches = PatternMatch.ignoringCase(pattern);
        BoolQuery.Builder bool = new BoolQuery.Builder().minimumShouldMatch("1");
        bool.should(anyCase);
        LogFields.levelSynonyms().forEach((level, spellings) -> {
            for (String spelling : spellings) {
                Query term = Query.of(q -> q.term(t -> t.field(target).value(FieldValue.of(spelling))
                        .caseInsensitive(true)));
                if (matches.test(level)) {
                    bool.should(term);
                } else if (matches.test(spelling)) {
                    bool.mustNot(term);
                }
            }
        });
        return Query.of(q -> q.bool(bool.build()));
    }

    private static Query exactTerm(String field, String value) {
        return Query.of(q -> q.term(t -> t.field(field).value(FieldValue.of(value))));
    }

    private Query matchPhrase(String text, int slop) {
        // No words (only punctuation) matches nothing, as in the embedded store.
        return Query.of(q -> q.matchPhrase(m -> m.field(fields.message()).query(text).slop(slop)
                .zeroTermsQuery(co.elastic.clients.elasticsearch._types.query_dsl.ZeroTermsQuery.None)));
    }

    private static String fieldOf(QueryNode node) {
        return switch (node) {
            case QueryNode.Wildcard w -> w.field();
            case QueryNode.Regexp r -> r.field();
            case QueryNode.Range r -> r.field();
            default -> throw new IllegalArgumentException("not a pattern: " + node);
        };
    }

    private Query range(QueryNode.Range range) {
        String field = range.field();
        if (field.equals(LogFields.TIMESTAMP)) {
            return timeRange(range.lower().map(Long::parseLong), range.upper().map(Long::parseLong),
                    range.includeLower(), range.includeUpper());
        }
        Optional<Double> lo = range.lower().flatMap(LogFields::number);
        Optional<Double> hi = range.upper().flatMap(LogFields::number);
        boolean numeric = LogFields.isNumericRange(range);
        if (numeric) {
            String target = fields.numeric(field);
            Query numbers = Query.of(q -> q.range(r -> r.number(n -> {
                n.field(target);
                lo.ifPresent(v -> { if (range.includeLower()) n.gte(v); else n.gt(v); });
                hi.ifPresent(v -> { if (range.includeUpper()) n.lte(v); else n.lt(v); });
                return n;
            })));
            List<String> refused = screened.refusedNumbers().getOrDefault(range, List.of());
            if (refused.isEmpty()) {
                return numbers;
            }
            List<FieldValue> values = refused.stream().map(FieldValue::of).toList();
            return Query.of(q -> q.bool(b -> b.filter(numbers)
                    .mustNot(m -> m.terms(t -> t.field(fields.exact(field)).terms(v -> v.value(values))))));
        }
        String target = fields.exact(field);
        return Query.of(q -> q.range(r -> r.term(t -> {
            t.field(target);
            range.lower().ifPresent(v -> { if (range.includeLower()) t.gte(v); else t.gt(v); });
            range.upper().ifPresent(v -> { if (range.includeUpper()) t.lte(v); else t.lt(v); });
            return t;
        })));
    }

    private Query timeRange(Optional<Long> lower, Optional<Long> upper, boolean includeLower, boolean includeUpper) {
        return Query.of(q -> q.range(r -> r.date(d -> {
            d.field(fields.timestamp()).format("epoch_millis");
            lower.ifPresent(v -> { if (includeLower) d.gte(Long.toString(v)); else d.gt(Long.toString(v)); });
            upper.ifPresent(v -> { if (includeUpper) d.lte(Long.toString(v)); else d.lt(Long.toString(v)); });
            return d;
        })));
    }

    private Query exists(String field) {
        return switch (field) {
            case LogFields.ID, LogFields.TIMESTAMP, LogFields.SERVICE, LogFields.MESSAGE, LogFields.SOURCE ->
                    Query.of(q -> q.matchAll(m -> m));
            case LogFields.UNPARSED -> term(LogFields.UNPARSED, "true");
            case LogFields.LEVEL -> Query.of(q -> q.exists(e -> e.field(fields.level())));
            default -> {
                String target = fields.exact(field);
                // A value longer than the keyword limit is not indexed, but the field is named in _ignored.
                yield Query.of(q -> q.bool(b -> b.minimumShouldMatch("1")
                        .should(s -> s.exists(e -> e.field(target)))
                        .should(s -> s.term(t -> t.field("_ignored").value(target)))));
            }
        };
    }
}
