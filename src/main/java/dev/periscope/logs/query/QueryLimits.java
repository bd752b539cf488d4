package dev.periscope.logs.query;

import java.util.List;

/**
 * Limits a user's query must stay within.
 *
 * @param maxQueryLength characters of query text
 * @param maxClauses leaf clauses (terms, phrases, ranges...) in the whole tree
 * @param maxExpansions terms a wildcard, regular expression or text range may expand to, in one index segment
 * @param maxPatternLength characters of one wildcard or regular expression pattern
 * @param allowedFields structured field names the user may query, as globs ({@code *} any characters); core fields
 *     are always allowed
 */
public record QueryLimits(int maxQueryLength, int maxClauses, int maxExpansions, int maxPatternLength,
                          List<String> allowedFields) {

    public QueryLimits {
        allowedFields = List.copyOf(allowedFields);
    }

    public static QueryLimits defaults() {
        return new QueryLimits(4096, 256, 10_000, 256, List.of("*"));
    }

    /** Whether the user may name this (canonical) field. */
    public boolean allows(String field) {
        if (LogFields.isCore(field)) {
            return true;
        }
        for (String glob : allowedFields) {
            if (Globs.matches(glob, field)) {
                return true;
            }
        }
        return false;
    }
}
