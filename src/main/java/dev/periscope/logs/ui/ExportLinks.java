package dev.periscope.logs.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.server.streams.DownloadEvent;
import com.vaadin.flow.server.streams.DownloadHandler;
import dev.periscope.audit.AuditUnavailableException;
import dev.periscope.logs.LiveAccess;
import dev.periscope.logs.LogAccess;
import dev.periscope.logs.LogAccessDeniedException;
import dev.periscope.base.ExportFormat;
import dev.periscope.logs.LogExportResult;
import dev.periscope.logs.LogQuery;
import dev.periscope.logs.LogService;
import dev.periscope.logs.QueryProbeRefusedException;
import dev.periscope.logs.query.InvalidQueryException;
import java.io.IOException;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Download links for the current result as CSV or NDJSON. Shown only when the policy allows export; the service
 * checks again on every download, because a hidden link proves nothing.
 */
final class ExportLinks extends HorizontalLayout {

    private final LogService logs;
    private final Supplier<Optional<LiveAccess>> access;
    private final Supplier<LogQuery> query;
    private final Clock clock;

    ExportLinks(LogService logs, Supplier<Optional<LiveAccess>> access, Supplier<LogQuery> query, Clock clock,
                int maxRows) {
        this.logs = logs;
        this.access = access;
        this.query = query;
        this.clock = clock;
        setId("export-links");
        addClassName("export-links");
        setSpacing(false);
        Span label = new Span("Export");
        label.getElement().setAttribute("title", "The current result, masked, at most "
                + String.format(Locale.ROOT, "%,d", maxRows) + " rows; the export is audited.");
        add(label, link(ExportFormat.CSV), link(ExportFormat.NDJSON));
    }

    /** Shows the links only to users whose policy lets them export. */
    void showFor(Optional<LogAccess> reader) {
        setVisible(reader.map(LogAccess::mayExport).orElse(false));
    }

    private Anchor link(ExportFormat format) {
        Anchor anchor = new Anchor((DownloadHandler) this::download, "");
        anchor.add(VaadinIcon.DOWNLOAD_ALT.create(), new Span(format.name()));
        anchor.setId("export-" + format.extension());
        anchor.getElement().setAttribute("data-format", format.extension());
        anchor.getElement().setAttribute("title", "Download as " + format.name());
        return anchor;
    }

    private void download(DownloadEvent event) throws IOException {
        ExportFormat format = ExportFormat.of(event.getOwningComponent().getElement()
                .getAttribute("data-format")).orElseThrow();
        // Read once: the query may change in the browser while the file is written.
        LogQuery current = query.get();
        LogService.LogExport export;
        try {
            export = logs.openExport(access.get().orElseThrow(() -> new LogAccessDeniedException(
                    "Your roles give you no access to logs.")), current, format);
        } catch (LogAccessDeniedException | QueryProbeRefusedException | InvalidQueryException e) {
            refuse(event, 403, e.getMessage());
            return;
        } catch (AuditUnavailableException e) {
            refuse(event, 503, "The audit trail cannot record this export, so it was refused. Try again shortly.");
            return;
        }
        event.setFileName("logs-" + clock.instant().toString().replace(':', '-') + "." + format.extension());
        event.setContentType(format.contentType());
        LogExportResult result = export.writeTo(event.getOutputStream(), logs.newControl());
        event.getUI().access(() -> notify(message(result), result.capped() || result.stoppedEarly().isPresent()));
    }

    /** What the reader is told once the file is written; an incomplete file says so here as well as in its last line. */
    static String message(LogExportResult result) {
        if (result.stoppedEarly().isPresent()) {
            return result.stoppedEarly().get();
        } else if (result.capped()) {
            return "Exported the first " + result.rows() + " events: the export limit. Narrow the query for the rest.";
        }
        return "Exported " + result.rows() + " events.";
    }

    private static void refuse(DownloadEvent event, int status, String message) throws IOException {
        event.getResponse().setStatus(status);
        event.getUI().access(() -> notify(message, true));
    }

    private static void notify(String message, boolean warning) {
        Notification notification = Notification.show(message, 6000, Notification.Position.BOTTOM_START);
        notification.addThemeVariants(warning ? NotificationVariant.LUMO_WARNING : NotificationVariant.LUMO_SUCCESS);
    }
}
