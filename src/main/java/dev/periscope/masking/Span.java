package dev.periscope.masking;

/** A confirmed hit: chars [start, end) of the text, found by the content rule at {@code rule}. */
record Span(int start, int end, int rule) implements Comparable<Span> {

    @Override
    public int compareTo(Span o) {
        if (start != o.start) {
            return Integer.compare(start, o.start);
        }
        if (end != o.end) {
            return Integer.compare(o.end, end);
        }
        return Integer.compare(rule, o.rule);
    }
}
