package dev.periscope.auditor.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.html.Span;
import dev.periscope.audit.AuditEntry.Decision;
import org.junit.jupiter.api.Test;

class DecisionsTest {

    @Test
    void every_decision_reads_in_plain_words() {
        assertThat(Decisions.label(Decision.ALLOWED)).isEqualTo("Allowed");
        assertThat(Decisions.label(Decision.DENIED)).isEqualTo("Denied");
        assertThat(Decisions.label(Decision.PROBE_REFUSED)).isEqualTo("Probe refused");
        assertThat(Decisions.label(Decision.FAILED)).isEqualTo("Failed");
    }

    @Test
    void the_badge_shows_words_keeps_the_recorded_name_and_marks_all_but_allowed_as_errors() {
        Span probe = Decisions.badge(Decision.PROBE_REFUSED);
        Span allowed = Decisions.badge(Decision.ALLOWED);

        assertThat(probe.getText()).isEqualTo("Probe refused");
        assertThat(probe.getElement().getAttribute("data-decision")).isEqualTo("PROBE_REFUSED");
        assertThat(probe.getElement().getThemeList()).contains("badge", "error");
        assertThat(allowed.getElement().getThemeList()).contains("badge").doesNotContain("error");
    }

    @Test
    void the_decision_filter_finds_a_decision_by_its_words_or_by_the_name_the_exports_carry() {
        assertThat(Decisions.matches(Decision.PROBE_REFUSED, "probe ref")).isTrue();
        assertThat(Decisions.matches(Decision.PROBE_REFUSED, "PROBE_REFUSED")).isTrue();
        assertThat(Decisions.matches(Decision.DENIED, "probe")).isFalse();
        assertThat(Decisions.matches(Decision.DENIED, "")).isTrue();
    }
}
