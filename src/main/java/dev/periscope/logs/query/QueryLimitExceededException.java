package dev.periscope.logs.query;

/**
 * The query is well formed but too expensive: too many terms behind a wildcard, a regular expression too complex, or
 * a page too large. Answered with a message that says which limit, instead of a slow query or a timeout.
 */
public class QueryLimitExceededException extends InvalidQueryException {
    public QueryLimitExceededException(String message) {
        super(message);
    }
}
