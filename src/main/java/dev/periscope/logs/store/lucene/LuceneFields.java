package dev.periscope.logs.store.lucene;

import dev.periscope.logs.query.LogFields;

/**
 * How events map to Lucene fields. Structured fields live under prefixes so that no user field can collide with an
 * internal one: {@code f.<name>} holds the exact value (terms and doc values), {@code n.<name>} the value as a number
 * when it is one (points, for numeric ranges).
 */
final class LuceneFields {

    static final String TIMESTAMP = "timestamp";
    /** The id as a signed long whose order equals the hex id's text order; the tie-breaker of every sort. */
    static final String TIEBREAK = "_tb";
    static final String SERVICE = "service";
    static final String LEVEL = "level";
    static final String MESSAGE = "message";
    static final String SOURCE = "source";
    static final String UNPARSED = "unparsed";
    /** Names of structured fields whose value is too long for the keyword field, for {@code _exists_}. */
    static final String FIELD_NAMES = "_fields";
    /** The whole event, encoded by {@link EventCodec}. */
    static final String STORED = "_src";

    /**
     * Longer values are stored but not indexed for exact match or top values, as Elasticsearch's dynamic keyword
     * mapping does ({@code ignore_above: 256}), so both stores answer alike.
     */
    static final int MAX_KEYWORD_LENGTH = 256;
    /** Before a structured field's name, in the name of the field that holds its exact values. */
    static final String KEYWORD_PREFIX = "f.";

    private LuceneFields() {
    }

    static String keywordField(String field) {
        return switch (field) {
            case LogFields.SERVICE -> SERVICE;
            case LogFields.LEVEL -> LEVEL;
            case LogFields.MESSAGE -> MESSAGE;
            case LogFields.SOURCE -> SOURCE;
            case LogFields.UNPARSED -> UNPARSED;
            default -> KEYWORD_PREFIX + field;
        };
    }

    static String numericField(String field) {
        return "n." + field;
    }

    /** The event with this id; ids are indexed only in their numeric form. */
    static org.apache.lucene.search.Query idQuery(String id) {
        return dev.periscope.logs.store.LogEvent.isId(id)
                ? org.apache.lucene.document.LongPoint.newExactQuery(TIEBREAK, tiebreak(id))
                : new org.apache.lucene.search.MatchNoDocsQuery();
    }

    static long tiebreak(String id) {
        return Long.parseUnsignedLong(id, 16) ^ Long.MIN_VALUE;
    }
}
