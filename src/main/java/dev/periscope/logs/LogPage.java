package dev.periscope.logs;

import java.util.List;
import java.util.Optional;

/**
 * One page of masked search results.
 *
 * @param events the events in the requested order
 * @param total matching events
 * @param totalExact false when {@code total} is a lower bound ("10,000 or more")
 * @param nextCursor pass it back for the next page; empty on the last page
 * @param withheld events left out because masking failed on them and on their placeholder
 * @param partial why the results may be incomplete (some of a cluster's shards failed or timed out); empty when
 *     complete
 */
public record LogPage(List<MaskedLogEvent> events, long total, boolean totalExact, Optional<String> nextCursor,
                      long withheld, Optional<String> partial) {
    public LogPage {
        events = List.copyOf(events);
    }

    /** A complete page. */
    public LogPage(List<MaskedLogEvent> events, long total, boolean totalExact, Optional<String> nextCursor,
                   long withheld) {
        this(events, total, totalExact, nextCursor, withheld, Optional.empty());
    }
}
