package dev.periscope.auditor.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import dev.periscope.audit.AuditVerification;
import dev.periscope.auditor.AuditorWorkspace;
import dev.periscope.base.TimeFormats;
import dev.periscope.security.CurrentUser;
import java.util.Optional;

/** Last verification and its result, checkpoint status, and "Verify now". */
class IntegrityPanel extends Div {

    private final AuditorWorkspace workspace;
    private final CurrentUser user;
    private final Span result = new Span();
    private final Paragraph checkpoints = new Paragraph();
    private final UnorderedList warnings = new UnorderedList();
    private final UnorderedList notes = new UnorderedList();

    IntegrityPanel(AuditorWorkspace workspace, CurrentUser user) {
        this.workspace = workspace;
        this.user = user;
        setId("integrity-panel");
        addClassName("integrity-panel");
        result.setId("verification-result");
        checkpoints.setId("checkpoint-status");
        warnings.setId("verification-warnings");
        notes.setId("verification-notes");
        Button verify = new Button("Verify now", e -> show(Optional.of(workspace.verifyNow(user))));
        verify.setId("verify-now");
        verify.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        // Verification reads the whole chain; one click at a time.
        verify.setDisableOnClick(true);
        verify.addClickListener(e -> verify.setEnabled(true));
        add(new H3("Integrity"), new Paragraph(result), warnings, notes, checkpoints, verify);
        show(workspace.lastVerification(user));
    }

    private void show(Optional<AuditVerification> last) {
        result.getElement().getThemeList().clear();
        warnings.removeAll();
        notes.removeAll();
        result.getElement().getThemeList().add("badge");
        if (last.isEmpty()) {
            result.setText("Not verified since the portal started.");
        } else {
            AuditVerification v = last.get();
            String when = "Verified " + TimeFormats.utc(v.verifiedAt()) + ": ";
            if (v.intact()) {
                String counts = counted(v.records(), "record") + " in " + counted(v.segments(), "segment") + ", "
                        + counted(v.checkpoints(), "checkpoint");
                // Intact with warnings is not a clean bill: a green badge would tell an auditor to look no further.
                if (v.warnings().isEmpty()) {
                    result.setText(when + "intact — " + counts);
                    result.getElement().getThemeList().add("success");
                } else {
                    result.setText(when + "intact, with warnings — " + counts);
                    result.getElement().getThemeList().add("warning");
                    v.warnings().forEach(w -> warnings.add(new ListItem(w)));
                }
                v.notes().forEach(n -> notes.add(new ListItem(n)));
            } else {
                AuditVerification.Tamper t = v.tamper().orElseThrow();
                result.setText(when + "TAMPERED — " + t.kind() + ", first bad record: " + t);
                result.getElement().getThemeList().add("error");
            }
        }
        boolean enabled = workspace.checkpointsEnabled(user);
        checkpoints.setText(!enabled
                ? "Checkpoints are off: no signing key is configured, so the newest records could be cut unnoticed."
                : workspace.lastCheckpoint(user)
                        .map(t -> "Checkpoints are signed; the last one at " + TimeFormats.utc(t) + ".")
                        .orElse("Checkpoints are signed; none written by this process yet."));
    }

    private static String counted(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
