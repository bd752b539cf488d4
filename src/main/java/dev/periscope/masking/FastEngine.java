package dev.periscope.masking;

import dev.periscope.masking.MaskingRule.ContentDetector;
import dev.periscope.masking.MaskingRule.WindowSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;

/**
 * The production engine. One pass over the text feeds a keyword automaton and tracks runs of each window class;
 * only then do patterns run, and only over the regions where a match can be:
 * <ul>
 *   <li>a keyword rule around each occurrence of one of its keywords ({@code before} / {@code after} chars);
 *   <li>a window rule over each run of its window class that is long enough and has enough digits.
 * </ul>
 * Regions use transparent, non-anchoring bounds, so lookarounds and {@code \b} see the text around them and a
 * match inside a region is exactly the match the reference engine finds there. Most log lines contain no keyword
 * and no long digit run, so most lines cost the single pass and nothing else.
 */
final class FastEngine implements SpanFinder {

    @Override
    public List<Span> find(CompiledRules rules, String text, boolean[] active, long deadline) {
        int n = text.length();
        int ruleCount = rules.content.length;
        // Intervals per keyword rule, as [start, end) pairs, created lazily.
        int[][] intervals = new int[ruleCount][];
        int[] intervalCount = new int[ruleCount];
        // Runs per window class as (start, end, digits, alnum) quadruples.
        int classes = rules.windowClasses;
        int[][] runs = new int[classes][];
        int[] runCount = new int[classes];
        int[] runStart = new int[classes];
        int[] runDigitsStart = new int[classes];
        int[] runAlnumStart = new int[classes];

        KeywordAutomaton ac = rules.keywords;
        int[] classMask = rules.classMask;
        int state = ac.start();
        int prevMask = 0;
        int digits = 0;
        int alnum = 0;
        boolean scanKeywords = !ac.isEmpty();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (scanKeywords) {
                state = ac.step(state, c);
                int[] hits = ac.outputs(state);
                if (hits != null) {
                    for (int k : hits) {
                        int kwStart = i + 1 - ac.keywordLength(k);
                        for (int r : rules.keywordRules[k]) {
                            if (active[r]) {
                                ContentDetector d = rules.content[r].content();
                                intervals[r] = addPair(intervals[r], intervalCount[r]++,
                                        Math.max(0, kwStart - d.before()), Math.min(n, i + 1 + d.after()));
                            }
                        }
                    }
                }
            }
            int mask = classMask[c];
            if (mask != prevMask) {
                closeAndOpen(prevMask, mask, i, digits, alnum, runs, runCount, runStart, runDigitsStart,
                        runAlnumStart);
                prevMask = mask;
            }
            if (c >= '0' && c <= '9') {
                digits++;
                alnum++;
            } else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z' || c >= 128 && Character.isLetter(c)) {
                alnum++;
            }
        }
        closeAndOpen(prevMask, 0, n, digits, alnum, runs, runCount, runStart, runDigitsStart, runAlnumStart);

        List<Span> out = new ArrayList<>();
        int[] span = new int[2];
        for (int r = 0; r < ruleCount; r++) {
            if (!active[r]) {
                continue;
            }
            ContentDetector d = rules.content[r].content();
            int cls = rules.windowClassOf[r];
            if (intervalCount[r] > 0) {
                scanIntervals(rules, text, r, intervals[r], intervalCount[r], out, span, deadline);
            } else if (cls >= 0 && runCount[cls] > 0) {
                WindowSpec w = d.window();
                Matcher m = null;
                int[] rs = runs[cls];
                for (int j = 0; j < runCount[cls]; j++) {
                    int s = rs[4 * j];
                    int e = rs[4 * j + 1];
                    int marks = e - s - rs[4 * j + 3];
                    if (e - s < w.minLength() || rs[4 * j + 2] < w.minDigits() || marks < w.minMarks()) {
                        continue;
                    }
                    if (m == null) {
                        m = matcher(d, text);
                    }
                    scan(rules, text, r, m, s, e, out, span, deadline);
                }
            }
        }
        for (int r : rules.alwaysRun) {
            if (active[r]) {
                scan(rules, text, r, matcher(rules.content[r].content(), text), 0, n, out, span, deadline);
            }
        }
        Collections.sort(out);
        return out;
    }

    private static Matcher matcher(ContentDetector d, String text) {
        return d.pattern().matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    }

    private static void scanIntervals(CompiledRules rules, String text, int r, int[] iv, int count, List<Span> out,
            int[] span, long deadline) {
        // Keyword occurrences arrive in end order, but starts depend on keyword length: sort, then merge overlaps.
        long[] packed = new long[count];
        for (int j = 0; j < count; j++) {
            packed[j] = ((long) iv[2 * j] << 32) | iv[2 * j + 1];
        }
        Arrays.sort(packed);
        Matcher m = matcher(rules.content[r].content(), text);
        int curStart = (int) (packed[0] >>> 32);
        int curEnd = (int) packed[0];
        for (int j = 1; j < count; j++) {
            int s = (int) (packed[j] >>> 32);
            int e = (int) packed[j];
            if (s <= curEnd) {
                curEnd = Math.max(curEnd, e);
            } else {
                scan(rules, text, r, m, curStart, curEnd, out, span, deadline);
                curStart = s;
                curEnd = e;
            }
        }
        scan(rules, text, r, m, curStart, curEnd, out, span, deadline);
    }

    private static void scan(CompiledRules rules, String text, int r, Matcher m, int from, int to, List<Span> out,
            int[] span, long deadline) {
        if (System.nanoTime() > deadline) {
            throw new MaskingBudgetExceededException();
        }
        m.region(from, to);
        while (m.find()) {
            if (rules.accept(r, text, m, span)) {
                out.add(new Span(span[0], span[1], r));
            }
        }
    }

    private static void closeAndOpen(int prevMask, int mask, int i, int digits, int alnum, int[][] runs,
            int[] runCount, int[] runStart, int[] runDigitsStart, int[] runAlnumStart) {
        int ended = prevMask & ~mask;
        while (ended != 0) {
            int b = Integer.numberOfTrailingZeros(ended);
            ended &= ended - 1;
            int[] arr = runs[b];
            int c = runCount[b];
            if (arr == null) {
                arr = new int[32];
            } else if (4 * c + 4 > arr.length) {
                arr = Arrays.copyOf(arr, arr.length * 2);
            }
            arr[4 * c] = runStart[b];
            arr[4 * c + 1] = i;
            arr[4 * c + 2] = digits - runDigitsStart[b];
            arr[4 * c + 3] = alnum - runAlnumStart[b];
            runs[b] = arr;
            runCount[b] = c + 1;
        }
        int started = mask & ~prevMask;
        while (started != 0) {
            int b = Integer.numberOfTrailingZeros(started);
            started &= started - 1;
            runStart[b] = i;
            runDigitsStart[b] = digits;
            runAlnumStart[b] = alnum;
        }
    }

    private static int[] addPair(int[] arr, int index, int a, int b) {
        int[] out = arr;
        if (out == null) {
            out = new int[8];
        } else if (2 * index + 2 > out.length) {
            out = Arrays.copyOf(out, out.length * 2);
        }
        out[2 * index] = a;
        out[2 * index + 1] = b;
        return out;
    }
}
