package dev.periscope.masking;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A value found confidential once is confidential wherever else the same text holds it: a login in a statement and
 * again in its logged arguments ({@code "username" = 'mgarcia' ... args=('mgarcia',)}), an email in a message and
 * again in a path. The second place often has no key or word to tell what it is, so the first one vouches for it.
 * Each repeat is masked by the rule that found the value, so it gets the same token.
 */
final class RepeatedValues {

    /** Shorter values repeat by chance inside other words and numbers. */
    static final int MIN_LENGTH = 4;
    private static final int MAX_LENGTH = 256;
    /** Bounds the work on a text that repeats a value many times. */
    private static final int MAX_REPEATS = 64;
    /** Bounds the work on a text with many findings: each value looked for costs a pass over the text. */
    private static final int MAX_VALUES = 32;

    private RepeatedValues() {
    }

    /**
     * The spans (in order) plus a span for each other whole occurrence of a span's value, in order. At most
     * {@link #MAX_VALUES} values are looked for, so a huge event with thousands of findings costs a few passes.
     */
    static List<Span> withRepeats(String text, List<Span> spans) {
        if (spans.isEmpty()) {
            return spans;
        }
        Spans found = new Spans(spans);
        List<Span> added = null;
        java.util.Set<String> looked = new java.util.HashSet<>();
        for (Span span : spans) {
            int length = span.end() - span.start();
            if (length < MIN_LENGTH || length > MAX_LENGTH) {
                continue;
            }
            String value = text.substring(span.start(), span.end());
            if (!hasLettersOrDigits(value) || !looked.add(value)) {
                continue;
            }
            for (int at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + length)) {
                if (!standsAlone(text, at, at + length) || found.overlap(at, at + length)) {
                    continue;
                }
                if (added == null) {
                    added = new ArrayList<>(2);
                }
                added.add(new Span(at, at + length, span.rule()));
                if (added.size() >= MAX_REPEATS) {
                    break;
                }
            }
            if (added != null && added.size() >= MAX_REPEATS || looked.size() >= MAX_VALUES) {
                break;
            }
        }
        if (added == null) {
            return spans;
        }
        List<Span> all = new ArrayList<>(spans.size() + added.size());
        all.addAll(spans);
        all.addAll(added);
        Collections.sort(all);
        return all;
    }

    /** The found spans' starts and the furthest end so far, for an overlap test by binary search. */
    private static final class Spans {
        private final int[] starts;
        private final int[] maxEnd;

        Spans(List<Span> spans) {
            starts = new int[spans.size()];
            maxEnd = new int[spans.size()];
            int furthest = -1;
            for (int k = 0; k < spans.size(); k++) {
                starts[k] = spans.get(k).start();
                furthest = Math.max(furthest, spans.get(k).end());
                maxEnd[k] = furthest;
            }
        }

        /** Whether a found span overlaps [start, end): of those starting before end, one ends after start. */
        boolean overlap(int start, int end) {
            int k = java.util.Arrays.binarySearch(starts, end);
            int last = k >= 0 ? k - 1 : -k - 2;
            while (k >= 0 && last >= 0 && starts[last] >= end) {
                last--; // equal starts: binarySearch may land on any of them
            }
            return last >= 0 && maxEnd[last] > start;
        }
    }

    /** Whether a value has three letters or digits: a dash and spaces ("-   ") found once say nothing twice. */
    private static boolean hasLettersOrDigits(String value) {
        int count = 0;
        for (int i = 0; i < value.length() && count < MIN_ALNUM; i++) {
            if (Character.isLetterOrDigit(value.charAt(i))) {
                count++;
            }
        }
        return count >= MIN_ALNUM;
    }

    private static final int MIN_ALNUM = 3;

    /** Whether no letter or digit touches the occurrence: "mgarcia" in "mgarcia2" or "xmgarcia" is another word. */
    private static boolean standsAlone(String text, int start, int end) {
        return (start == 0 || !Character.isLetterOrDigit(text.charAt(start - 1)))
                && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)));
    }
}
