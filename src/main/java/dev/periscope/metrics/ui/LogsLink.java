package dev.periscope.metrics.ui;

import com.vaadin.flow.router.QueryParameters;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * Deep links from metrics to the logs of a service in a time window: from a point of a graph (that minute) and from
 * an alert (around its start). They carry the masked service name as shown in the legend (service names are not
 * confidential data) and ISO instants.
 */
final class LogsLink {

    /** How far around an alert's start its logs link reaches: the cause usually shows a little before. */
    static final Duration BEFORE_ALERT = Duration.ofMinutes(10);
    static final Duration AFTER_ALERT = Duration.ofMinutes(5);

    private LogsLink() {
    }

    static String forPoint(Instant time, Optional<String> service) {
        Instant from = time.truncatedTo(ChronoUnit.MINUTES);
        return window(service, from, from.plus(1, ChronoUnit.MINUTES));
    }

    /** The logs of the alert's service from a little before the alert became active to a little after. */
    static String aroundAlert(Instant activeAt, Optional<String> service) {
        Instant start = activeAt.truncatedTo(ChronoUnit.MINUTES);
        return window(service, start.minus(BEFORE_ALERT), start.plus(AFTER_ALERT));
    }

    private static String window(Optional<String> service, Instant from, Instant to) {
        var params = new LinkedHashMap<String, String>();
        service.ifPresent(s -> params.put("q", "service:\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\""));
        params.put("from", from.toString());
        params.put("to", to.toString());
        return "logs?" + QueryParameters.simple(params).getQueryString();
    }
}
