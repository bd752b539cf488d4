package dev.periscope.metrics.ui;

import dev.periscope.audit.AuditUnavailableException;
import dev.periscope.base.TimeExpressions;
import dev.periscope.base.TimeRangeChoice;
import dev.periscope.masking.MaskedText;
import dev.periscope.metrics.MaskedAlert;
import dev.periscope.metrics.MaskedQueryResult;
import dev.periscope.metrics.MetricAccess;
import dev.periscope.metrics.MetricAccessResolver;
import dev.periscope.metrics.MetricsBackendException;
import dev.periscope.metrics.MetricsQueryRefusedException;
import dev.periscope.metrics.MetricsService;
import dev.periscope.metrics.demo.DemoPrometheus;
import dev.periscope.security.CurrentUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the views' queries through {@link MetricsService} for the signed-in user, whose scope is asked of the access
 * guard on every call, and turns every refusal or failure into a message a user can act on.
 */
final class PanelQueries {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Completion looks at recent series only: enough to name what exists, cheap for the backend. */
    private static final Duration COMPLETION_WINDOW = Duration.ofHours(1);
    /** For readers, not administrators: what is missing and who sets it; the setting is named once, to look up. */
    static final String NOT_SET_UP = "Metrics are not set up on this portal. An administrator sets the address of "
            + "the Prometheus server in the portal's configuration (setting periscope.metrics.prometheus.url).";

    /** What a query showed, or why it showed nothing. */
    sealed interface Outcome {
        record Shown(MaskedQueryResult result, Duration step, Instant from, Instant to, boolean demo,
                     boolean narrowed) implements Outcome {
        }

        record Failed(String message) implements Outcome {
        }
    }

    private final @Nullable MetricsService metrics;
    private final MetricAccessResolver resolver;
    private final Clock clock;

    PanelQueries(@Nullable MetricsService metrics, MetricAccessResolver resolver, Clock clock) {
        this.metrics = metrics;
        this.resolver = resolver;
        this.clock = clock;
    }

    Outcome range(String promql, TimeRangeChoice choice, int widthPx) {
        return range(access(), promql, choice, widthPx);
    }

    /**
     * A range query for a reader resolved beforehand, so it can run off the UI thread (where there is no signed-in
     * user to ask for).
     */
    Outcome range(Optional<MetricAccess> reader, String promql, TimeRangeChoice choice, int widthPx) {
        Optional<Instant> from = TimeExpressions.parse(choice.from(), clock);
        Optional<Instant> to = TimeExpressions.parse(choice.to(), clock);
        if (from.isEmpty() || to.isEmpty() || !from.get().isBefore(to.get())) {
            return new Outcome.Failed("Not a valid time range: " + choice.from() + " to " + choice.to());
        }
        Duration step = Steps.forWidth(Duration.between(from.get(), to.get()), widthPx);
        return run(reader, access -> {
            MaskedQueryResult r = metrics().queryRange(access.actor(), access.scope(), promql, from.get(), to.get(),
                    step);
            return new Outcome.Shown(r, step, from.get(), to.get(), isDemo(r.warnings()), access.narrowed());
        });
    }

    Outcome instant(Optional<MetricAccess> reader, String promql) {
        Instant now = clock.instant();
        return run(reader, access -> {
            MaskedQueryResult r = metrics().query(access.actor(), access.scope(), promql, now);
            return new Outcome.Shown(r, Duration.ZERO, now, now, isDemo(r.warnings()), access.narrowed());
        });
    }

    /** The alerts in the reader's scope, narrowed by a label selector, or why there are none to show. */
    AlertsOutcome alerts(Optional<MetricAccess> reader, String selector) {
        return run(reader, access -> new AlertsOutcome(metrics().activeAlerts(access.actor(), access.scope(), selector),
                Optional.empty()), message -> new AlertsOutcome(List.of(), Optional.of(message)));
    }

    /** The alerts shown, or the message that says why none can be. */
    record AlertsOutcome(List<MaskedAlert> alerts, Optional<String> failure) {
        AlertsOutcome {
            alerts = List.copyOf(alerts);
        }
    }

    /** The signed-in user's metrics access; asked on the UI thread, where the security context is. */
    Optional<MetricAccess> reader() {
        return access();
    }

    PromQlEditor.Completion completion() {
        return new PromQlEditor.Completion() {
            @Override
            public String labelNames(String metric) {
                return json(access -> metrics().labelNames(access.actor(), access.scope(), selectors(metric),
                        clock.instant().minus(window(access)), clock.instant()));
            }

            @Override
            public String labelValues(String label, String metric) {
                return json(access -> metrics().labelValues(access.actor(), access.scope(), label, selectors(metric),
                        clock.instant().minus(window(access)), clock.instant()).stream().map(MaskedText::text).toList());
            }

            @Override
            public String series(String metric) {
                return json(access -> metrics().series(access.actor(), access.scope(), selectors(metric),
                        clock.instant().minus(window(access)), clock.instant()).stream()
                        .map(labels -> labels.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                                java.util.Map.Entry::getKey, e -> e.getValue().text())))
                        .toList());
            }
        };
    }

    private static Duration window(MetricAccess access) {
        return access.scope().maxRange().compareTo(COMPLETION_WINDOW) < 0 ? access.scope().maxRange() : COMPLETION_WINDOW;
    }

    private static List<String> selectors(String metric) {
        return metric.isBlank() || !metric.matches("[a-zA-Z_:][a-zA-Z0-9_:]*") ? List.of() : List.of(metric);
    }

    /** Completion answers are best effort: a refusal or failure completes nothing rather than showing an error. */
    private String json(Function<MetricAccess, Object> call) {
        try {
            Optional<MetricAccess> access = access();
            return JSON.writeValueAsString(access.isEmpty() || metrics == null ? List.of() : call.apply(access.get()));
        } catch (RuntimeException e) {
            return "[]";
        }
    }

    private Outcome run(Optional<MetricAccess> access, Function<MetricAccess, Outcome> call) {
        return run(access, call, Outcome.Failed::new);
    }

    private <T> T run(Optional<MetricAccess> access, Function<MetricAccess, T> call, Function<String, T> failed) {
        if (metrics == null) {
            return failed.apply(NOT_SET_UP);
        }
        if (access.isEmpty()) {
            return failed.apply("Your roles give you no access to metrics. Request access on the Access page.");
        }
        try {
            return call.apply(access.get());
        } catch (MetricsQueryRefusedException e) {
            return failed.apply("Query refused: " + e.getMessage());
        } catch (MetricsBackendException e) {
            return failed.apply(switch (e.reason()) {
                case TIMEOUT -> "The metrics backend did not answer in time. Shorten the range or simplify the query.";
                case TOO_LARGE -> "The answer is too large. Narrow the query or raise the step.";
                case REJECTED -> "The metrics backend rejected the query: " + e.getMessage();
                case UNAVAILABLE -> "The metrics backend is unavailable: " + e.getMessage();
            });
        } catch (AuditUnavailableException e) {
            return failed.apply("The audit trail is unavailable, so no data is shown.");
        }
    }

    private Optional<MetricAccess> access() {
        return CurrentUser.get().flatMap(resolver::forUser);
    }

    private MetricsService metrics() {
        if (metrics == null) {
            throw new IllegalStateException("metrics are not configured");
        }
        return metrics;
    }

    private static boolean isDemo(List<MaskedText> warnings) {
        return warnings.stream().anyMatch(w -> w.text().equals(DemoPrometheus.DEMO_WARNING));
    }
}
