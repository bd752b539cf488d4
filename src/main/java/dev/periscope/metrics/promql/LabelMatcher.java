package dev.periscope.metrics.promql;

/** One label matcher of a selector, e.g. {@code team="web"} or {@code __name__=~"http_.*"}. */
public record LabelMatcher(String name, MatchOp op, String value) {

    public static final String NAME = "__name__";

    public static LabelMatcher equal(String name, String value) {
        return new LabelMatcher(name, MatchOp.EQUAL, value);
    }

    /** Whether this matcher accepts a series that lacks the label (whose value is the empty string). */
    public boolean matchesEmpty() {
        return switch (op) {
            case EQUAL -> value.isEmpty();
            case NOT_EQUAL -> !value.isEmpty();
            case REGEX -> java.util.regex.Pattern.compile(value).matcher("").matches();
            case NOT_REGEX -> !java.util.regex.Pattern.compile(value).matcher("").matches();
        };
    }
}
