package dev.periscope.logs.store.lucene;

import dev.periscope.logs.query.LogFields;
import dev.periscope.logs.query.QueryLimitExceededException;
import dev.periscope.logs.query.QueryNode;
import dev.periscope.logs.store.TermScreen;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RegexpQuery;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.Operations;
import org.apache.lucene.util.automaton.RegExp;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;

/**
 * Builds a Lucene query from Periscope's query tree. The tree is the only input: there is no code path from user text
 * to a Lucene query parser.
 *
 * <p>Multi-term queries (wildcards, regular expressions, text ranges) are expanded against the current reader here,
 * before the search, so that a pattern matching too many terms is refused with a message instead of running long.
 * The same expansion puts every matching word before the {@link TermScreen}: a pattern that matches a word the
 * screen refuses (a secret, say) runs as the set of the words it may find, so it finds no event by that word.
 */
final class LuceneQueryBuilder {

    private final Analyzer analyzer;
    private final IndexReader reader;
    private final int maxExpansions;
    private final TermScreen screen;
    private final ScreenedNumbers screenedNumbers;

    LuceneQueryBuilder(Analyzer analyzer, IndexReader reader, int maxExpansions, TermScreen screen,
                       ScreenedNumbers screenedNumbers) {
        this.analyzer = analyzer;
        this.reader = reader;
        this.maxExpansions = maxExpansions;
        this.screen = screen;
        this.screenedNumbers = screenedNumbers;
    }

    Query build(QueryNode node) {
        LogFields.refusePatternOnId(node);
        return switch (node) {
            case QueryNode.MatchAll all -> new MatchAllDocsQuery();
            case QueryNode.MatchNone none -> new MatchNoDocsQuery();
            case QueryNode.And and -> and(and.clauses());
            case QueryNode.Or or -> or(or.clauses());
            case QueryNode.Not not -> new BooleanQuery.Builder()
                    .add(new MatchAllDocsQuery(), Occur.FILTER)
                    .add(build(not.clause()), Occur.MUST_NOT)
                    .build();
            case QueryNode.Term term -> term(term.field(), term.value());
            case QueryNode.Phrase phrase -> phrase(phrase);
            case QueryNode.Wildcard wildcard -> wildcard(wildcard);
            case QueryNode.Regexp regexp -> regexp(regexp);
            case QueryNode.Range range -> range(range);
            case QueryNode.Exists exists -> exists(exists.field());
        };
    }

    private Query and(List<QueryNode> clauses) {
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        boolean positive = false;
        for (QueryNode clause : clauses) {
            if (clause instanceof QueryNode.Not not) {
                builder.add(build(not.clause()), Occur.MUST_NOT);
            } else {
                builder.add(build(clause), Occur.FILTER);
                positive = true;
            }
        }
        if (!positive) {
            // A Lucene boolean query with only negative clauses matches nothing; "NOT x" means "everything but x".
            builder.add(new MatchAllDocsQuery(), Occur.FILTER);
        }
        return builder.build();
    }

    private Query or(List<QueryNode> clauses) {
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        for (QueryNode clause : clauses) {
            builder.add(build(clause), Occur.SHOULD);
        }
        return builder.setMinimumNumberShouldMatch(1).build();
    }

    private Query term(String field, String value) {
        if (field.equals(LogFields.ID)) {
            return LuceneFields.idQuery(value);
        }
        if (field.equals(LogFields.MESSAGE)) {
            List<String> tokens = analyze(value);
            if (tokens.isEmpty()) {
                return new MatchNoDocsQuery();
            }
            if (tokens.size() == 1) {
                return new TermQuery(new Term(LuceneFields.MESSAGE, tokens.getFirst()));
            }
            PhraseQuery.Builder phrase = new PhraseQuery.Builder();
            tokens.forEach(t -> phrase.add(new Term(LuceneFields.MESSAGE, t)));
            return phrase.build();
        }
        if (field.equals(LogFields.UNPARSED)) {
            return Boolean.parseBoolean(value) ? new TermQuery(new Term(LuceneFields.UNPARSED, "true"))
                    : build(new QueryNode.Not(new QueryNode.Term(LogFields.UNPARSED, "true")));
        }
        return new TermQuery(new Term(LuceneFields.keywordField(field), value));
    }

    private Query phrase(QueryNode.Phrase phrase) {
        if (!phrase.field().equals(LogFields.MESSAGE)) {
            return term(phrase.field(), phrase.text());
        }
        List<String> tokens = analyze(phrase.text());
        if (tokens.isEmpty()) {
            return new MatchNoDocsQuery();
        }
        if (tokens.size() == 1) {
            return new TermQuery(new Term(LuceneFields.MESSAGE, tokens.getFirst()));
        }
        PhraseQuery.Builder builder = new PhraseQuery.Builder().setSlop(phrase.slop());
        tokens.forEach(t -> builder.add(new Term(LuceneFields.MESSAGE, t)));
        return builder.build();
    }

    private Query wildcard(QueryNode.Wildcard wildcard) {
        String pattern = wildcard.field().equals(LogFields.MESSAGE)
                ? wildcard.pattern().toLowerCase(Locale.ROOT) : wildcard.pattern();
        try {
            return checked(new WildcardQuery(new Term(LuceneFields.keywordField(wildcard.field()), pattern)),
                    wildcard.field());
        } catch (TooComplexToDeterminizeException e) {
            // Many ? after a * make an automaton too large to build: refuse it as the regular expressions are.
            throw new QueryLimitExceededException("The wildcard pattern is too complex. Use fewer ? after a *.");
        }
    }

    private Query regexp(QueryNode.Regexp regexp) {
        try {
            // Levels are stored normalised (ERROR) and typed as the user likes (/err.*/): as level:err* does, a level
            // pattern ignores case.
            int matchFlags = regexp.field().equals(LogFields.LEVEL) ? RegExp.ASCII_CASE_INSENSITIVE : 0;
            return checked(new RegexpQuery(new Term(LuceneFields.keywordField(regexp.field()), regexp.pattern()),
                    RegExp.ALL, matchFlags, Operations.DEFAULT_DETERMINIZE_WORK_LIMIT), regexp.field());
        } catch (TooComplexToDeterminizeException | IllegalArgumentException e) {
            throw new QueryLimitExceededException("The regular expression is too complex.");
        }
    }

    private Query range(QueryNode.Range range) {
        String field = range.field();
        if (field.equals(LogFields.TIMESTAMP)) {
            long lo = range.lower().map(Long::parseLong).orElse(Long.MIN_VALUE);
            long hi = range.upper().map(Long::parseLong).orElse(Long.MAX_VALUE);
            if (!range.includeLower() && lo != Long.MIN_VALUE) {
                lo = Math.addExact(lo, 1);
            }
            if (!range.includeUpper() && hi != Long.MAX_VALUE) {
                hi = Math.subtractExact(hi, 1);
            }
            return LongPoint.newRangeQuery(LuceneFields.TIMESTAMP, lo, hi);
        }
        Optional<Double> lo = range.lower().flatMap(LogFields::number);
        Optional<Double> hi = range.upper().flatMap(LogFields::number);
        boolean numeric = LogFields.isNumericRange(range);
        if (numeric) {
            double low = lo.orElse(Double.NEGATIVE_INFINITY);
            double high = hi.orElse(Double.POSITIVE_INFINITY);
            if (!range.includeLower() && lo.isPresent()) {
                low = Math.nextUp(low);
            }
            if (!range.includeUpper() && hi.isPresent()) {
                high = Math.nextDown(high);
            }
            Query numbers = DoublePoint.newRangeQuery(LuceneFields.numericField(field), low, high);
            if (screen == TermScreen.NONE) {
                return numbers;
            }
            List<BytesRef> refused = screenedNumbers.within(reader, field, LuceneFields.keywordField(field), screen,
                    low, high);
            return refused.isEmpty() ? numbers : new BooleanQuery.Builder()
                    .add(numbers, Occur.FILTER)
                    .add(new TermInSetQuery(LuceneFields.keywordField(field), refused), Occur.MUST_NOT)
                    .build();
        }
        return checked(TermRangeQuery.newStringRange(LuceneFields.keywordField(field),
                range.lower().orElse(null), range.upper().orElse(null),
                range.includeLower(), range.includeUpper()), field);
    }

    private Query exists(String field) {
        return switch (field) {
            case LogFields.ID, LogFields.TIMESTAMP, LogFields.SERVICE, LogFields.MESSAGE, LogFields.SOURCE ->
                    new MatchAllDocsQuery();
            case LogFields.UNPARSED -> new TermQuery(new Term(LuceneFields.UNPARSED, "true"));
            case LogFields.LEVEL -> new org.apache.lucene.search.FieldExistsQuery(LuceneFields.LEVEL);
            default -> new BooleanQuery.Builder()
                    .add(new org.apache.lucene.search.FieldExistsQuery(LuceneFields.keywordField(field)), Occur.SHOULD)
                    .add(new TermQuery(new Term(LuceneFields.FIELD_NAMES, field)), Occur.SHOULD)
                    .setMinimumNumberShouldMatch(1)
                    .build();
        };
    }

    /**
     * Refuses a multi-term query that expands to more terms than allowed in any one segment, and narrows it to the
     * terms the screen allows when it would find any other.
     */
    private Query checked(MultiTermQuery query, String field) {
        boolean screened = screen != TermScreen.NONE;
        // Each distinct term is put to the screen once, though most occur in many segments.
        Map<BytesRef, Boolean> allowed = screened ? new HashMap<>() : Map.of();
        try {
            for (LeafReaderContext leaf : reader.leaves()) {
                Terms terms = leaf.reader().terms(query.getField());
                if (terms == null) {
                    continue;
                }
                TermsEnum expanded = query.getTermsEnum(terms);
                int count = 0;
                for (BytesRef term = expanded.next(); term != null; term = expanded.next()) {
                    if (++count > maxExpansions) {
                        throw new QueryLimitExceededException("A wildcard, regular expression or range matches more "
                                + "than " + maxExpansions + " different values. Make the pattern more specific.");
                    }
                    if (screened && !allowed.containsKey(term)) {
                        allowed.put(BytesRef.deepCopyOf(term), screen.allows(field, term.utf8ToString()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!allowed.containsValue(false)) {
            return query;
        }
        List<BytesRef> kept = allowed.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
        return kept.isEmpty() ? new MatchNoDocsQuery() : new TermInSetQuery(query.getField(), kept);
    }

    private List<String> analyze(String text) {
        List<String> tokens = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(LuceneFields.MESSAGE, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tokens;
    }
}
