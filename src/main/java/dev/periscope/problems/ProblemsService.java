package dev.periscope.problems;

import dev.periscope.audit.AuditEntry;
import dev.periscope.audit.AuditTrail;
import dev.periscope.logs.LogAccess;
import dev.periscope.logs.LogHistogram;
import dev.periscope.logs.LogOrder;
import dev.periscope.logs.LogPage;
import dev.periscope.logs.LogQuery;
import dev.periscope.logs.LogService;
import dev.periscope.logs.LogTopValues;
import dev.periscope.logs.MaskedLogEvent;
import dev.periscope.logs.query.InvalidQueryException;
import dev.periscope.masking.MaskedText;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Problems: log events that carry a stack trace, grouped by the fingerprint ingest stored with them.
 *
 * <p>Every read goes through {@link LogService}, so the reader's scope, the masking engine and the audit trail apply
 * as they do to log search: a group's count, trend and services are aggregations over the reader's own scope, and
 * every title, message and frame shown comes from a masked event. Each view is also recorded as one
 * {@code problems.*} audit entry, so the trail says what the user looked at and not only which queries ran; when that
 * record cannot be made durable the view is refused.
 */
public class ProblemsService {

    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{16}");
    private static final String HOST_FIELD = "host";
    private static final String VERSION_FIELD = "version";
    private static final int SAMPLES = 10;
    private static final int PARALLEL_READS = 4;

    private final LogService logs;
    private final AuditTrail audit;
    private final Fingerprints fingerprints;
    private final ProblemsProperties properties;

    public ProblemsService(LogService logs, AuditTrail audit, Fingerprints fingerprints,
                           ProblemsProperties properties) {
        this.logs = logs;
        this.audit = audit;
        this.fingerprints = fingerprints;
        this.properties = properties;
    }

    /** Whether a string is a well-formed fingerprint (for links and URLs). */
    public static boolean isFingerprint(String value) {
        return FINGERPRINT.matcher(value).matches();
    }

    /** The query that finds one problem's events in log search, for links into the Logs view. */
    public static String logQuery(String fingerprint) {
        return ProblemFields.FINGERPRINT + ":\"" + fingerprint + "\"";
    }

    /** The problems of a time range, at most {@code max-groups} of them. */
    public ProblemList list(LogAccess access, ProblemQuery query) {
        record(access, "problems.list", query.service().map(s -> "service " + s).orElse(""), query.from(), query.to());
        LogQuery base = new LogQuery(filter(query), query.from(), query.to());
        LogTopValues top;
        try {
            top = logs.topValues(access, base, ProblemFields.FINGERPRINT, properties.maxGroups(), logs.newControl());
        } catch (InvalidQueryException e) {
            // The reader wrote only the filter: a syntax error's position is counted in it, not in the whole query.
            throw e.relativeTo(filterTextStart(base.text(), query), query.text().length());
        }
        Set<String> recentlyBefore = seenJustBefore(access, query);
        List<String> groups = top.values().stream().map(v -> v.value().text())
                // A masked or foreign value cannot be looked up again.
                .filter(ProblemsService::isFingerprint).toList();
        List<Summary> summaries = inParallel(groups, fingerprint -> summarize(access, base, fingerprint,
                top.values().stream().filter(v -> v.value().text().equals(fingerprint)).findFirst()
                        .map(LogTopValues.Value::count).orElse(0L), recentlyBefore));
        List<Problem> problems = new ArrayList<>(summaries.stream().map(Summary::problem).toList());
        Duration bucket = summaries.isEmpty() ? Duration.ZERO : summaries.getFirst().histogram().interval();
        problems.sort(switch (query.sort()) {
            case FREQUENT -> Comparator.comparingLong(Problem::count).reversed();
            case NEWEST -> Comparator.comparing(Problem::firstSeen).reversed();
            case SPIKING -> Comparator.comparingDouble(Problem::spike).reversed()
                    .thenComparing(Comparator.comparingLong(Problem::count).reversed());
        });
        return new ProblemList(problems, bucket, top.otherCount() > 0);
    }

    /** One problem in a time range; empty when the reader's scope holds no event of it there. */
    public Optional<ProblemDetail> group(LogAccess access, String fingerprint, Instant from, Instant to) {
        if (!isFingerprint(fingerprint)) {
            throw new IllegalArgumentException("Not a problem fingerprint.");
        }
        record(access, "problems.view", "fingerprint " + fingerprint, from, to);
        LogQuery base = new LogQuery(ProblemFields.FINGERPRINT + ":*", from, to);
        LogQuery one = within(base, fingerprint);
        Summary summary = summarize(access, base, fingerprint, -1, seenJustBefore(access,
                new ProblemQuery(from, to, Optional.empty(), "", ProblemQuery.Sort.FREQUENT)));
        if (summary.problem().count() == 0) {
            return Optional.empty();
        }
        LogPage samples = logs.search(access, one, SAMPLES, LogOrder.NEWEST_FIRST, Optional.empty(),
                logs.newControl());
        LogTopValues services = logs.topValues(access, one, "service", 50, logs.newControl());
        Optional<StackTrace> trace = samples.events().stream().findFirst().flatMap(this::traceOf);
        return Optional.of(new ProblemDetail(summary.problem, trace, summary.histogram, samples.events(),
                services.values()));
    }

    /**
     * Summarizes groups a few at a time: each summary is several small reads, each of which waits for its audit
     * record to be durable, and concurrent reads share one fsync (the audit trail's group commit).
     */
    private static <T> List<Summary> inParallel(List<T> items, java.util.function.Function<T, Summary> summarize) {
        if (items.size() < 2) {
            return items.stream().map(summarize).toList();
        }
        java.util.concurrent.Semaphore permits = new java.util.concurrent.Semaphore(PARALLEL_READS);
        try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<Summary>> futures = new ArrayList<>(items.size());
            for (T item : items) {
                futures.add(executor.submit(() -> {
                    permits.acquire();
                    try {
                        return summarize.apply(item);
                    } finally {
                        permits.release();
                    }
                }));
            }
            List<Summary> summaries = new ArrayList<>(items.size());
            for (java.util.concurrent.Future<Summary> future : futures) {
                summaries.add(future.get());
            }
            return summaries;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing problems", e);
        } catch (java.util.concurrent.ExecutionException e) {
            // The reader's refusal (audit unavailable, access denied, timeout) reaches the caller as itself.
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    // ------------------------------------------------------------------ one group

    private record Summary(Problem problem, LogHistogram histogram) {
    }

    /** @param count the group's events when already known, or -1 to count them here */
    private Summary summarize(LogAccess access, LogQuery base, String fingerprint, long count,
                              Set<String> recentlyBefore) {
        LogQuery one = within(base, fingerprint);
        LogHistogram histogram = logs.histogram(access, one, Optional.empty(), logs.newControl());
        long events = count >= 0 ? count : histogram.total();
        Optional<MaskedLogEvent> newest = logs.search(access, one, 1, LogOrder.NEWEST_FIRST, Optional.empty(),
                logs.newControl()).events().stream().findFirst();
        Instant firstSeen = firstSeen(access, one).orElse(base.from());
        List<String> services = logs.topValues(access, one, "service", 10, logs.newControl()).values().stream()
                .map(v -> v.value().text()).toList();
        Map<String, MaskedText> fields = newest.map(e -> e.fields().asMap()).orElse(Map.of());
        List<MaskedText> hosts = fields.containsKey(HOST_FIELD) ? values(access, one, HOST_FIELD) : List.of();
        List<MaskedText> versions = fields.containsKey(VERSION_FIELD) ? values(access, one, VERSION_FIELD) : List.of();
        Optional<StackTrace> trace = newest.flatMap(this::traceOf);
        String type = trace.map(t -> t.rootCause().type()).or(() -> Optional.ofNullable(fields.get(ProblemFields.TYPE))
                .map(MaskedText::text)).orElse("unknown");
        String title = trace.map(t -> title(t.rootCause())).orElse(type);
        String version = Optional.ofNullable(fields.get(ProblemFields.VERSION)).map(MaskedText::text).orElse("");
        Problem.Marker marker = firstSeen.isAfter(base.from()) || firstSeen.equals(base.from())
                ? Problem.Marker.NEW
                : firstSeen.isBefore(base.from().minus(properties.regressionQuietPeriod()))
                        && !recentlyBefore.contains(fingerprint) ? Problem.Marker.REGRESSED : Problem.Marker.NONE;
        List<Long> trend = histogram.buckets().stream().map(LogHistogram.Bucket::count).toList();
        Instant lastSeen = newest.map(MaskedLogEvent::timestamp).orElse(base.to());
        return new Summary(new Problem(fingerprint, version, type, title, events, trend, firstSeen, lastSeen, services,
                hosts, versions, marker, spike(trend), newest), histogram);
    }

    /** The oldest event, looking back {@code history} (within what the reader's scope allows) before the range. */
    private Optional<Instant> firstSeen(LogAccess access, LogQuery one) {
        Duration lookback = lookback(access, one);
        LogQuery longer = new LogQuery(one.text(), one.from().minus(lookback), one.to());
        return logs.search(access, longer, 1, LogOrder.OLDEST_FIRST, Optional.empty(), logs.newControl())
                .events().stream().findFirst().map(MaskedLogEvent::timestamp);
    }

    /** Fingerprints seen in the quiet period just before the range: a group missing there and older is regressed. */
    private Set<String> seenJustBefore(LogAccess access, ProblemQuery query) {
        Duration quiet = properties.regressionQuietPeriod();
        if (access.scope().maxRange().compareTo(quiet) < 0) {
            return Set.of();
        }
        LogQuery before = new LogQuery(filter(query), query.from().minus(quiet), query.from());
        Set<String> seen = new HashSet<>();
        for (LogTopValues.Value v : logs.topValues(access, before, ProblemFields.FINGERPRINT, 1000,
                logs.newControl()).values()) {
            seen.add(v.value().text());
        }
        return seen;
    }

    private Duration lookback(LogAccess access, LogQuery one) {
        Duration room = access.scope().maxRange().minus(Duration.between(one.from(), one.to()));
        Duration history = properties.history();
        return room.isNegative() ? Duration.ZERO : history.compareTo(room) < 0 ? history : room;
    }

    private List<MaskedText> values(LogAccess access, LogQuery one, String field) {
        return logs.topValues(access, one, field, 5, logs.newControl()).values().stream()
                .map(LogTopValues.Value::value).toList();
    }

    /** The trace of a masked event, read again from its masked text; frames marked in-app. */
    private Optional<StackTrace> traceOf(MaskedLogEvent event) {
        Map<String, String> fields = new java.util.HashMap<>();
        event.fields().asMap().forEach((name, value) -> fields.put(name, value.text()));
        return StackTraces.find(event.message().text(), fields).map(fingerprints::classify);
    }

    private static String title(ThrownException root) {
        String message = root.message().lines().findFirst().orElse("");
        return message.isEmpty() ? root.type() : root.type() + ": " + message;
    }

    /** Events in the last quarter of the range against the average quarter before it; 1 when steady. */
    static double spike(List<Long> trend) {
        if (trend.size() < 4) {
            return 1;
        }
        int split = trend.size() - trend.size() / 4;
        double recent = trend.subList(split, trend.size()).stream().mapToLong(Long::longValue).sum();
        double earlier = trend.subList(0, split).stream().mapToLong(Long::longValue).sum();
        double earlierPerQuarter = earlier * (trend.size() - split) / split;
        return (recent + 1) / (earlierPerQuarter + 1);
    }

    // ------------------------------------------------------------------ queries and audit

    private static String filter(ProblemQuery query) {
        StringBuilder q = new StringBuilder(ProblemFields.FINGERPRINT).append(":*");
        query.service().ifPresent(s -> q.append(" AND service:\"").append(escape(s)).append('"'));
        if (!query.text().isEmpty()) {
            q.append(" AND (").append(query.text()).append(')');
        }
        return q.toString();
    }

    /** Where the reader's own text begins in {@link #filter}'s query: it closes the query, before one ')'. */
    private static int filterTextStart(String filter, ProblemQuery query) {
        return filter.length() - query.text().length() - 1;
    }

    private static LogQuery within(LogQuery base, String fingerprint) {
        return new LogQuery(base.text() + " AND " + logQuery(fingerprint), base.from(), base.to());
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private void record(LogAccess access, String action, String what, Instant from, Instant to) {
        audit.record(new AuditEntry(access.actor(), action, new AuditEntry.Target("problems",
                access.scope().includeServices(), Optional.of(from), Optional.of(to)), what,
                AuditEntry.Decision.ALLOWED, access.reason(), access.grantId()));
    }
}
