package dev.periscope.problems;

import dev.periscope.logs.LogEventEnricher;
import java.util.Map;
import java.util.Optional;

/** Adds the problem fields to every ingested event that carries a stack trace. */
final class ProblemEnricher implements LogEventEnricher {

    private final Fingerprints fingerprints;

    ProblemEnricher(Fingerprints fingerprints) {
        this.fingerprints = fingerprints;
    }

    @Override
    public Map<String, String> enrich(String service, String message, Map<String, String> fields) {
        Optional<StackTrace> trace = StackTraces.find(message, fields);
        if (trace.isEmpty()) {
            return Map.of();
        }
        Fingerprint fingerprint = fingerprints.of(trace.get());
        return Map.of(ProblemFields.FINGERPRINT, fingerprint.value(),
                ProblemFields.VERSION, fingerprint.version(),
                ProblemFields.TYPE, fingerprint.type(),
                ProblemFields.LANGUAGE, trace.get().language());
    }
}
