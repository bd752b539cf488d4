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

    /** The service of a value read across services, where no one service can be trusted to be its source. */
    static final String ANY_SERVICE = "\u0000any-service";

    /**
     * For a value whose service is not known for sure, such as a metric series read across services, whose labels
     * the query itself can rewrite: every rule that applies to any service, each with the strictest action any
     * service gives it.
     */
    public static MaskingContext anyService(Set<String> exemptCategories) {
        return new MaskingContext(ANY_SERVICE, exemptCategories);
    }

    /** The strictest context: everything masked. */
    public static MaskingContext strict(String service) {
        return new MaskingContext(service, Set.of());
    }
}
