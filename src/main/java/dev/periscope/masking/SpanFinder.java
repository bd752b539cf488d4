package dev.periscope.masking;

import java.util.List;

/** Finds every content-rule hit in a text, before overlaps are resolved. */
interface SpanFinder {

    /**
     * @param active which content rules run
     * @param deadline {@link System#nanoTime()} after which the search gives up with
     *     {@link MaskingBudgetExceededException}
     * @return the hits, sorted
     */
    List<Span> find(CompiledRules rules, String text, boolean[] active, long deadline);
}
