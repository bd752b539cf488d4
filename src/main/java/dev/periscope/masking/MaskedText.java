package dev.periscope.masking;

import java.util.List;

/**
 * Text that has passed the masking engine. Only the masking package can create one, so holding a {@code MaskedText}
 * proves the value was masked; UI and API code accept nothing else.
 */
public final class MaskedText {

    private final String text;
    private final List<RuleHit> hits;
    private final boolean withheld;

    MaskedText(String text, List<RuleHit> hits, boolean withheld) {
        this.text = text;
        this.hits = List.copyOf(hits);
        this.withheld = withheld;
    }

    /** What stands in for a value that could not be masked within its budget: it never carries the value. */
    public static final String WITHHELD_TEXT = "[WITHHELD: masking failed]";

    private static final MaskedText WITHHELD = new MaskedText(WITHHELD_TEXT, List.of(), true);

    /**
     * The placeholder for a value that could not be masked. Safe to create anywhere, since it holds no data; the
     * caller audits the failure.
     */
    public static MaskedText placeholder() {
        return WITHHELD;
    }

    /** The masked text, safe to show. */
    public String text() {
        return text;
    }

    /** Which rules fired, for the audit summary. */
    public List<RuleHit> hits() {
        return hits;
    }

    /** True when masking failed and the text is a placeholder instead of the value. */
    public boolean withheld() {
        return withheld;
    }

    /**
     * Whether searching for this text finds what it stands for: nothing in it was masked, or every masked part is a
     * token, which a search swaps back for its value on the server. Redacted, hashed, partly shown and withheld parts
     * stand for nothing a search could find.
     */
    public boolean searchable() {
        if (withheld) {
            return false;
        }
        int masked = 0;
        for (RuleHit hit : hits) {
            masked += hit.count();
        }
        return masked == 0 || MaskingService.tokensIn(text).size() >= masked;
    }

    @Override
    public String toString() {
        return text;
    }
}
