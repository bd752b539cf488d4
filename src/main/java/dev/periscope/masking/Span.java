package dev.periscope.masking;

/**
 * A confirmed hit: chars [start, end) of the text, found by the content rule at {@code rule}. A {@code merged} span
 * also covers the part of another rule's hit that ran past it (see {@link MaskingService#resolveOverlaps}).
 */
record Span(int start, int end, int rule, boolean merged) implements Comparable<Span> {

    Span(int start, int end, int rule) {
        this(start, end, rule, false);
    }

    @Override
    public int compareTo(Span o) {
        if (start != o.start) {
            return Integer.compare(start, o.start);
        }
        if (end != o.end) {
            return Integer.compare(o.end, end);
        }
        // Content rules before field rules (negative numbers) on the same characters: the value then gets the content
        // rule's token, the one it has everywhere else.
        return Integer.compareUnsigned(rule, o.rule);
    }
}
