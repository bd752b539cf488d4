package dev.periscope.logs.store;

/**
 * Which stored words a wildcard, regular expression or text range may expand to, and which numbers a numeric range
 * may count. A store that expands such patterns
 * itself (the embedded one) leaves out the words the screen refuses, so that narrowing a pattern letter by letter
 * ({@code message:sk_live_a*}, {@code sk_live_ab*}, ...) cannot rebuild a secret from counts. Terms, phrases and
 * exact values are not screened: they are checked as typed before the query reaches a store.
 */
@FunctionalInterface
public interface TermScreen {

    /** Lets every word through: for tools and tests that run no masking. */
    TermScreen NONE = (field, term) -> true;

    /**
     * @param field the query field ({@code message} for words of messages, which are stored lower-cased)
     * @param term a stored word or value that the pattern matches
     * @return whether the pattern may find events by it
     */
    boolean allows(String field, String term);

    /**
     * What the screen's answers depend on (the masking rules in force): answers kept for stored words are valid
     * while it stays the same object.
     */
    default Object generation() {
        return this;
    }
}
