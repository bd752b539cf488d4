package dev.periscope.metrics;

import dev.periscope.audit.AuditEntry;
import dev.periscope.audit.AuditEntry.Actor;
import dev.periscope.audit.AuditEntry.Decision;
import dev.periscope.audit.AuditOutcome;
import dev.periscope.audit.AuditReceipt;
import dev.periscope.audit.AuditTrail;
import dev.periscope.audit.AuditUnavailableException;
import dev.periscope.audit.PendingReceipt;
import dev.periscope.base.TimeExpressions;
import dev.periscope.masking.MaskedText;
import dev.periscope.masking.Masker;
import dev.periscope.masking.MaskingContext;
import dev.periscope.masking.RuleHit;
import dev.periscope.metrics.MetricScope.ScopeMatcher;
import dev.periscope.metrics.promql.Expr;
import dev.periscope.metrics.promql.LabelMatcher;
import dev.periscope.metrics.promql.MatchOp;
import dev.periscope.metrics.promql.PromQlParseException;
import dev.periscope.metrics.promql.PromQlParser;
import dev.periscope.metrics.promql.PromQlPrinter;
import dev.periscope.metrics.promql.PromQlScoper;
import dev.periscope.metrics.promql.ScopeRefusedException;
import dev.periscope.metrics.prometheus.PrometheusApi;
import dev.periscope.metrics.prometheus.PrometheusData;
import dev.periscope.metrics.prometheus.PrometheusException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The one path every metrics read takes: scope the query by rewriting it, audit the read durably, ask Prometheus,
 * mask every label value, and record what was shown.
 *
 * <p>Nothing reaches Prometheus that was not parsed and printed by the scoper, and nothing leaves this class that did
 * not pass the masker. When the audit record cannot be made durable, {@link AuditTrail#begin} throws and the read
 * does not happen.
 */
public class MetricsService {

    /** Prometheus refuses range queries of more than 11,000 points per series; refusing early saves a round trip. */
    static final long MAX_POINTS = 11_000;

    private final PrometheusApi prometheus;
    private final Masker masker;
    private final AuditTrail audit;
    private final Clock clock;

    public MetricsService(PrometheusApi prometheus, Masker masker, AuditTrail audit, Clock clock) {
        this.prometheus = prometheus;
        this.masker = masker;
        this.audit = audit;
        this.clock = clock;
    }

    /** Evaluates an instant query at {@code time}, within the user's scope. */
    public MaskedQueryResult query(Actor actor, MetricScope scope, String promql, Instant time) {
        var read = new Read(actor, scope, "metrics.query", Optional.of(time), Optional.of(time));
        String scoped = read.scopeQuery(promql);
        return read.run(scoped, () -> prometheus.query(scoped, time), this::maskResult);
    }

    /** Evaluates a range query, within the user's scope; the window may not exceed the scope's maximum range. */
    public MaskedQueryResult queryRange(Actor actor, MetricScope scope, String promql, Instant start, Instant end,
                                        Duration step) {
        var read = new Read(actor, scope, "metrics.query_range", Optional.of(start), Optional.of(end));
        if (end.isBefore(start)) {
            throw read.refuse(promql, "the end of the range is before its start");
        }
        if (step.isNegative() || step.isZero()) {
            throw read.refuse(promql, "the step must be positive");
        }
        if (TimeExpressions.longerThan(start, end, scope.maxRange())) {
            throw read.refuse(promql, "the time range is too long. " + PromQlScoper.rangeLimit(scope.maxRange()));
        }
        if (Duration.between(start, end).toMillis() / Math.max(1, step.toMillis()) > MAX_POINTS) {
            throw read.refuse(promql, "too many points per series: raise the step or shorten the range");
        }
        String scoped = read.scopeQuery(promql);
        return read.run(scoped, () -> prometheus.queryRange(scoped, start, end, step), this::maskResult);
    }

    /**
     * The alerts pending or firing at {@code time} within the user's scope. They are read from the {@code ALERTS}
     * series, so the scope applies by rewriting; the alerts API itself cannot be scoped without filtering afterwards.
     */
    public MaskedQueryResult alerts(Actor actor, MetricScope scope, Instant time) {
        var read = new Read(actor, scope, "metrics.alerts", Optional.of(time), Optional.of(time));
        String scoped = read.scopeQuery("ALERTS");
        return read.run(scoped, () -> prometheus.query(scoped, time), this::maskResult);
    }

    /**
     * The alerts pending or firing now whose labels the user's scope admits, each with its rule's expression, label
     * and annotation values masked. Prometheus's alerts API cannot be scoped by rewriting, so the alerts are
     * filtered by {@link AlertScopeFilter} after the fetch; the audit record counts only what was shown.
     *
     * @param selector a label selector narrowing the alerts further, e.g. {@code {service="checkout"}}; blank for all
     */
    public List<MaskedAlert> activeAlerts(Actor actor, MetricScope scope, String selector) {
        Instant now = clock.instant();
        var read = new Read(actor, scope, "metrics.alerts", Optional.of(now), Optional.of(now));
        AlertScopeFilter filter;
        try {
            filter = AlertScopeFilter.of(scope);
        } catch (IllegalArgumentException e) {
            throw read.refuse("alerts", "your metrics scope is not usable; ask an administrator");
        }
        AlertScopeFilter narrowing;
        try {
            narrowing = AlertScopeFilter.narrowing(selector.isBlank() ? List.of()
                    : PromQlParser.parseSelector(selector).allMatchers().stream()
                            .filter(m -> !m.name().equals(LabelMatcher.NAME))
                            .map(m -> new ScopeMatcher(m.name(), ScopeMatcher.Op.valueOf(m.op().name()), m.value()))
                            .toList());
        } catch (PromQlParseException e) {
            throw read.refuse(selector, "not a label selector: " + e.getMessage());
        }
        return read.run(selector.isBlank() ? "alerts" : "alerts " + selector, () -> new AlertsAndRules(prometheus.alerts(), prometheus.rules()),
                (raw, r) -> {
                    Map<Map<String, String>, String> expressions = new HashMap<>();
                    for (var group : raw.rules()) {
                        for (var rule : group.rules()) {
                            rule.alerts().forEach(a -> expressions.putIfAbsent(a.labels(), rule.query()));
                        }
                    }
                    var shown = new ArrayList<MaskedAlert>();
                    for (var a : raw.alerts()) {
                        if (!filter.admits(a.labels()) || !narrowing.admits(a.labels())) {
                            continue;
                        }
                        var annotations = new HashMap<String, dev.periscope.masking.MaskedText>();
                        a.annotations().forEach((k, v) -> annotations.put(k, r.mask(v)));
                        shown.add(new MaskedAlert(r.mask(a.labels().getOrDefault("alertname", "")),
                                a.state().equalsIgnoreCase("firing") ? MaskedAlert.State.FIRING
                                        : MaskedAlert.State.PENDING,
                                r.maskLabels(a.labels()), annotations, a.activeAt(), r.mask(a.value()),
                                Optional.ofNullable(expressions.get(a.labels())).map(r::mask)));
                    }
                    // Firing before pending; within each, the most recent first, as on-call reads them.
                    shown.sort(java.util.Comparator.comparing(MaskedAlert::state)
                            .thenComparing(x -> x.activeAt().orElse(Instant.EPOCH),
                                    java.util.Comparator.reverseOrder()));
                    r.count = shown.size();
                    return shown;
                });
    }

    private record AlertsAndRules(List<PrometheusData.Alert> alerts, List<PrometheusData.RuleGroup> rules) {
    }

    /** The label sets of the series matching the selectors (or every series in scope), masked. */
    public List<Map<String, MaskedText>> series(Actor actor, MetricScope scope, List<String> selectors, Instant start,
                                                Instant end) {
        var read = new Read(actor, scope, "metrics.series", Optional.of(start), Optional.of(end));
        List<String> scoped = read.scopeSelectors(selectors);
        return read.run(String.join(" or ", scoped), () -> prometheus.series(scoped, start, end), (raw, r) -> {
            var result = new ArrayList<Map<String, MaskedText>>(raw.size());
            for (var labels : raw) {
                result.add(r.maskLabels(labels));
            }
            r.count = result.size();
            return result;
        });
    }

    /** The label names used by the series in scope. Names are schema, not data, and are not masked. */
    public List<String> labelNames(Actor actor, MetricScope scope, List<String> selectors, Instant start, Instant end) {
        var read = new Read(actor, scope, "metrics.labels", Optional.of(start), Optional.of(end));
        List<String> scoped = read.scopeSelectors(selectors);
        return read.run(String.join(" or ", scoped), () -> prometheus.labels(scoped, start, end), (raw, r) -> {
            r.count = raw.size();
            return List.copyOf(raw);
        });
    }

    /** The values of one label over the series in scope, masked. */
    public List<MaskedText> labelValues(Actor actor, MetricScope scope, String label, List<String> selectors,
                                        Instant start, Instant end) {
        var read = new Read(actor, scope, "metrics.label_values", Optional.of(start), Optional.of(end));
        if (!label.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
            throw read.refuse(label, "not a label name");
        }
        List<String> scoped = read.scopeSelectors(selectors);
        return read.run(label + " of " + String.join(" or ", scoped),
                () -> prometheus.labelValues(label, scoped, start, end), (raw, r) -> {
                    var result = new ArrayList<MaskedText>(raw.size());
                    for (String v : raw) {
                        result.add(r.mask(v));
                    }
                    r.count = result.size();
                    return result;
                });
    }

    private MaskedQueryResult maskResult(PrometheusData.QueryResult raw, Read r) {
        var series = new ArrayList<MaskedSeries>(raw.series().size());
        var seen = new HashMap<String, Integer>();
        for (var s : raw.series()) {
            Map<String, MaskedText> labels = r.maskLabels(s.labels());
            String key = key(labels);
            int n = seen.merge(key, 1, Integer::sum);
            if (n > 1) {
                key = key + "#" + n;
            }
            var points = new ArrayList<Point>(s.samples().size());
            for (var p : s.samples()) {
                points.add(new Point(p.timestamp(), p.value()));
            }
            r.points += points.size();
            series.add(new MaskedSeries(key, labels, points));
        }
        r.count = series.size();
        var warnings = raw.warnings().stream().map(r::mask).toList();
        return new MaskedQueryResult(MaskedQueryResult.ResultType.valueOf(raw.resultType().name()), series,
                raw.scalar().map(p -> new Point(p.timestamp(), p.value())), raw.string().map(r::mask),
                warnings, r.withheld);
    }

    private static String key(Map<String, MaskedText> labels) {
        var sb = new StringBuilder("{");
        new TreeMap<>(labels).forEach((k, v) -> {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(k).append('=').append(PromQlPrinter.print(new Expr.StringLiteral(v.text())));
        });
        return sb.append('}').toString();
    }

    private interface Masking<T, R> {
        R apply(T raw, Read read);
    }

    /** One audited read: its scope, its audit record, and the masking tally for the audit's completion. */
    private final class Read {
        final Actor actor;
        final MetricScope scope;
        final String action;
        final Optional<Instant> from;
        final Optional<Instant> to;
        final PromQlScoper scoper;
        // Series share label values (service, instance, route): mask each distinct value once per read.
        final Map<String, MaskedText> cache = new HashMap<>();
        final Map<String, Long> rulesFired = new HashMap<>();
        /** The service whose masking rules apply: the one the scope pins, or none (every service's, strictest). */
        final String maskingService;
        long withheld;
        long count;
        long points;
        long bytes;

        Read(Actor actor, MetricScope scope, String action, Optional<Instant> from, Optional<Instant> to) {
            this.actor = actor;
            this.scope = scope;
            List<String> pinned = scope.matchers().stream()
                    .filter(m -> m.op() == ScopeMatcher.Op.EQUAL && (m.label().equals("service") || m.label()
                            .equals("job")))
                    .map(ScopeMatcher::value).distinct().toList();
            this.maskingService = pinned.size() == 1 ? pinned.getFirst() : "";
            this.action = action;
            this.from = from;
            this.to = to;
            PromQlScoper s;
            try {
                s = scope.allSeries()
                        ? PromQlScoper.unrestricted(scope.maxRange())
                        : new PromQlScoper(scope.matchers().stream().map(MetricsService::toLabelMatcher).toList(),
                                scope.maxRange());
            } catch (IllegalArgumentException e) {
                // A scope that restricts nothing is a policy error: nobody sees anything (fail closed).
                s = null;
            }
            this.scoper = s;
        }

        private PromQlScoper scoper(String query) {
            if (scoper == null) {
                throw refuse(query, "your metrics scope is not usable; ask an administrator");
            }
            return scoper;
        }

        String scopeQuery(String promql) {
            PromQlScoper s = scoper(promql);
            try {
                return s.scope(promql);
            } catch (PromQlParseException | ScopeRefusedException e) {
                throw refuse(promql, e.getMessage());
            }
        }

        List<String> scopeSelectors(List<String> selectors) {
            PromQlScoper s = scoper(String.join(", ", selectors));
            if (from.isPresent() && to.isPresent()
                    && TimeExpressions.longerThan(from.get(), to.get(), scope.maxRange())) {
                throw refuse(String.join(", ", selectors),
                        "the time range is too long. " + PromQlScoper.rangeLimit(scope.maxRange()));
            }
            if (selectors.isEmpty()) {
                // No selector means "everything in scope": the scope's matchers alone, or, for a scope of all
                // series, any metric name (Prometheus refuses a match[] without a non-empty matcher).
                List<LabelMatcher> all = s.unrestricted()
                        ? List.of(new LabelMatcher(LabelMatcher.NAME, MatchOp.REGEX, ".+")) : List.of();
                return List.of(PromQlPrinter.print(s.scopeSelector(new Expr.VectorSelector(Optional.empty(),
                        all, Optional.empty(), Optional.empty()))));
            }
            var scoped = new ArrayList<String>(selectors.size());
            for (String selector : selectors) {
                try {
                    scoped.add(PromQlPrinter.print(s.scopeSelector(PromQlParser.parseSelector(selector))));
                } catch (PromQlParseException e) {
                    throw refuse(selector, e.getMessage());
                }
            }
            return scoped;
        }

        MetricsQueryRefusedException refuse(String rawQuery, String why) {
            String maskedWhy = masker.mask(MaskingContext.strict(""), why).text();
            audit.record(new AuditEntry(actor, action, target(), masker.mask(MaskingContext.strict(""), rawQuery).text(),
                    Decision.DENIED, maskedWhy, Optional.empty()));
            return new MetricsQueryRefusedException(maskedWhy);
        }

        <T, R> R run(String scopedQuery, Supplier<T> call, Masking<T, R> masking) {
            long started = System.nanoTime();
            // The start record is written while Prometheus answers. Nothing is returned before it is durable, and if
            // it cannot be made durable the answer is dropped (fail closed); a trail that refuses the record outright
            // throws here, and the read does not happen.
            PendingReceipt pending = audit.beginConcurrently(new AuditEntry(actor, action, target(),
                    masker.mask(MaskingContext.strict(""), scopedQuery).text(), Decision.ALLOWED, "", Optional.empty()));
            T raw;
            try {
                raw = call.get();
            } catch (PrometheusException e) {
                completeIfDurable(pending, started);
                throw backendFailure(e);
            }
            R result;
            try {
                result = masking.apply(raw, this);
            } catch (RuntimeException e) {
                // The masker is not supposed to throw; if it does, nothing of this answer may be shown.
                withheld = Math.max(1, withheld);
                completeIfDurable(pending, started);
                throw new MetricsBackendException(MetricsBackendException.Reason.UNAVAILABLE,
                        "the answer could not be masked, so it is withheld");
            }
            complete(pending.durable(), started);
            return result;
        }

        /** Completes the record of a read that failed, unless its start never became durable. */
        private void completeIfDurable(PendingReceipt pending, long started) {
            AuditReceipt receipt;
            try {
                receipt = pending.durable();
            } catch (AuditUnavailableException e) {
                return;
            }
            complete(receipt, started);
        }

        private void complete(AuditReceipt receipt, long started) {
            audit.complete(receipt, new AuditOutcome(count, bytes + points * 16,
                    Duration.ofNanos(System.nanoTime() - started).toMillis(), rulesFired, withheld));
        }

        private MetricsBackendException backendFailure(PrometheusException e) {
            var reason = switch (e.kind()) {
                case UNREACHABLE, SERVER_ERROR, INVALID_RESPONSE -> MetricsBackendException.Reason.UNAVAILABLE;
                case TIMEOUT -> MetricsBackendException.Reason.TIMEOUT;
                case BAD_QUERY -> MetricsBackendException.Reason.REJECTED;
                case RESPONSE_TOO_LARGE -> MetricsBackendException.Reason.TOO_LARGE;
            };
            // Backend errors can quote label values ("duplicate series for {user=...}"), so they are masked too.
            return new MetricsBackendException(reason, masker.mask(MaskingContext.strict(""), e.getMessage()).text());
        }

        Map<String, MaskedText> maskLabels(Map<String, String> labels) {
            var masked = new HashMap<String, MaskedText>(labels.size() * 2);
            labels.forEach((name, value) -> masked.put(name, mask(value)));
            return masked;
        }

        /**
         * Masks by {@link #maskingService}, never by a series' own service or job label: the query can rewrite that
         * (label_replace) or drop it (sum by), and per-service rules would then follow what the reader wrote.
         */
        MaskedText mask(String value) {
            String service = maskingService;
            MaskedText m = cache.get(service + '\u0000' + value);
            if (m == null) {
                m = masker.mask(service.isEmpty() ? MaskingContext.anyService(scope.maskingExemptions())
                        : new MaskingContext(service, scope.maskingExemptions()), value);
                cache.put(service + '\u0000' + value, m);
            }
            for (RuleHit hit : m.hits()) {
                rulesFired.merge(hit.ruleId(), (long) hit.count(), Long::sum);
            }
            if (m.withheld()) {
                withheld++;
            }
            bytes += m.text().length();
            return m;
        }

        private AuditEntry.Target target() {
            return new AuditEntry.Target("prometheus", scope.matchers().stream()
                    .map(m -> PromQlPrinter.print(new Expr.VectorSelector(Optional.empty(), List.of(toLabelMatcher(m)),
                            Optional.empty(), Optional.empty())))
                    .toList(), from, to);
        }
    }

    static LabelMatcher toLabelMatcher(ScopeMatcher m) {
        return new LabelMatcher(m.label(), switch (m.op()) {
            case EQUAL -> MatchOp.EQUAL;
            case NOT_EQUAL -> MatchOp.NOT_EQUAL;
            case REGEX -> MatchOp.REGEX;
            case NOT_REGEX -> MatchOp.NOT_REGEX;
        }, m.value());
    }
}
