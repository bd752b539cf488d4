package dev.periscope.logs;

import dev.periscope.audit.AuditEntry;
import dev.periscope.audit.AuditOutcome;
import dev.periscope.audit.AuditReceipt;
import dev.periscope.audit.AuditTrail;
import dev.periscope.audit.AuditUnavailableException;
import dev.periscope.base.TimeExpressions;
import dev.periscope.base.TimeFormats;
import dev.periscope.audit.PendingReceipt;
import dev.periscope.base.PageWork;
import dev.periscope.base.ExportFormat;
import dev.periscope.logs.query.BackendUnavailableException;
import dev.periscope.logs.query.InvalidQueryException;
import dev.periscope.logs.query.LogFields;
import dev.periscope.logs.query.LogQueryParser;
import dev.periscope.logs.query.QueryControl;
import dev.periscope.logs.query.QueryNode;
import dev.periscope.logs.query.QueryTimeoutException;
import dev.periscope.logs.store.EventPage;
import dev.periscope.logs.store.Histogram;
import dev.periscope.logs.store.LogCursor;
import dev.periscope.logs.store.LogEvent;
import dev.periscope.logs.store.LogStore;
import dev.periscope.logs.store.SortOrder;
import dev.periscope.logs.store.StoreQuery;
import dev.periscope.logs.store.TermScreen;
import dev.periscope.logs.store.TopValues;
import dev.periscope.masking.MaskedFields;
import dev.periscope.masking.MaskedText;
import dev.periscope.masking.Masker;
import dev.periscope.masking.MaskingContext;
import dev.periscope.masking.RuleHit;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The one path by which views, the REST API and exports read logs.
 *
 * <p>Every call: parses and validates the query; checks the time range against the scope; rewrites the query so it
 * can only match the scope's services; records the start of the read in the audit trail (and refuses the read when
 * that fails); runs the store; masks every event and value; and completes the audit record with what was shown.
 * Nothing raw leaves this class.
 */
public class LogService {

    private static final String PLACEHOLDER = "[withheld: this event could not be masked]";
    private static final long[] NICE_INTERVALS = {1_000, 5_000, 10_000, 30_000, 60_000, 300_000, 600_000, 1_800_000,
        3_600_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000, 604_800_000};
    /** A bucket longer than a year says nothing a count would not, and a longer one can overflow the bucket edges. */
    private static final Duration MAX_INTERVAL = Duration.ofDays(366);

    private final LogStore store;
    private final Masker masker;
    private final AuditTrail audit;
    private final LogsProperties properties;
    private final LogQueryParser parser;
    private final LogQueryRewriter rewriter;
    /** Keeps patterns from finding events by the words masking hides; see {@link MaskingQueryValues#screen}. */
    private final TermScreen screen;
    private final Clock clock;
    /** What events read again masked to; null when the masker lets nothing be kept. */
    private final @Nullable RecentMaskedEvents recentEvents;

    public LogService(LogStore store, Masker masker, AuditTrail audit, LogsProperties properties,
                      LogQueryValueResolver resolver, Clock clock) {
        this.store = store;
        this.masker = masker;
        this.audit = audit;
        this.properties = properties;
        this.parser = new LogQueryParser(properties.limits(), clock);
        this.rewriter = new LogQueryRewriter(resolver);
        this.screen = resolver.screen();
        this.clock = clock;
        this.recentEvents = RecentMaskedEvents.forMasker(masker, System::nanoTime);
    }

    /** A time budget for one query, with the configured limit; keep it to cancel the query from another thread. */
    public QueryControl newControl() {
        return QueryControl.withTimeLimit(properties.queryTimeout());
    }

    // ------------------------------------------------------------------ reads

    /**
     * The most events one page may hold ({@link #search}, a tail's poll): the smaller of {@code max-page-size} and
     * what the store serves. Reads nothing.
     */
    public int maxPageSize() {
        return Math.min(properties.maxPageSize(), store.maxPageSize());
    }

    /** A page of matching events, masked. */
    public LogPage search(LogAccess access, LogQuery query, int limit, LogOrder order, Optional<String> cursor,
                          QueryControl control) {
        if (limit < 1 || limit > maxPageSize()) {
            throw new InvalidQueryException("Ask for between 1 and " + maxPageSize() + " events per page.");
        }
        Optional<LogCursor> after = cursor.map(c -> LogCursor.decode(c)
                .orElseThrow(() -> new InvalidQueryException("The page cursor is not valid.")));
        StoreQuery storeQuery = prepare(access, query);
        return audited(access, "logs.search", query, () -> {
            EventPage page = store.search(storeQuery, order == LogOrder.NEWEST_FIRST ? SortOrder.NEWEST_FIRST
                    : SortOrder.OLDEST_FIRST, limit, after, control);
            return maskPage(access, page);
        }, page -> new Shown(page.events().size(), page.events(), page.withheld()));
    }

    /** Matching events per time bucket; without an interval, one is chosen for about {@code histogram-buckets}. */
    public LogHistogram histogram(LogAccess access, LogQuery query, Optional<Duration> interval,
                                  QueryControl control) {
        StoreQuery storeQuery = prepare(access, query);
        long intervalMillis = interval.map(LogService::intervalMillis)
                .orElseGet(() -> autoInterval(storeQuery.toMillis() - storeQuery.fromMillis(),
                        properties.histogramBuckets()));
        return audited(access, "logs.histogram", query, () -> {
            Histogram histogram = store.histogram(storeQuery, intervalMillis, control);
            List<LogHistogram.Bucket> buckets = new ArrayList<>(histogram.counts().length);
            for (int i = 0; i < histogram.counts().length; i++) {
                buckets.add(new LogHistogram.Bucket(
                        Instant.ofEpochMilli(histogram.startMillis() + i * histogram.intervalMillis()),
                        histogram.counts()[i]));
            }
            return new LogHistogram(Duration.ofMillis(histogram.intervalMillis()), buckets, histogram.partial());
        }, histogram -> new Shown(histogram.buckets().size(), List.of(), 0));
    }

    /** The most frequent values of a field among matching events, values masked. */
    public LogTopValues topValues(LogAccess access, LogQuery query, String field, int size, QueryControl control) {
        String canonical = searchableField(field)
                .orElseThrow(() -> new InvalidQueryException("Not a field that can be searched."));
        StoreQuery storeQuery = prepare(access, query);
        return audited(access, "logs.top-values", query, () -> {
            TopValues top = store.topValues(storeQuery, canonical, size, control);
            MaskingContext context = new MaskingContext("", access.exemptCategories());
            List<LogTopValues.Value> values = new ArrayList<>(top.values().size());
            for (TopValues.ValueCount value : top.values()) {
                // Masked as a value of its field, so rules by field name apply as they do in event details.
                MaskedText masked = maskField(context, canonical, value.value());
                values.add(new LogTopValues.Value(masked, value.count()));
            }
            return new LogTopValues(canonical, values, top.eventsWithField(), top.otherCount(), top.partial());
        }, top -> new Shown(top.values().size(), List.of(), 0,
                hits(top.values().stream().map(LogTopValues.Value::value).toList())));
    }

    /**
     * The canonical name of a field that queries and {@link #topValues} accept; empty for a name they refuse. Not every
     * name an event shows is one: a name with a token in it (a key that held an address), a name ingest kept under a
     * safe prefix, a field outside {@code allowed-fields}. Reads nothing.
     */
    public Optional<String> searchableField(String name) {
        return dev.periscope.logs.query.LogFields.canonical(name).filter(f -> properties.limits().allows(f));
    }

    /** Events around one event in the same service and source, within the user's scope. */
    public Optional<LogContext> context(LogAccess access, String eventId, int before, int after,
                                        QueryControl control) {
        if (!LogEvent.isId(eventId)) {
            throw new InvalidQueryException("Not an event id.");
        }
        QueryNode scope = LogQueryRewriter.scopeFilter(access.scope());
        AuditEntry entry = entry(access, "logs.context", "context of event " + eventId + " before=" + before
                + " after=" + after, Optional.empty(), Optional.empty());
        Masking masking = new Masking(access);
        return durablyAudited(entry, () -> store.context(eventId, scope, before, after, control).flatMap(context -> {
            List<MaskedLogEvent> older = masking.all(context.before());
            List<MaskedLogEvent> newer = masking.all(context.after());
            return masking.one(context.anchor()).map(anchor -> new LogContext(older, anchor, newer,
                    context.partial()));
        }), (result, millis) -> new AuditOutcome(result == null ? 0
                : result.map(c -> c.before().size() + 1L + c.after().size()).orElse(0L), 0, millis, masking.rules,
                masking.withheld()));
    }

    /**
     * One event by id, masked, when the user's scope lets them see it: for a link to an event that is not among the
     * rows a view has loaded. Empty when there is no such event or it is outside the scope; the two are not told
     * apart, so a link cannot confirm that a hidden event exists.
     */
    public Optional<MaskedLogEvent> event(LogAccess access, String eventId, QueryControl control) {
        if (!LogEvent.isId(eventId)) {
            throw new InvalidQueryException("Not an event id.");
        }
        QueryNode scope = LogQueryRewriter.scopeFilter(access.scope());
        Masking masking = new Masking(access);
        return durablyAudited(entry(access, "logs.event", "event " + eventId, Optional.empty(), Optional.empty()),
                () -> store.context(eventId, scope, 0, 0, control).flatMap(c -> masking.one(c.anchor())),
                (result, millis) -> {
                    Optional<MaskedLogEvent> shown = result == null ? Optional.empty() : result;
                    return new AuditOutcome(shown.isPresent() ? 1 : 0,
                            shown.map(e -> (long) e.message().text().length()).orElse(0L), millis, masking.rules,
                            masking.withheld());
                });
    }

    /**
     * A further page of a result, read with the access the result was first shown with, if the guard still gives the
     * reader that access; otherwise nothing is read and a {@link LogAccessChangedException} says why.
     */
    public LogPage search(LiveAccess access, LogQuery query, int limit, LogOrder order, Optional<String> cursor,
                          QueryControl control) {
        return search(stillHeld(access, "logs.search", query), query, limit, order, cursor, control);
    }

    /**
     * Opens a live tail: one audit record covers the whole session, completed with its extent (events shown, time
     * span) when the session closes. The view polls it. Every poll asks the guard again: when the reader's access has
     * changed since the tail started (a grant ended or was revoked), the poll shows nothing, the session closes and a
     * {@link LogAccessChangedException} says why.
     *
     * @param startCursor where to start (a cursor from a page or a deep link); empty starts after the newest event
     *     that matches now
     */
    public TailSession tail(LiveAccess liveAccess, LogQuery query, Optional<String> startCursor,
                            QueryControl control) {
        LogAccess access = liveAccess.startedWith();
        Optional<LogCursor> start = startCursor.map(c -> LogCursor.decode(c)
                .orElseThrow(() -> new InvalidQueryException("The tail cursor is not valid.")));
        StoreQuery storeQuery = prepare(access, query);
        AuditReceipt receipt = audit.begin(entry(access, "logs.tail", maskQuery(query.text()),
                Optional.of(query.from()), Optional.of(query.to())));
        try {
            LogCursor position = start.orElseGet(() -> store.search(storeQuery, SortOrder.NEWEST_FIRST, 1,
                            Optional.empty(), control).events().stream().findFirst().map(LogEvent::cursor)
                    .orElse(new LogCursor(storeQuery.fromMillis() - 1, LogEvent.idOf(-1L))));
            return new TailSession(liveAccess, query, storeQuery, position, receipt);
        } catch (RuntimeException e) {
            audit.complete(receipt, new AuditOutcome(0, 0, 0, Map.of(), 0));
            throw e;
        }
    }

    /** A live tail; not thread-safe, one per view. */
    public final class TailSession implements AutoCloseable {
        private final LiveAccess access;
        private final LogQuery asked;
        private final StoreQuery query;
        private final AuditReceipt receipt;
        private final long started = System.nanoTime();
        private final Map<String, Long> rules = new HashMap<>();
        private LogCursor position;
        private long shown;
        private long withheld;
        private boolean closed;

        private TailSession(LiveAccess access, LogQuery asked, StoreQuery query, LogCursor start,
                            AuditReceipt receipt) {
            this.access = access;
            this.asked = asked;
            this.query = query;
            this.position = start;
            this.receipt = receipt;
        }

        /**
         * Events newer than the last poll, oldest first.
         *
         * @throws LogAccessChangedException when the reader's access is no longer what the tail started with; the
         *     session is then closed
         */
        private volatile Optional<String> partial = Optional.empty();

        public List<MaskedLogEvent> poll(int limit, QueryControl control) {
            if (closed) {
                throw new IllegalStateException("the tail session is closed");
            }
            long now = clock.millis();
            StoreQuery live = new StoreQuery(query.filter(), query.fromMillis(), Math.max(query.toMillis(), now + 1),
                    query.screen());
            EventPage page = store.tail(live, position, limit, control);
            // Asked after the store has answered, as late as possible: nothing read while a grant ended is shown.
            LogAccess reader;
            try {
                reader = stillHeld(access, "logs.tail", asked);
            } catch (LogAccessChangedException e) {
                close();
                throw e;
            }
            if (!page.events().isEmpty()) {
                position = page.events().getLast().cursor();
            }
            partial = page.partial();
            Masking masking = new Masking(reader);
            List<MaskedLogEvent> events = masking.all(page.events());
            shown += events.size();
            withheld += masking.withheld();
            masking.rules.forEach((k, v) -> rules.merge(k, v, Long::sum));
            return events;
        }

        /** Why the last poll may have missed events (shards of a cluster failed or timed out); empty when it did not. */
        public Optional<String> partial() {
            return partial;
        }

        /** Where the tail is; a cursor for deep links. */
        public String position() {
            return position.encode();
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                audit.complete(receipt, new AuditOutcome(shown, 0, millisSince(started), rules, withheld));
            }
        }
    }

    /**
     * The access for the next step of a read that goes on; when it has changed, the refusal is recorded beside the
     * read's own record, so the trail says why the read ended.
     */
    private LogAccess stillHeld(LiveAccess access, String action, LogQuery query) {
        try {
            return access.current();
        } catch (LogAccessChangedException e) {
            try {
                audit.record(entry(access.startedWith(), action, maskQuery(query.text()), Optional.of(query.from()),
                        Optional.of(query.to()), AuditEntry.Decision.DENIED,
                        "the reader's access changed while the read went on (an access grant ended, was revoked or"
                                + " began)"));
            } catch (RuntimeException unavailable) {
                // Nothing more is shown either way; the stop itself must still reach the reader.
            }
            throw e;
        }
    }

    /**
     * Opens an export of every event matching the query, newest first, up to {@code export-max-rows}. Everything that
     * can refuse the export happens here, before a byte is written: the policy's export flag (fail closed: without it
     * there is no export), the query, the scope and the audit record. {@link LogExport#writeTo} then streams the
     * events page by page, masked, and completes the record with the rows and bytes written.
     */
    public LogExport openExport(LogAccess access, LogQuery query, ExportFormat format) {
        return openExport(new LiveAccess(access, () -> Optional.of(access)), query, format);
    }

    /**
     * As {@link #openExport(LogAccess, LogQuery, ExportFormat)}, asking for the reader's access again before every page:
     * a grant that ends while a long export is written stops it there, as it stops a live tail.
     */
    public LogExport openExport(LiveAccess live, LogQuery query, ExportFormat format) {
        LogAccess access = live.startedWith();
        if (!access.mayExport()) {
            audit.record(entry(access, "logs.export", maskQuery(query.text()), Optional.of(query.from()),
                    Optional.of(query.to()), AuditEntry.Decision.DENIED, "export not allowed by the access policy"));
            throw new LogAccessDeniedException("Your access policy does not allow exporting logs.");
        }
        StoreQuery storeQuery = prepare(access, query);
        AuditReceipt receipt = audit.begin(entry(access, "logs.export", maskQuery(query.text()),
                Optional.of(query.from()), Optional.of(query.to())));
        return new LogExport(live, query, storeQuery, format, receipt);
    }

    /** An export that is allowed and audited, waiting for its output stream; write it once. */
    public final class LogExport {
        private final LiveAccess live;
        private final LogAccess access;
        private final LogQuery asked;
        private final StoreQuery query;
        private final ExportFormat format;
        private final AuditReceipt receipt;
        private boolean written;

        private LogExport(LiveAccess live, LogQuery asked, StoreQuery query, ExportFormat format,
                          AuditReceipt receipt) {
            this.live = live;
            this.access = live.startedWith();
            this.asked = asked;
            this.query = query;
            this.format = format;
            this.receipt = receipt;
        }

        public ExportFormat format() {
            return format;
        }

        /**
         * Streams the export: one page at a time is held in memory, never the whole result.
         *
         * <p>By the time a later page fails (time limit, backend down) the response has begun and its status cannot
         * change, so the failure is written into the file instead: a last line says that the export is incomplete and
         * why, the rows before it are flushed, and the audit trail gets a record of the early stop beside the export's
         * own. Only a failing output stream (the client went away) ends the export with an exception.
         *
         * @param cancel checked between pages; a cancelled export stops where it is, and says so in its last line
         */
        public LogExportResult writeTo(OutputStream out, QueryControl cancel) throws IOException {
            if (written) {
                throw new IllegalStateException("an export is written once");
            }
            written = true;
            int maxRows = properties.exportMaxRows();
            int pageSize = maxPageSize();
            long started = System.nanoTime();
            Map<String, Long> rules = new HashMap<>();
            long rows = 0;
            long withheld = 0;
            long bytes = 0;
            boolean capped = false;
            Optional<String> stoppedEarly = Optional.empty();
            Optional<String> partial = Optional.empty();
            ExportWriter writer = new ExportWriter(format, out);
            try {
                writer.header();
                Optional<LogCursor> after = Optional.empty();
                while (true) {
                    if (cancel.isCancelled()) {
                        stoppedEarly = Optional.of(incomplete(rows, "it was cancelled."));
                        break;
                    }
                    try {
                        live.current();
                    } catch (LogAccessDeniedException changed) {
                        stoppedEarly = Optional.of(incomplete(rows, "your access to logs changed while it was"
                                + " written (an access grant ended, was revoked or began). Export again to get what"
                                + " your access shows now."));
                        break;
                    }
                    // One more than the cap is asked for, to tell "exactly the cap" from "more than the cap".
                    int limit = (int) Math.min(pageSize, maxRows + 1L - rows);
                    EventPage page;
                    try {
                        page = store.search(query, SortOrder.NEWEST_FIRST, limit, after, newControl());
                    } catch (RuntimeException e) {
                        stoppedEarly = Optional.of(incomplete(rows, whyStopped(e)));
                        break;
                    }
                    if (page.partial().isPresent() && partial.isEmpty()) {
                        // Shards that failed or timed out left events out of this page: the file must say so.
                        partial = page.partial();
                    }
                    List<LogEvent> events = page.events();
                    if (rows + events.size() > maxRows) {
                        capped = true;
                        events = events.subList(0, (int) (maxRows - rows));
                    }
                    Masking masking = new Masking(access);
                    for (MaskedLogEvent event : masking.all(events)) {
                        writer.event(event);
                        rows++;
                    }
                    withheld += masking.withheld();
                    masking.rules.forEach((k, v) -> rules.merge(k, v, Long::sum));
                    // A page can be empty and still not the last (on Elasticsearch, when every event on it was
                    // deleted between its hits and their loading): the export goes on while the cursor moves.
                    Optional<LogCursor> next = page.next();
                    if (capped || next.isEmpty() || next.equals(after)) {
                        break;
                    }
                    after = next;
                }
                if (capped) {
                    writer.note("Export stopped at " + maxRows + " rows, the configured maximum; more events match."
                            + " Narrow the query or the time range to export the rest.");
                }
                if (stoppedEarly.isPresent()) {
                    writer.note(stoppedEarly.get());
                }
                if (partial.isPresent()) {
                    writer.note("Export may be incomplete: " + partial.get());
                }
                bytes = writer.finish();
                return new LogExportResult(rows, bytes, capped, withheld, stoppedEarly);
            } finally {
                audit.complete(receipt, new AuditOutcome(rows, bytes, millisSince(started), rules, withheld));
                if (stoppedEarly.isPresent()) {
                    recordExportStopped(stoppedEarly.get());
                }
            }
        }

        private static String incomplete(long rows, String because) {
            return "Export incomplete: it stopped after " + rows + " rows because " + because;
        }

        /** Why a page could not be read, for the reader of the file: no host names, no stack traces. */
        private static String whyStopped(RuntimeException e) {
            if (e instanceof QueryTimeoutException t) {
                return t.cancelled() ? "it was cancelled."
                        : "a page took longer than the query time limit. Narrow the query or the time range and"
                                + " export again.";
            } else if (e instanceof BackendUnavailableException) {
                return "the log store could not be read. " + e.getMessage();
            }
            org.slf4j.LoggerFactory.getLogger(LogService.class).warn("An export stopped: a page failed", e);
            return "the log store failed. Try again shortly.";
        }

        /** Beside the export's record (completed with what was written): the trail tells a cut-short file apart. */
        private void recordExportStopped(String why) {
            try {
                audit.record(entry(access, "logs.export", maskQuery(asked.text()), Optional.of(asked.from()),
                        Optional.of(asked.to()), AuditEntry.Decision.FAILED, why));
            } catch (RuntimeException unavailable) {
                // The export's own record is completed with the rows written; the file says it is incomplete.
            }
        }
    }

    /**
     * The services a query names ({@code service:payments}) that the reader's access does not cover, so that an empty
     * result can say why instead of suggesting the service logged nothing. Only the names typed are compared with the
     * scope the user already sees on the Access page; the store is not asked, so nothing about other services leaks.
     */
    public List<String> servicesOutsideAccess(LogAccess access, LogQuery query) {
        QueryNode parsed;
        try {
            parsed = parser.parse(query.text());
        } catch (RuntimeException unparsable) {
            return List.of(); // the search itself reports the error
        }
        Set<String> named = new LinkedHashSet<>();
        namedServices(parsed, named);
        return named.stream().filter(s -> !access.scope().allows(s)).toList();
    }

    /** Service names asked for in a query; a negated clause asks for none. */
    private static void namedServices(QueryNode node, Set<String> named) {
        switch (node) {
            case QueryNode.Term t when t.field().equals(LogFields.SERVICE) -> named.add(t.value());
            case QueryNode.And and -> and.clauses().forEach(c -> namedServices(c, named));
            case QueryNode.Or or -> or.clauses().forEach(c -> namedServices(c, named));
            default -> {
            }
        }
    }

    // ------------------------------------------------------------------ the path

    private StoreQuery prepare(LogAccess access, LogQuery query) {
        QueryNode parsed = parser.parse(query.text());
        if (TimeExpressions.longerThan(query.from(), query.to(), access.scope().maxRange())) {
            audit.record(entry(access, "logs.search", maskQuery(query.text()), Optional.of(query.from()),
                    Optional.of(query.to()), AuditEntry.Decision.DENIED, "time range longer than the scope allows"));
            throw new LogAccessDeniedException("The time range is longer than your access allows ("
                    + TimeFormats.duration(access.scope().maxRange()) + "). Narrow it.");
        }
        QueryNode scoped;
        try {
            scoped = rewriter.rewrite(parsed, access.scope());
        } catch (QueryProbeRefusedException e) {
            audit.record(entry(access, "logs.search", maskQuery(query.text()), Optional.of(query.from()),
                    Optional.of(query.to()), AuditEntry.Decision.PROBE_REFUSED,
                    "raw confidential value in the query: " + String.join(", ", e.categories())));
            throw e;
        }
        return new StoreQuery(scoped, epochMillis(query.from()), epochMillis(query.to()), screen);
    }

    /** What a read showed, for the audit outcome. */
    private record Shown(long count, List<MaskedLogEvent> events, long withheld, Map<String, Long> rules) {
        Shown(long count, List<MaskedLogEvent> events, long withheld) {
            this(count, events, withheld, rulesOf(events));
        }
    }

    private <T> T audited(LogAccess access, String action, LogQuery query, Supplier<T> read,
                          Function<T, Shown> shown) {
        return durablyAudited(entry(access, action, maskQuery(query.text()), Optional.of(query.from()),
                Optional.of(query.to())), () -> {
                    try {
                        return read.get();
                    } catch (QueryTimeoutException e) {
                        recordStopped(access, action, query, e);
                        throw e;
                    }
                }, (result, millis) -> {
                    Shown s = result == null ? new Shown(0, List.of(), 0, Map.of()) : shown.apply(result);
                    long bytes = s.events().stream().mapToLong(e -> e.message().text().length()).sum();
                    return new AuditOutcome(s.count(), bytes, millis, s.rules(), s.withheld());
                });
    }

    /** What a read's completion record says, from its result (null when the read failed) and its duration. */
    @FunctionalInterface
    private interface OutcomeOf<T> {
        AuditOutcome of(@Nullable T result, long millis);
    }

    /**
     * Runs a read under an audit record. The start record is written while the store runs the read, so the fsync
     * costs no latency. Nothing found is returned before the record is durable; if it cannot be made durable, the
     * results are dropped (fail closed). A trail that refuses the record outright throws here, and the read does not
     * happen. A read that fails still gets its completion, if its start record became durable.
     */
    private <T> T durablyAudited(AuditEntry entry, Supplier<T> read, OutcomeOf<T> outcome) {
        PendingReceipt pending = audit.beginConcurrently(entry);
        long started = System.nanoTime();
        T result = null;
        AuditReceipt receipt = null;
        boolean readDone = false;
        try {
            result = read.get();
            readDone = true;
            receipt = pending.durable();
            return result;
        } finally {
            receipt = readDone ? receipt : durableOrNull(pending);
            if (receipt != null) {
                audit.complete(receipt, outcome.of(result, millisSince(started)));
            }
        }
    }

    /** The receipt of a read that failed, to complete its record; null when the record never became durable. */
    private static @Nullable AuditReceipt durableOrNull(PendingReceipt pending) {
        try {
            return pending.durable();
        } catch (AuditUnavailableException e) {
            return null;
        }
    }

    /**
     * A read stopped by Cancel or by the time limit gets a record that says so, beside its begun record (which is
     * completed with nothing shown): the trail tells "found nothing" from "stopped".
     */
    private void recordStopped(LogAccess access, String action, LogQuery query, QueryTimeoutException e) {
        try {
            audit.record(entry(access, action, maskQuery(query.text()), Optional.of(query.from()),
                    Optional.of(query.to()), AuditEntry.Decision.FAILED,
                    e.cancelled() ? "cancelled by the reader" : "stopped at the query time limit"));
        } catch (RuntimeException unavailable) {
            // Nothing was shown, and the begun record stands; the stop itself must still reach the reader.
        }
    }

    private AuditEntry entry(LogAccess access, String action, String maskedQuery, Optional<Instant> from,
                             Optional<Instant> to) {
        return entry(access, action, maskedQuery, from, to, AuditEntry.Decision.ALLOWED, access.reason());
    }

    private AuditEntry entry(LogAccess access, String action, String maskedQuery, Optional<Instant> from,
                             Optional<Instant> to, AuditEntry.Decision decision, String reason) {
        // Exclusions are part of what the reader could touch; without them a scope of "all but payments" would read
        // as "*" in the trail. Written as glob negations, after the inclusions.
        List<String> services = java.util.stream.Stream.concat(access.scope().includeServices().stream(),
                access.scope().excludeServices().stream().map(excluded -> "!" + excluded)).toList();
        return new AuditEntry(access.actor(), action, new AuditEntry.Target(store.backend(), services, from, to),
                maskedQuery, decision, reason, access.grantId());
    }

    /** People paste secrets into search boxes: the audit record holds the query only after masking. */
    private String maskQuery(String text) {
        try {
            return QueryTextMasking.mask(masker, text);
        } catch (RuntimeException e) {
            return "[query withheld: masking failed]";
        }
    }

    private LogPage maskPage(LogAccess access, EventPage page) {
        Masking masking = new Masking(access);
        List<MaskedLogEvent> events = masking.all(page.events());
        return new LogPage(events, page.total(), page.totalExact(), page.next().map(LogCursor::encode),
                masking.withheld(), page.partial());
    }

    private MaskedText maskField(MaskingContext context, String field, String value) {
        try {
            MaskedText masked = masker.mask(context, Map.of(field, value)).asMap().get(field);
            return masked != null ? masked : masker.mask(context, PLACEHOLDER);
        } catch (RuntimeException e) {
            return masker.mask(context, PLACEHOLDER);
        }
    }

    /** Masks events for one reader, counting rule hits and failures. */
    private final class Masking {
        private final LogAccess access;
        /** Rule hits of the events handed out, counted on the caller's thread. */
        private final Map<String, Long> rules = new HashMap<>();
        // Events of one page are masked on more than one thread (PageWork), so this tally is thread-safe.
        private final java.util.concurrent.atomic.AtomicLong withheldCount = new java.util.concurrent.atomic.AtomicLong();

        /** The masker's stamp for this page's events, taken once: null when nothing may be kept. */
        private final @Nullable Object stamp;

        Masking(LogAccess access) {
            this.access = access;
            this.stamp = recentEvents == null ? null : masker.reuse().map(Masker.Reuse::stamp).orElse(null);
        }

        List<MaskedLogEvent> all(List<LogEvent> events) {
            List<MaskedLogEvent> masked = PageWork.map(events, this::masked).stream().flatMap(Optional::stream)
                    .toList();
            masked.forEach(this::count);
            return masked;
        }

        Optional<MaskedLogEvent> one(LogEvent event) {
            Optional<MaskedLogEvent> masked = masked(event);
            masked.ifPresent(this::count);
            return masked;
        }

        long withheld() {
            return withheldCount.get();
        }

        private Optional<MaskedLogEvent> masked(LogEvent event) {
            Set<String> exempt = access.exemptCategoriesFor(event.service());
            // Output shown under an exemption holds raw values, so it is never kept.
            boolean keep = stamp != null && exempt.isEmpty();
            MaskedLogEvent known = keep ? recentEvents.get(stamp, event) : null;
            if (known != null) {
                return Optional.of(known);
            }
            MaskingContext context = new MaskingContext(event.service(), exempt);
            MaskedLogEvent masked;
            try {
                masked = toMasked(event, context, masker.mask(context, event.message()),
                        masker.mask(context, event.fields()));
            } catch (RuntimeException e) {
                return placeholderFor(event, context);
            }
            if (masked.withheld()) {
                withheldCount.incrementAndGet(); // and not kept: the next read tries again
            } else if (keep) {
                recentEvents.put(stamp, event, masked);
            }
            return Optional.of(masked);
        }

        /** Fail closed: the event is replaced by a placeholder; if even that cannot be built, it is left out. */
        private Optional<MaskedLogEvent> placeholderFor(LogEvent event, MaskingContext context) {
            withheldCount.incrementAndGet();
            try {
                return Optional.of(toMasked(event, context, masker.mask(context, PLACEHOLDER),
                        masker.mask(context, Map.of())));
            } catch (RuntimeException again) {
                return Optional.empty();
            }
        }

        private void count(MaskedLogEvent event) {
            addHits(rules, event);
        }
    }

    /**
     * Service, level and source are labels, not free text, but a shipper can put anything in them (a JSON event's
     * {@code service} or a file named after a customer), so they pass the engine too.
     */
    private MaskedLogEvent toMasked(LogEvent event, MaskingContext context, MaskedText message, MaskedFields fields) {
        return new MaskedLogEvent(event.id(), Instant.ofEpochMilli(event.timestamp()),
                masker.maskLabel(context, event.service()).text(), masker.maskLabel(context, event.level()).text(),
                message, fields, masker.maskLabel(context, event.source()).text(), event.line(), event.unparsed());
    }

    private static Map<String, Long> rulesOf(List<MaskedLogEvent> events) {
        Map<String, Long> rules = new HashMap<>();
        for (MaskedLogEvent event : events) {
            addHits(rules, event);
        }
        return rules;
    }

    private static void addHits(Map<String, Long> rules, MaskedLogEvent event) {
        for (RuleHit hit : event.message().hits()) {
            rules.merge(hit.ruleId(), (long) hit.count(), Long::sum);
        }
        for (RuleHit hit : event.fields().hits()) {
            rules.merge(hit.ruleId(), (long) hit.count(), Long::sum);
        }
    }

    private static Map<String, Long> hits(List<MaskedText> texts) {
        Map<String, Long> rules = new HashMap<>();
        for (MaskedText text : texts) {
            for (RuleHit hit : text.hits()) {
                rules.merge(hit.ruleId(), (long) hit.count(), Long::sum);
            }
        }
        return rules;
    }

    /** An interval the user asked for, in milliseconds; one so long that it overflows is refused, not a crash. */
    private static long intervalMillis(Duration interval) {
        if (interval.compareTo(Duration.ofMillis(1)) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
            throw new InvalidQueryException("The histogram interval must be between 1 millisecond and "
                    + TimeFormats.duration(MAX_INTERVAL) + ".");
        }
        return interval.toMillis();
    }

    /** A point in time in epoch milliseconds; one too far off to be one (beyond ±292 million years) is refused. */
    private static long epochMillis(Instant instant) {
        try {
            return instant.toEpochMilli();
        } catch (ArithmeticException e) {
            throw new InvalidQueryException("The time range lies too far in the past or the future.");
        }
    }

    private static long autoInterval(long rangeMillis, int buckets) {
        long target = Math.max(1, rangeMillis / Math.max(1, buckets));
        for (long nice : NICE_INTERVALS) {
            if (nice >= target) {
                return nice;
            }
        }
        return NICE_INTERVALS[NICE_INTERVALS.length - 1] * (target / NICE_INTERVALS[NICE_INTERVALS.length - 1] + 1);
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
