package dev.periscope.access.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import dev.periscope.access.AccessGuard;
import dev.periscope.access.Grant;
import dev.periscope.base.HeaderNotice;
import dev.periscope.base.TimeFormats;
import dev.periscope.security.CurrentUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** "ELEVATED ACCESS: payments, expires in 37 min" on every page while a grant is in force. */
@org.springframework.stereotype.Component
class ElevatedAccessNotice implements HeaderNotice {

    private final AccessGuard guard;
    private final Clock clock;

    ElevatedAccessNotice(AccessGuard guard, Clock clock) {
        this.guard = guard;
        this.clock = clock;
    }

    @Override
    public Optional<com.vaadin.flow.component.Component> create() {
        Optional<CurrentUser> user = CurrentUser.get();
        if (user.isEmpty() || guard.activeGrants(user.get().id(), clock.instant()).isEmpty()) {
            return Optional.empty();
        }
        Span text = new Span();
        Div notice = new Div(text);
        notice.setId("elevated-access");
        notice.addClassName("elevated-access");
        refresh(user.get(), text);
        // The countdown ticks once a minute; when the grant ends the notice says so until the next page load.
        notice.addAttachListener(e -> {
            UI ui = e.getUI();
            ui.setPollInterval(30_000);
            ui.addPollListener(p -> refresh(user.get(), text));
        });
        return Optional.of(notice);
    }

    private void refresh(CurrentUser user, Span text) {
        Instant now = clock.instant();
        List<Grant> grants = guard.activeGrants(user.id(), now);
        if (grants.isEmpty()) {
            text.setText("Elevated access has ended.");
            return;
        }
        text.setText("ELEVATED ACCESS: " + grants.stream().map(g -> describe(g, now))
                .collect(Collectors.joining(" · ")));
    }

    /** "payments, expires in 1 h": the time left reads as it does on the Access page. */
    static String describe(Grant grant, Instant now) {
        return grant.summary() + ", expires in " + TimeFormats.duration(Duration.between(now, grant.expiresAt()));
    }
}
