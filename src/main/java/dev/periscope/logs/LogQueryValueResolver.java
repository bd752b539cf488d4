package dev.periscope.logs;

/**
 * Rewrites a value the user searches for before the query runs. This is where masking tokens are swapped for the
 * values they stand for (the user searches by token, never by raw value); without a vault, values pass unchanged.
 */
@FunctionalInterface
public interface LogQueryValueResolver {

    /**
     * @param field canonical field name
     * @param value the value as the user typed it
     * @return the value to search for
     */
    String resolve(String field, String value);

    static LogQueryValueResolver identity() {
        return (field, value) -> value;
    }
}
