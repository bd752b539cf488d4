package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

/** Masks text with the fast engine under the shipped rules, and checks that the reference engine masks it the same. */
final class BothEngines {

    private final MaskingService fast = MaskingFixtures.service(new FastEngine());
    private final MaskingService reference = MaskingFixtures.service(new ReferenceEngine());
    private final MaskingContext context;

    BothEngines(String service) {
        context = MaskingContext.strict(service);
    }

    String mask(String raw) {
        String masked = fast.mask(context, raw).text();
        assertThat(masked).as("the reference engine agrees").isEqualTo(reference.mask(context, raw).text());
        return masked;
    }

    MaskingService fast() {
        return fast;
    }

    MaskingContext context() {
        return context;
    }
}
