package dev.periscope.auditor.ui;

import com.vaadin.flow.component.html.Span;
import dev.periscope.audit.AuditEntry.Decision;
import java.util.Locale;

/**
 * An audit decision as the auditor reads it: "Probe refused", not {@code PROBE_REFUSED}. The trail, its index and the
 * exports keep the recorded name, which tools reading an export rely on; the views show it where an auditor may need
 * to match a row to an exported one (the badge's {@code data-decision}, the event's dialog) and find it by either.
 */
final class Decisions {

    private Decisions() {
    }

    static String label(Decision decision) {
        return switch (decision) {
            case ALLOWED -> "Allowed";
            case DENIED -> "Denied";
            case PROBE_REFUSED -> "Probe refused";
            case FAILED -> "Failed";
        };
    }

    /** Whether what the auditor typed into the decision filter names this decision, in words or as recorded. */
    static boolean matches(Decision decision, String typed) {
        String text = typed.strip().toLowerCase(Locale.ROOT);
        return label(decision).toLowerCase(Locale.ROOT).contains(text)
                || decision.name().toLowerCase(Locale.ROOT).contains(text);
    }

    /** A badge in words; anything but an allowed action is marked as an error, so refusals stand out in the list. */
    static Span badge(Decision decision) {
        Span badge = new Span(label(decision));
        badge.getElement().getThemeList().add("badge");
        badge.getElement().setAttribute("data-decision", decision.name());
        if (decision != Decision.ALLOWED) {
            badge.getElement().getThemeList().add("error");
        }
        return badge;
    }
}
