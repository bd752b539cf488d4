package dev.periscope.auditor.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import dev.periscope.audit.AuditEvent;
import dev.periscope.audit.AuditOutcome;
import dev.periscope.base.PropertyRow;
import dev.periscope.base.TimeFormats;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** One audit record in full. The query text is shown as recorded: it was masked before it was written. */
class AuditEventDialog extends Dialog {

    AuditEventDialog(AuditEvent e, Consumer<String> showUser, Consumer<String> showGrant) {
        setId("audit-event-dialog");
        setHeaderTitle(e.action() + " by " + e.userId());
        setWidth("44rem");
        Div fields = new Div();
        fields.setId("audit-event-fields");
        row(fields, "Record id", e.id());
        row(fields, "Chain position", String.valueOf(e.seq()));
        row(fields, "Time", TimeFormats.utc(e.time()));
        row(fields, "Type", e.type());
        row(fields, "User", e.userId());
        row(fields, "Roles", String.join(", ", e.roles()));
        row(fields, "Session (hashed)", e.sessionHash());
        row(fields, "Client address", e.clientAddress());
        row(fields, "User agent", e.userAgent());
        row(fields, "Action", e.action());
        row(fields, "Backend", e.backend());
        row(fields, "Services", String.join(", ", e.services()));
        row(fields, "Queried from", e.from().map(TimeFormats::utc).orElse(""));
        row(fields, "Queried to", e.to().map(TimeFormats::utc).orElse(""));
        row(fields, "Query (masked)", e.maskedQuery());
        // The recorded name too: the exports carry it, and an auditor may match this record to an exported row.
        row(fields, "Decision", Decisions.label(e.decision()) + " (" + e.decision().name() + ")");
        row(fields, "Reason", e.reason());
        row(fields, "Grant", e.grantId().orElse("none"));
        Optional<AuditOutcome> outcome = e.outcome();
        row(fields, "Result", outcome.map(o -> o.count() + " items, " + o.bytes() + " bytes, " + o.durationMillis()
                + " ms" + (o.withheld() > 0 ? ", " + o.withheld() + " withheld" : ""))
                .orElse("no completion recorded"));
        row(fields, "Masking rules fired", outcome.map(o -> o.rulesFired().isEmpty() ? "none"
                : o.rulesFired().entrySet().stream().map(r -> r.getKey() + " × " + r.getValue())
                        .sorted().collect(Collectors.joining(", "))).orElse(""));
        add(fields);

        Button timeline = new Button("Timeline of " + e.userId(), x -> {
            close();
            showUser.accept(e.userId());
        });
        timeline.setId("event-user-timeline");
        getFooter().add(timeline);
        e.grantId().ifPresent(grant -> {
            Button underGrant = new Button("Actions under this grant", x -> {
                close();
                showGrant.accept(grant);
            });
            getFooter().add(underGrant);
        });
        Button close = new Button("Close", x -> close());
        close.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(close);
    }

    private static void row(Div fields, String label, String value) {
        fields.add(PropertyRow.of(label, value));
    }
}
