package dev.periscope.problems;

import dev.periscope.logs.MaskedLogEvent;
import dev.periscope.masking.MaskedText;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One group of events with the same fingerprint, within a time range. Everything text-like passed the masking
 * engine: the title is read from a masked sample event.
 *
 * @param fingerprint the group's identity
 * @param version the fingerprint algorithm's version
 * @param type the root cause's exception type
 * @param title the root cause's type and (masked) message, as the newest sample shows it
 * @param count events in the range
 * @param trend events per bucket over the range, oldest first (for a sparkline)
 * @param firstSeen the oldest event found, looking back {@code history} before the range
 * @param lastSeen the newest event in the range
 * @param services services that logged it, most events first
 * @param hosts hosts that logged it, when events name one (masked: host names can be confidential)
 * @param versions application versions that logged it, when events name one
 * @param marker new in the range, back after a quiet period, or neither
 * @param spike how much the last quarter of the range exceeds the rest (1 = steady)
 * @param sample the newest event, masked
 */
public record Problem(String fingerprint, String version, String type, String title, long count, List<Long> trend,
                      Instant firstSeen, Instant lastSeen, List<String> services, List<MaskedText> hosts,
                      List<MaskedText> versions, Marker marker, double spike, Optional<MaskedLogEvent> sample) {

    public Problem {
        trend = List.copyOf(trend);
        services = List.copyOf(services);
        hosts = List.copyOf(hosts);
        versions = List.copyOf(versions);
    }

    public enum Marker { NONE, NEW, REGRESSED }
}
