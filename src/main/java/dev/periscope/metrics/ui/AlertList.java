package dev.periscope.metrics.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.QueryParameters;
import dev.periscope.base.TimeFormats;
import dev.periscope.masking.MaskedText;
import dev.periscope.metrics.MaskedAlert;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Pending and firing alerts as rows: state, name, service and severity, summary, since when, and links to the
 * alert's dashboard and to the logs of its service around its start. Everything shown is masked.
 */
final class AlertList {

    /** A dashboard opened from an alert shows from a while before the alert began up to now. */
    private static final Duration DASHBOARD_LEAD = Duration.ofMinutes(30);

    private AlertList() {
    }

    /**
     * @param dashboards the ids of the dashboards the reader may open; an alert links to the one its
     *     {@code dashboard} annotation names, else to the one named like its service
     * @param detailed whether to show descriptions and rule expressions (the alerts page) or only summaries (a panel)
     */
    static Div of(List<MaskedAlert> alerts, Set<String> dashboards, Clock clock, boolean detailed) {
        Div list = new Div();
        list.addClassName("alert-list");
        if (alerts.isEmpty()) {
            Span none = new Span("No pending or firing alerts in your scope.");
            none.addClassName("alerts-none");
            list.add(none);
        }
        for (MaskedAlert a : alerts) {
            list.add(row(a, dashboards, clock, detailed));
        }
        return list;
    }

    static String summary(List<MaskedAlert> alerts) {
        long firing = alerts.stream().filter(a -> a.state() == MaskedAlert.State.FIRING).count();
        return firing + " firing · " + (alerts.size() - firing) + " pending";
    }

    private static Div row(MaskedAlert a, Set<String> dashboards, Clock clock, boolean detailed) {
        boolean firing = a.state() == MaskedAlert.State.FIRING;
        Span state = new Span(firing ? "Firing" : "Pending");
        state.getElement().getThemeList().add(firing ? "badge error primary" : "badge contrast");
        state.addClassName("alert-state");
        Span name = new Span(a.name().text());
        name.addClassName("alert-name");
        name.getStyle().set("font-weight", "600");
        a.expression().ifPresent(e -> name.setTitle(e.text()));
        Div head = new Div(state, name);
        text(a, "service").map(s -> label("service", s)).or(() -> text(a, "job").map(j -> label("job", j)))
                .ifPresent(head::add);
        text(a, "severity").ifPresent(s -> head.add(label("severity", s)));
        a.activeAt().ifPresent(t -> {
            Span since = new Span("since " + TimeFormats.utc(t) + " ("
                    + ago(Duration.between(t, clock.instant())) + ")");
            since.addClassName("alert-since");
            since.getStyle().set("color", "var(--lumo-secondary-text-color)");
            head.add(since);
        });
        flex(head);

        Div row = new Div(head);
        row.addClassName("alert-row");
        row.getElement().setAttribute("data-alert", a.name().text());
        row.getElement().setAttribute("data-state", firing ? "firing" : "pending");
        row.getStyle().set("padding", "var(--lumo-space-xs) 0")
                .set("border-bottom", "1px solid var(--lumo-contrast-10pct)");
        annotation(a, "summary").ifPresent(s -> row.add(line(s, "alert-summary")));
        if (detailed) {
            annotation(a, "description").ifPresent(s -> row.add(line(s, "alert-description")));
            a.expression().ifPresent(e -> {
                Div expr = line(e.text() + "  (value " + value(a) + ")", "alert-expression");
                expr.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)")
                        .set("font-size", "var(--lumo-font-size-xs)")
                        .set("color", "var(--lumo-secondary-text-color)");
                row.add(expr);
            });
        }
        Div links = new Div();
        flex(links);
        dashboardOf(a, dashboards).ifPresent(id -> {
            Anchor d = new Anchor(dashboardLink(id, a.activeAt(), clock), "Dashboard");
            d.addClassName("alert-dashboard-link");
            links.add(d);
        });
        a.activeAt().ifPresent(t -> {
            Anchor logs = new Anchor(LogsLink.aroundAlert(t, a.service()), "Logs around its start");
            logs.addClassName("alert-logs-link");
            links.add(logs);
        });
        row.add(links);
        return row;
    }

    /**
     * The alert's value in the unit its rule names in a {@code unit} annotation, with the words of dashboard panels
     * ({@code percent} for a 0–1 ratio, {@code seconds}, {@code bytes}, {@code ops}, {@code none}). Without one, or
     * with a unit or value this cannot read, the value stays as the backend wrote it: a number's unit is not guessed.
     */
    static String value(MaskedAlert a) {
        String raw = a.value().text();
        return annotation(a, "unit").flatMap(AlertList::unit)
                .flatMap(unit -> number(raw).map(unit::format))
                .orElse(raw);
    }

    private static Optional<ChartUnit> unit(String id) {
        try {
            return Optional.of(ChartUnit.of(id.strip()));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    private static Optional<Double> number(String text) {
        try {
            double v = Double.parseDouble(text.strip());
            return Double.isFinite(v) ? Optional.of(v) : Optional.empty();
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
    }

    static Optional<String> dashboardOf(MaskedAlert a, Set<String> dashboards) {
        return annotation(a, "dashboard").filter(dashboards::contains)
                .or(() -> a.service().filter(dashboards::contains));
    }

    static String dashboardLink(String id, Optional<Instant> activeAt, Clock clock) {
        var params = new LinkedHashMap<String, String>();
        Instant from = activeAt.map(t -> t.minus(DASHBOARD_LEAD)).orElse(clock.instant().minus(Duration.ofHours(1)));
        // A range of at least an hour, so a fresh alert still shows what came before it.
        Instant hourAgo = clock.instant().minus(Duration.ofHours(1));
        params.put("from", from.isAfter(hourAgo) ? "now-1h" : from.truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
                .toString());
        params.put("to", "now");
        return "dashboards/" + id + "?" + QueryParameters.simple(params).getQueryString();
    }

    /** How long the alert has been active, in whole minutes passed: "just now", "5 min", "2 h 5 min". */
    static String ago(Duration d) {
        if (d.toMinutes() < 1) {
            return "just now";
        }
        return TimeFormats.duration(d.truncatedTo(java.time.temporal.ChronoUnit.MINUTES));
    }

    private static Optional<String> annotation(MaskedAlert a, String key) {
        return Optional.ofNullable(a.annotations().get(key)).map(MaskedText::text).filter(s -> !s.isBlank());
    }

    private static Optional<String> text(MaskedAlert a, String label) {
        return Optional.ofNullable(a.labels().get(label)).map(MaskedText::text).filter(s -> !s.isBlank());
    }

    private static Span label(String name, String value) {
        Span s = new Span(name + "=" + value);
        s.addClassName("alert-label");
        s.getElement().getThemeList().add("badge");
        return s;
    }

    private static Div line(String text, String className) {
        Div d = new Div();
        d.setText(text);
        d.addClassName(className);
        d.getStyle().set("margin", "2px 0");
        return d;
    }

    private static void flex(Div d) {
        d.getStyle().set("display", "flex").set("flex-wrap", "wrap").set("gap", "var(--lumo-space-s)")
                .set("align-items", "baseline");
    }
}
