package dev.periscope.metrics.ui;

import com.vaadin.flow.router.QueryParameters;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * The deep link from a point of a graph to the logs of that service for that minute. It carries the masked service
 * name as shown in the legend (service names are not confidential data) and ISO instants.
 */
final class LogsLink {

    private LogsLink() {
    }

    static String forPoint(Instant time, Optional<String> service) {
        Instant from = time.truncatedTo(ChronoUnit.MINUTES);
        var params = new LinkedHashMap<String, String>();
        service.ifPresent(s -> params.put("q", "service:\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\""));
        params.put("from", from.toString());
        params.put("to", from.plus(1, ChronoUnit.MINUTES).toString());
        return "logs?" + QueryParameters.simple(params).getQueryString();
    }
}
