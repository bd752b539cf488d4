package dev.periscope.masking;

import dev.periscope.masking.MaskingRule.ContentDetector;
import dev.periscope.masking.MaskingRule.WindowSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import org.jspecify.annotations.Nullable;

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

    /**
     * The text copied into a reused array per thread: the scan loops read every character several times, and an
     * array load is cheaper than {@code String.charAt} with its coder check and bounds check on each call.
     */
    private static final ThreadLocal<char[][]> BUFFER = ThreadLocal.withInitial(() -> new char[][] {new char[1024]});

    @Override
    public List<Span> find(CompiledRules rules, String text, boolean[] active, long deadline) {
        int n = text.length();
        int ruleCount = rules.content.length;
        Scratch scratch = SCRATCH.get();
        if (scratch.intervalCount.length != ruleCount) {
            scratch = new Scratch(ruleCount);
            SCRATCH.set(scratch);
        }
        // Intervals per rule, as (start, end, last start) triples; the arrays stay with the thread between calls.
        int[][] intervals = scratch.intervals;
        int[] intervalCount = scratch.intervalCount;
        // Only the rules that got intervals last time need their count cleared.
        for (int t = 0; t < scratch.touchedCount; t++) {
            intervalCount[scratch.touched[t]] = 0;
        }
        scratch.touchedCount = 0;
        scratch.contextHitCount = 0;
        int[] classMask = rules.classMask;
        // Positions of window "marks" (punctuation that belongs to some window class, like ':' for IPv6).
        int[] marks = scratch.marks;
        int markCount = 0;
        KeywordAutomaton ac = rules.keywords;
        int state = ac.start();
        // Runs of ASCII digits as (start, end) pairs: the material of the digit clusters.
        int[] digitRuns = scratch.digitRuns;
        int digitRunCount = 0;
        boolean inDigits = false;
        boolean scanKeywords = !ac.isEmpty();
        char[][] holder = BUFFER.get();
        if (holder[0].length < n) {
            // Long values get their own array, so one huge event does not pin a huge buffer to the thread.
            if (n <= 1 << 16) {
                holder[0] = new char[Math.max(n, 2 * holder[0].length)];
            }
        }
        char[] chars = holder[0].length >= n ? holder[0] : new char[n];
        text.getChars(0, n, chars, 0);
        // The automaton's tables in locals: the loop calls out only on a keyword hit, and reads them on every char.
        char[] alphabet = ac.alphabet;
        char[] delta = ac.delta;
        int rowShift = ac.rowShift;
        int firstOutput = scanKeywords ? ac.firstOutput : Integer.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            char c = chars[i];
            state = delta[(state << rowShift) + alphabet[c]];
            if (state >= firstOutput) {
                keywordHits(rules, ac.outputs(state), i, n, active, intervals, intervalCount, scratch);
            }
            if (c >= '0' && c <= '9') {
                if (!inDigits) {
                    if (2 * digitRunCount + 2 > digitRuns.length) {
                        digitRuns = Arrays.copyOf(digitRuns, digitRuns.length * 2);
                    }
                    digitRuns[2 * digitRunCount] = i;
                    inDigits = true;
                }
                continue;
            }
            if (inDigits) {
                digitRuns[2 * digitRunCount + 1] = i;
                digitRunCount++;
                inDigits = false;
            }
            if (classMask[c] != 0 && !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                if (markCount == marks.length) {
                    marks = Arrays.copyOf(marks, markCount * 2);
                }
                marks[markCount++] = i;
            }
        }
        if (inDigits) {
            digitRuns[2 * digitRunCount + 1] = n;
            digitRunCount++;
        }
        if (digitRunCount > 0) {
            clusters(rules, text, chars, active, digitRuns, digitRunCount, scratch);
        }
        // Keep grown arrays for the next value, unless one huge value grew them.
        if (marks.length <= Scratch.KEEP && digitRuns.length <= Scratch.KEEP) {
            scratch.marks = marks;
            scratch.digitRuns = digitRuns;
        }
        if (scratch.contextHits.length > Scratch.KEEP) {
            scratch.contextHits = new int[24];
        }

        List<Span> out = new ArrayList<>();
        int[] span = new int[2];
        // Only rules with intervals, then window rules when the text has marks: most rules have nothing to do.
        for (int t = 0; t < scratch.touchedCount; t++) {
            int r = scratch.touched[t];
            scanIntervals(rules, text, chars, r, intervals[r], intervalCount[r], out, span, deadline);
            if (intervals[r].length > Scratch.KEEP) {
                intervals[r] = null;
            }
        }
        if (markCount > 0) {
            for (int r : rules.windowRules) {
                if (active[r]) {
                    windows(rules, text, chars, r, rules.windowClassOf[r], marks, markCount, out, span, deadline);
                }
            }
        }
        for (int r : rules.alwaysRun) {
            if (active[r] && rules.outlineOpen(r, text, chars, 0, n)) {
                scan(rules, text, r, rules.matcher(r, text), 0, n, out, span, deadline);
            }
        }
        if (out.size() > 1) {
            Collections.sort(out);
        }
        return out;
    }

    /** Gives every active rule of the keywords that end at {@code i} an interval around the occurrence. */
    private static void keywordHits(CompiledRules rules, int[] hits, int i, int n, boolean[] active, int[][] intervals,
            int[] intervalCount, Scratch scratch) {
        KeywordAutomaton ac = rules.keywords;
        for (int k : hits) {
            int kwStart = i + 1 - ac.keywordLength(k);
            if (k >= rules.firstContextWord) {
                scratch.contextHit(kwStart, i + 1, k - rules.firstContextWord);
                continue;
            }
            for (int r : rules.keywordRules[k]) {
                if (active[r]) {
                    ContentDetector d = rules.content[r].content();
                    if (intervalCount[r] == 0) {
                        scratch.touch(r);
                    }
                    intervals[r] = addTriple(intervals[r], intervalCount[r]++,
                            Math.max(0, kwStart - d.before()), Math.min(n, i + 1 + d.after()), kwStart);
                }
            }
        }
    }

    /**
     * Per-thread working arrays, reused from one value to the next: masking a page of events means thousands of
     * short values, and allocating these for each one cost more than scanning most of them.
     */
    private static final class Scratch {
        static final int KEEP = 1 << 14;
        final int[][] intervals;
        final int[] intervalCount;
        /** The rules whose interval count is not zero, in the order they got their first interval. */
        final int[] touched;
        int touchedCount;
        int[] marks = new int[16];
        int[] digitRuns = new int[32];
        long[] joins = new long[16];
        /** For each cluster spec, the run its current chain of joined runs started at. */
        final int[] chainStart = new int[64];
        /** Context words found by the single pass, as (start, end, word) triples in end order. */
        int[] contextHits = new int[24];
        int contextHitCount;

        Scratch(int ruleCount) {
            intervals = new int[ruleCount][];
            intervalCount = new int[ruleCount];
            touched = new int[ruleCount];
        }

        void touch(int rule) {
            touched[touchedCount++] = rule;
        }

        void contextHit(int start, int end, int word) {
            if (3 * contextHitCount + 3 > contextHits.length) {
                contextHits = Arrays.copyOf(contextHits, contextHits.length * 2);
            }
            contextHits[3 * contextHitCount] = start;
            contextHits[3 * contextHitCount + 1] = end;
            contextHits[3 * contextHitCount + 2] = word;
            contextHitCount++;
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(() -> new Scratch(0));

    /**
     * Joins digit runs into clusters (runs separated by at most max-gap separator characters), for every distinct
     * (separators, max-gap) at once, and gives each digit rule an interval around every cluster with enough digits.
     *
     * <p>Most runs in log text are short numbers on their own, and only a few clusters have enough digits for any
     * rule. So clusters are not enumerated spec by spec over all runs: a cluster of several runs is found by walking
     * the joined pairs only, each spec's chain opening where its bit appears and closing where it goes; a cluster of
     * one run is considered only when the run alone has enough digits.
     */
    private static void clusters(CompiledRules rules, String text, char[] chars, boolean[] active, int[] runs,
            int count, Scratch scratch) {
        // Which cluster specs join each run to the next one, worked out once for all specs: one bit per spec.
        if (scratch.joins.length < count) {
            scratch.joins = new long[Math.max(count, 2 * scratch.joins.length)];
        }
        long[] joins = scratch.joins;
        long[] gapBits = rules.clusterGapBits;
        long[] sepBits = rules.clusterSeparatorBits;
        for (int j = 0; j + 1 < count; j++) {
            int from = runs[2 * j + 1];
            int to = runs[2 * (j + 1)];
            long m = to - from < gapBits.length ? gapBits[to - from] : 0L;
            for (int i = from; i < to && m != 0; i++) {
                char ch = chars[i];
                m &= ch < 128 ? sepBits[ch] : 0L;
            }
            joins[j] = m;
        }
        long specs = 0;
        for (int c = 0; c < rules.clusterGap.length; c++) {
            for (int r : rules.clusterRules[c]) {
                if (active[r]) {
                    specs |= 1L << c;
                    break;
                }
            }
        }
        if (specs == 0) {
            return;
        }
        int[] chainStart = scratch.chainStart;
        long previous = 0;
        for (int j = 0; j + 1 < count; j++) {
            long joined = joins[j] & specs;
            if (joined != 0) {
                for (long opened = joined & ~previous; opened != 0; opened &= opened - 1) {
                    chainStart[Long.numberOfTrailingZeros(opened)] = j;
                }
                long next = j + 2 < count ? joins[j + 1] & specs : 0L;
                for (long closed = joined & ~next; closed != 0; closed &= closed - 1) {
                    int c = Long.numberOfTrailingZeros(closed);
                    cluster(rules, text, chars, active, runs, chainStart[c], j + 1, c, scratch);
                }
            }
            previous = joined;
        }
        long single = specs & rules.clusterSingleRunSpecs;
        int singleMin = rules.clusterSingleRunMinDigits;
        for (int j = 0; j < count && single != 0; j++) {
            int length = runs[2 * j + 1] - runs[2 * j];
            if (length < singleMin) {
                continue;
            }
            long joinedToNeighbour = (j > 0 ? joins[j - 1] : 0L) | (j + 1 < count ? joins[j] : 0L);
            for (long alone = single & ~joinedToNeighbour; alone != 0; alone &= alone - 1) {
                int c = Long.numberOfTrailingZeros(alone);
                if (length >= rules.clusterMinDigits[c]) {
                    cluster(rules, text, chars, active, runs, j, j, c, scratch);
                }
            }
        }
    }

    /** Gives the digit rules of spec {@code c} an interval around the cluster of runs {@code first..last}. */
    private static void cluster(CompiledRules rules, String text, char[] chars, boolean[] active, int[] runs,
            int first, int last, int c, Scratch scratch) {
        int start = runs[2 * first];
        int end = runs[2 * last + 1];
        int digitCount = 0;
        for (int j = first; j <= last; j++) {
            digitCount += runs[2 * j + 1] - runs[2 * j];
        }
        if (digitCount < rules.clusterMinDigits[c]) {
            return;
        }
        int separators = end - start - digitCount;
        int n = text.length();
        int[][] intervals = scratch.intervals;
        int[] intervalCount = scratch.intervalCount;
        for (int r : rules.clusterRules[c]) {
            if (active[r] && digitCount >= rules.digitMin[r] && separators >= rules.digitMinSeparators[r]) {
                int from = Math.max(0, start - rules.digitBefore[r]);
                int to = Math.min(n, end + rules.digitAfter[r]);
                if (rules.contextPossible(r, n, scratch.contextHits, scratch.contextHitCount, from, to)
                        && rules.gateOpen(r, text, chars, from, to)) {
                    if (intervalCount[r] == 0) {
                        scratch.touch(r);
                    }
                    intervals[r] = addTriple(intervals[r], intervalCount[r]++, from, to, end);
                }
            }
        }
    }

    /** Up to this many candidate start positions per region, try each with lookingAt instead of one find. */
    private static final int LOOKING_AT_LIMIT = 24;

    private static void scanIntervals(CompiledRules rules, String text, char[] chars, int r, int[] iv, int count,
            List<Span> out, int[] span, long deadline) {
        // Occurrences arrive in end order, but starts depend on keyword length: sort, then merge overlaps.
        long[] packed = new long[count];
        for (int j = 0; j < count; j++) {
            packed[j] = ((long) iv[3 * j] << 32) | j;
        }
        Arrays.sort(packed);
        Matcher m = null;
        int j = 0;
        while (j < count) {
            int first = (int) packed[j];
            int groupStart = iv[3 * first];
            int groupEnd = iv[3 * first + 1];
            int candidates = iv[3 * first + 2] - groupStart + 1;
            int k = j + 1;
            while (k < count && iv[3 * (int) packed[k]] <= groupEnd) {
                int o = (int) packed[k];
                groupEnd = Math.max(groupEnd, iv[3 * o + 1]);
                candidates += iv[3 * o + 2] - iv[3 * o] + 1;
                k++;
            }
            // Digit rules passed their outline when their interval was made; keyword rules pass it here, per group.
            if (rules.content[r].content().digits() == null
                    && !rules.outlineOpen(r, text, chars, groupStart, groupEnd)) {
                j = k;
                continue;
            }
            // A search tries every position up to the region's end; a wide region (an email's 320 chars after the
            // '@') with few possible starts is cheaper tried start by start.
            if ((candidates <= LOOKING_AT_LIMIT || 2 * candidates <= groupEnd - groupStart)
                    && rules.content[r].content().digits() == null) {
                m = lookingAtEach(rules, text, chars, r, m, iv, packed, j, k, groupEnd, out, span, deadline);
            } else {
                m = search(rules, text, chars, r, m, groupStart, groupEnd, out, span, deadline);
            }
            j = k;
        }
    }

    /**
     * The same matches as one {@code find} over the region, without trying the start positions where no match can
     * begin: a match holds its keyword, so it starts between {@code before} chars ahead of the keyword and the
     * keyword itself. {@code find} would try every position up to the region's end.
     */
    private static @Nullable Matcher lookingAtEach(CompiledRules rules, String text, char[] chars, int r,
            @Nullable Matcher matcher, int[] iv, long[] packed, int from, int to, int groupEnd, List<Span> out,
            int[] span, long deadline) {
        Matcher m = matcher;
        if (System.nanoTime() > deadline) {
            throw new MaskingBudgetExceededException();
        }
        int next = 0;
        for (int q = from; q < to; q++) {
            int o = (int) packed[q];
            int lo = Math.max(iv[3 * o], next);
            int hi = iv[3 * o + 2];
            int p = lo;
            while (p <= hi) {
                if (rules.startPossible(r, chars, p, groupEnd)) {
                    if (m == null) {
                        // The matcher is reset for the text only once a position passes the start conditions.
                        m = rules.matcher(r, text);
                    }
                    p = tryAt(rules, text, r, m, p, groupEnd, out, span);
                } else {
                    p++;
                }
            }
            next = Math.max(next, p);
        }
        return m;
    }

    /**
     * The matches of rule {@code r} in [from, to), as one {@code find} would give them. When the rule's start
     * conditions are known ({@link MatchStart}), only the positions that pass them get a {@code lookingAt}: inside a
     * digit group or a hex id the leading lookbehind refuses almost every position, where {@code find} would try the
     * pattern at each one.
     */
    private static @Nullable Matcher search(CompiledRules rules, String text, char[] chars, int r,
            @Nullable Matcher matcher, int from, int to, List<Span> out, int[] span, long deadline) {
        Matcher m = matcher;
        if (!rules.hasStartConditions(r)) {
            if (m == null) {
                m = rules.matcher(r, text);
            }
            scan(rules, text, r, m, from, to, out, span, deadline);
            return m;
        }
        if (System.nanoTime() > deadline) {
            throw new MaskingBudgetExceededException();
        }
        int p = from;
        while (p < to) {
            if (rules.startPossible(r, chars, p, to)) {
                if (m == null) {
                    m = rules.matcher(r, text);
                }
                p = tryAt(rules, text, r, m, p, to, out, span);
            } else {
                p++;
            }
        }
        return m;
    }

    /** Tries a match of rule {@code r} that starts at {@code p} and ends by {@code end}; returns the next start. */
    private static int tryAt(CompiledRules rules, String text, int r, Matcher m, int p, int end, List<Span> out,
            int[] span) {
        m.region(p, end);
        if (!m.lookingAt()) {
            return p + 1;
        }
        if (rules.accept(r, text, m, span)) {
            out.add(new Span(span[0], span[1], r));
        }
        // As find does: the next try starts where this match ended, or one further after an empty match.
        return m.end() > p ? m.end() : p + 1;
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

    /**
     * Runs a window rule over the runs of its class that contain one of the marks (window rules need at least one
     * mark: a colon, a dot...). The runs are found by walking out from each mark, so text without marks costs nothing.
     */
    private static void windows(CompiledRules rules, String text, char[] chars, int r, int cls, int[] marks,
            int markCount,
            List<Span> out, int[] span, long deadline) {
        int bit = 1 << cls;
        int[] classMask = rules.classMask;
        WindowSpec w = rules.content[r].content().window();
        int n = text.length();
        int coveredTo = -1;
        int minMarks = Math.max(1, w.minMarks());
        Matcher m = null;
        for (int j = 0; j < markCount; j++) {
            int p = marks[j];
            if (p < coveredTo || (classMask[chars[p]] & bit) == 0) {
                continue;
            }
            int e = p + 1;
            while (e < n && (classMask[chars[e]] & bit) != 0) {
                e++;
            }
            coveredTo = e;
            // p is the first mark of its run (an earlier one would have covered it), so the run's marks are p and
            // those after it before e. Most runs hold one mark (a full stop, a colon): refused before walking back.
            int runMarks = 1;
            for (int k = j + 1; k < markCount && marks[k] < e; k++) {
                runMarks++;
            }
            if (runMarks < minMarks) {
                continue;
            }
            int s = p;
            while (s > 0 && (classMask[chars[s - 1]] & bit) != 0) {
                s--;
            }
            int digitCount = 0;
            int alnum = 0;
            for (int i = s; i < e; i++) {
                char c = chars[i];
                if (c >= '0' && c <= '9') {
                    digitCount++;
                    alnum++;
                } else if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
                    alnum++;
                }
            }
            if (e - s < w.minLength() || digitCount < w.minDigits() || e - s - alnum < minMarks) {
                continue;
            }
            if (!rules.gateOpen(r, text, chars, s, e)) {
                continue;
            }
            m = search(rules, text, chars, r, m, s, e, out, span, deadline);
        }
    }

    /** Appends (regionStart, regionEnd, lastStart): a match found here starts no later than lastStart. */
    private static int[] addTriple(int[] arr, int index, int a, int b, int lastStart) {
        int[] out = arr;
        if (out == null) {
            out = new int[12];
        } else if (3 * index + 3 > out.length) {
            out = Arrays.copyOf(out, out.length * 2);
        }
        out[3 * index] = a;
        out[3 * index + 1] = b;
        out[3 * index + 2] = lastStart;
        return out;
    }
}
