package dev.periscope.logs;

import dev.periscope.logs.store.TermScreen;

/**
 * Checks and rewrites the values a user searches for before the query runs. This is where masking tokens are swapped
 * for the values they stand for (the user searches by token, never by raw value), and where a search that could
 * confirm a masked value is refused; without a masking engine, values pass unchanged.
 */
public interface LogQueryValueResolver {

    /**
     * A value matched exactly (a term or a phrase).
     *
     * @param field canonical field name
     * @param value the value as the user typed it
     * @return the value to search for: the value with each token in it swapped for the value it stands for
     * @throws QueryProbeRefusedException when the search could confirm a masked value
     */
    String resolve(String field, String value);

    /**
     * Every value to search for, any of which matches: a short token can stand for several values (two customers'
     * addresses that hash to the same token), and a search by it must find the events of each.
     *
     * @throws QueryProbeRefusedException when the search could confirm a masked value
     */
    default java.util.List<String> resolveAll(String field, String value) {
        return java.util.List.of(resolve(field, value));
    }

    /**
     * A value matched as a pattern or a bound (a wildcard, a regular expression, a bound of a range), where no token
     * applies; it runs as typed once checked.
     *
     * @param field canonical field name
     * @param text the pattern or bound as the user typed it; empty for an open range
     * @throws QueryProbeRefusedException when the search could confirm a masked value
     */
    void checkPattern(String field, String text);

    /** The stored words that the query's patterns may expand to; the same instance for every query. */
    default TermScreen screen() {
        return TermScreen.NONE;
    }

    static LogQueryValueResolver identity() {
        return new LogQueryValueResolver() {
            @Override
            public String resolve(String field, String value) {
                return value;
            }

            @Override
            public void checkPattern(String field, String text) {
                // nothing is masked, so nothing can be probed
            }
        };
    }
}
