package dev.periscope.masking;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Aho-Corasick over the rules' keywords, case-insensitive, compiled to a full transition table so that the scan
 * costs one array load per character. Characters that occur in no keyword share alphabet symbol 0, which keeps
 * the table small (states x keyword alphabet).
 *
 * <p>Each state's row is padded to a power of two: every character's step waits for the previous one, so the scan
 * is as fast as that chain is short, and a shift in it is quicker than a multiplication.
 */
final class KeywordAutomaton {

    /** The alphabet symbol of each char: read directly by the engine's scan loop. */
    final char[] alphabet = new char[65536];
    final int symbols;
    /** A row holds {@code 1 << rowShift} entries, {@code symbols} of them used. */
    final int rowShift;
    /** delta[(state << rowShift) + symbol]; char rather than int halves the table, so more of it stays in cache. */
    final char[] delta;
    /** States from this one on have outputs; those before it have none. */
    final int firstOutput;
    /** Keyword ids ending at each state (including those reached by suffix links), or null. */
    private final int[][] outputs;
    private final int[] keywordLength;

    KeywordAutomaton(List<String> keywords) {
        Map<Character, Integer> symbolOf = new HashMap<>();
        for (String k : keywords) {
            for (char c : k.toCharArray()) {
                symbolOf.computeIfAbsent(Character.toLowerCase(c), x -> symbolOf.size() + 1);
            }
        }
        this.symbols = symbolOf.size() + 1;
        this.rowShift = 32 - Integer.numberOfLeadingZeros(symbols - 1);
        for (int c = 0; c < 65536; c++) {
            Integer s = symbolOf.get(Character.toLowerCase((char) c));
            // Letters of every script fold to their lower case (ΑΦΜ finds the keyword αφμ), a superset of what
            // java.util.regex folds without UNICODE_CASE: the prefilter may find more, never less.
            if (s == null && c < 128) {
                s = symbolOf.get((char) c);
            }
            alphabet[c] = (char) (s == null ? 0 : s);
        }
        // Build the trie.
        List<int[]> gotoRows = new ArrayList<>();
        List<List<Integer>> out = new ArrayList<>();
        gotoRows.add(filled());
        out.add(new ArrayList<>());
        keywordLength = new int[keywords.size()];
        for (int k = 0; k < keywords.size(); k++) {
            String kw = keywords.get(k);
            keywordLength[k] = kw.length();
            int s = 0;
            for (char c : kw.toCharArray()) {
                int sym = alphabet[c];
                if (gotoRows.get(s)[sym] < 0) {
                    gotoRows.get(s)[sym] = gotoRows.size();
                    gotoRows.add(filled());
                    out.add(new ArrayList<>());
                }
                s = gotoRows.get(s)[sym];
            }
            out.get(s).add(k);
        }
        int n = gotoRows.size();
        int[] fail = new int[n];
        if (n > Character.MAX_VALUE) {
            throw new IllegalArgumentException("too many keyword states: " + n);
        }
        char[] delta = new char[n * symbols];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int a = 0; a < symbols; a++) {
            int t = gotoRows.get(0)[a];
            if (t < 0) {
                delta[a] = 0;
            } else {
                delta[a] = (char) t;
                fail[t] = 0;
                queue.add(t);
            }
        }
        while (!queue.isEmpty()) {
            int s = queue.poll();
            out.get(s).addAll(out.get(fail[s]));
            for (int a = 0; a < symbols; a++) {
                int t = gotoRows.get(s)[a];
                if (t < 0) {
                    delta[s * symbols + a] = delta[fail[s] * symbols + a];
                } else {
                    delta[s * symbols + a] = (char) t;
                    fail[t] = delta[fail[s] * symbols + a];
                    queue.add(t);
                }
            }
        }
        // States are renumbered so that those with outputs come last: the scan then tells a hit by comparing the
        // state with firstOutput, without loading anything per character. The start state stays 0.
        int[] newId = new int[n];
        int next = 0;
        for (int s = 0; s < n; s++) {
            if (out.get(s).isEmpty() || s == 0) {
                newId[s] = next++;
            }
        }
        int first = next;
        for (int s = 1; s < n; s++) {
            if (!out.get(s).isEmpty()) {
                newId[s] = next++;
            }
        }
        this.firstOutput = out.get(0).isEmpty() ? first : 0;
        char[] renumbered = new char[n << rowShift];
        outputs = new int[n][];
        for (int s = 0; s < n; s++) {
            for (int a = 0; a < symbols; a++) {
                renumbered[(newId[s] << rowShift) + a] = (char) newId[delta[s * symbols + a]];
            }
            outputs[newId[s]] = out.get(s).isEmpty() ? null : out.get(s).stream().distinct()
                    .mapToInt(Integer::intValue).toArray();
        }
        this.delta = renumbered;
    }

    private int[] filled() {
        int[] row = new int[symbols];
        Arrays.fill(row, -1);
        return row;
    }

    int start() {
        return 0;
    }

    int @org.jspecify.annotations.Nullable [] outputs(int state) {
        return outputs[state];
    }

    int keywordLength(int keyword) {
        return keywordLength[keyword];
    }

    boolean isEmpty() {
        return keywordLength.length == 0;
    }
}
