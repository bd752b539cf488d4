package dev.periscope.logs.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.periscope.base.PropertyRow;
import dev.periscope.base.TimeFormats;
import dev.periscope.logs.IngestMonitor;
import dev.periscope.logs.IngestStatus;
import dev.periscope.logs.LogStoreStatus;
import dev.periscope.security.CurrentUser;
import dev.periscope.security.Roles;
import com.vaadin.flow.shared.Registration;
import jakarta.annotation.security.RolesAllowed;
import java.util.Locale;
import java.util.Optional;

/** Ingest at a glance for administrators: files followed and their lag, failures, throughput, store size. */
@Route("ingest")
@PageTitle("Ingest")
@Menu(order = 91, icon = "vaadin:file-process", title = "Ingest")
@RolesAllowed(Roles.ADMIN)
class IngestStatusView extends Div {

    private static final int REFRESH_MILLIS = 2_000;

    private final IngestMonitor monitor;
    private final Div summary = new Div();
    private final Div store = new Div();
    private final Grid<IngestStatus.FileStatus> files = new Grid<>();
    private final Paragraph note = new Paragraph();
    private long lastEvents = -1;
    private long lastSampleNanos;
    private double eventsPerSecond = Double.NaN;
    private Registration polling = () -> { };

    IngestStatusView(IngestMonitor monitor) {
        this.monitor = monitor;
        addClassName("page");
        setId("ingest-status");
        summary.setId("ingest-summary");
        store.setId("store-status");
        files.setId("ingest-files");
        files.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        files.addColumn(IngestStatus.FileStatus::source).setHeader("File").setFlexGrow(3);
        files.addColumn(f -> bytes(f.offset())).setHeader("Read to (checkpoint)").setAutoWidth(true);
        files.addColumn(f -> bytes(f.size())).setHeader("Size").setAutoWidth(true);
        files.addColumn(f -> bytes(f.lagBytes())).setHeader("Lag").setAutoWidth(true);
        files.setAllRowsVisible(true);
        add(new H2("Ingest"), note, summary, new H3("Store"), store, new H3("Files followed"), files);
        refresh();
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        event.getUI().setPollInterval(REFRESH_MILLIS);
        polling = event.getUI().addPollListener(e -> refresh());
    }

    @Override
    protected void onDetach(DetachEvent event) {
        event.getUI().setPollInterval(-1);
        polling.remove();
        super.onDetach(event);
    }

    private void refresh() {
        Optional<CurrentUser> user = CurrentUser.get();
        if (user.isEmpty()) {
            return;
        }
        Optional<IngestStatus> status = monitor.ingest(user.get());
        summary.removeAll();
        if (status.isEmpty()) {
            note.setText("File ingest is switched off (periscope.ingest.enabled=false).");
        } else {
            IngestStatus s = status.get();
            sample(s.eventsIngested());
            note.setText(s.running() ? "Following " + s.directory() : "Stopped. Directory: " + s.directory());
            summary.add(row("Events/s", Double.isNaN(eventsPerSecond) ? "measuring…"
                            : String.format(Locale.ROOT, "%.1f", eventsPerSecond)),
                    row("Events ingested", count(s.eventsIngested())),
                    row("Bytes read", bytes(s.bytesRead())),
                    row("Lag", bytes(s.lagBytes())),
                    row("Unparsed lines (kept raw)", count(s.unparsedLines())),
                    row("Lines cut at the length limit", count(s.cutLines())),
                    row("Rotations / truncations", s.rotations() + " / " + s.truncations()),
                    row("Errors", count(s.errors())),
                    row("Bytes lost before they were read (rotated away)", bytes(s.lostBytes())),
                    row("Last error", s.lastError().orElse("none")),
                    row("Last commit (checkpoints)", s.lastCommit().map(Object::toString).orElse("not yet")));
            files.setItems(s.files());
        }
        store.removeAll();
        Optional<LogStoreStatus> st = monitor.store(user.get());
        st.ifPresentOrElse(s -> store.add(row("Events stored", count(s.events())),
                        row("Size on disk", s.sizeBytes() < 0 ? "unknown" : bytes(s.sizeBytes())),
                        row("Retention", "events older than " + TimeFormats.duration(s.retentionMaxAge())
                                + (s.retentionMaxBytes() > 0 ? ", at most " + bytes(s.retentionMaxBytes()) : "")),
                        row("Deleted by retention since start", count(s.retentionDeleted())),
                        row("Events with fields left unindexed (over " + count(s.maxFieldNames())
                                + " field names)", count(s.eventsWithFieldsUnindexed()))),
                () -> store.add(new Span("The embedded store is not in use.")));
    }

    private void sample(long events) {
        long now = System.nanoTime();
        if (lastEvents >= 0 && now > lastSampleNanos) {
            eventsPerSecond = (events - lastEvents) * 1e9 / (now - lastSampleNanos);
        }
        lastEvents = events;
        lastSampleNanos = now;
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = n;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    private static Div row(String label, String value) {
        return PropertyRow.of(label, value);
    }
}
