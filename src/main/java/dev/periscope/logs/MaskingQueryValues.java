package dev.periscope.logs;

import dev.periscope.logs.query.InvalidQueryException;
import dev.periscope.masking.MaskingService;
import dev.periscope.masking.QueryProbe;
import java.util.List;

/**
 * The search vocabulary the masking engine allows: a token ({@code ‹email:7f3a9c21›}) is swapped for the value it
 * stands for, on the server and only inside the store query; a raw confidential value is refused as a probe.
 */
class MaskingQueryValues implements LogQueryValueResolver {

    private final MaskingService masking;

    MaskingQueryValues(MaskingService masking) {
        this.masking = masking;
    }

    @Override
    public String resolve(String field, String value) {
        List<String> tokens = MaskingService.tokensIn(value);
        if (tokens.size() == 1 && tokens.getFirst().equals(value.strip())) {
            List<String> raw = masking.resolveForSearch(tokens.getFirst());
            if (raw.isEmpty()) {
                throw new InvalidQueryException("This token is unknown or has expired; search for it in recent results.");
            }
            return raw.getFirst();
        }
        QueryProbe probe = masking.checkQuery(value);
        if (probe.confidential()) {
            throw new QueryProbeRefusedException(probe.explanation(), probe.categories());
        }
        return value;
    }
}
