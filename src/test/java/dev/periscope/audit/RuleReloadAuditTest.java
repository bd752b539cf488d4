package dev.periscope.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periscope.masking.RulesReloaded;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RuleReloadAuditTest {

    @Test
    void a_reload_and_a_refused_reload_are_both_recorded() {
        RecordingAuditTrail trail = new RecordingAuditTrail();
        RuleReloadAudit audit = new RuleReloadAudit(trail);

        audit.reloaded(new RulesReloaded("masking-rules", 136, Optional.empty()));
        audit.reloaded(new RulesReloaded("masking-rules", 136, Optional.of("pii.yaml:12: bad pattern")));

        assertThat(trail.actions()).containsExactly("config.rules.reload", "config.rules.reload");
        assertThat(trail.recorded.get(0).decision()).isEqualTo(AuditEntry.Decision.ALLOWED);
        assertThat(trail.recorded.get(1).decision()).isEqualTo(AuditEntry.Decision.DENIED);
        assertThat(trail.recorded.get(1).reason()).contains("pii.yaml:12", "rule set in force stays");
    }
}
