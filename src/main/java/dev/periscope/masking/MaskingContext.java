package dev.periscope.masking;

import java.util.Set;

/**
 * Who and what a value is masked for.
 *
 * @param service the service the value came from (rules may be overridden per service); empty when unknown
 * @param exemptCategories rule categories this reader may see unmasked (policy exemptions or an approved grant)
 */
public record MaskingContext(String service, Set<String> exemptCategories) {

    public MaskingContext {
        exemptCategories = Set.copyOf(exemptCategories);
    }

    /** The strictest context: everything masked. */
    public static MaskingContext strict(String service) {
        return new MaskingContext(service, Set.of());
    }
}
