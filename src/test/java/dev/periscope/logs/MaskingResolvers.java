package dev.periscope.logs;

import dev.periscope.masking.MaskingService;

/** The query value resolver the portal wires to the masking engine, for tests outside the logs package. */
public final class MaskingResolvers {

    private MaskingResolvers() {
    }

    public static LogQueryValueResolver of(MaskingService masking) {
        return new MaskingQueryValues(masking);
    }
}
