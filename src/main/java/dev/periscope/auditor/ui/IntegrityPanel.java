package dev.periscope.auditor.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import dev.periscope.audit.AuditVerification;
import dev.periscope.auditor.AuditorWorkspace;
import dev.periscope.security.CurrentUser;
import java.util.Optional;

/** Last verification and its result, checkpoint status, and "Verify now". */
class IntegrityPanel extends Div {

    private final AuditorWorkspace workspace;
    private final CurrentUser user;
    private final Span result = new Span();
    private final Paragraph checkpoints = new Paragraph();

    IntegrityPanel(AuditorWorkspace workspace, CurrentUser user) {
        this.workspace = workspace;
        this.user = user;
        setId("integrity-panel");
        addClassName("integrity-panel");
        result.setId("verification-result");
        checkpoints.setId("checkpoint-status");
        Button verify = new Button("Verify now", e -> show(Optional.of(workspace.verifyNow(user))));
        verify.setId("verify-now");
        verify.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        // Verification reads the whole chain; one click at a time.
        verify.setDisableOnClick(true);
        verify.addClickListener(e -> verify.setEnabled(true));
        add(new H3("Integrity"), new Paragraph(result), checkpoints, verify);
        show(workspace.lastVerification(user));
    }

    private void show(Optional<AuditVerification> last) {
        result.getElement().getThemeList().clear();
        result.getElement().getThemeList().add("badge");
        if (last.isEmpty()) {
            result.setText("Not verified since the portal started.");
        } else {
            AuditVerification v = last.get();
            String when = "Verified " + Formats.time(v.verifiedAt()) + ": ";
            if (v.intact()) {
                result.setText(when + "intact — " + v.records() + " records in " + v.segments() + " segments, "
                        + v.checkpoints() + " checkpoints"
                        + (v.warnings().isEmpty() ? "" : "; warnings: " + String.join("; ", v.warnings())));
                result.getElement().getThemeList().add("success");
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
                        .map(t -> "Checkpoints are signed; the last one at " + Formats.time(t) + ".")
                        .orElse("Checkpoints are signed; none written by this process yet."));
    }
}
