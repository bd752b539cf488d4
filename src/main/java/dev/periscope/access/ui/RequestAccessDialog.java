package dev.periscope.access.ui;

import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.periscope.access.AccessDeniedException;
import dev.periscope.access.AccessRequest;
import dev.periscope.access.AccessRequestService;
import dev.periscope.base.TimeFormats;
import dev.periscope.access.GrantKind;
import dev.periscope.security.CurrentUser;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Asks for elevated access (or, in emergency mode, takes it): scope, reason, ticket and duration. */
class RequestAccessDialog extends Dialog {

    private final RadioButtonGroup<GrantKind> kind = new RadioButtonGroup<>("What do you need?");
    private final TextField services = new TextField("Services");
    private final TextField categories = new TextField("Masking categories to see unmasked");
    private final TextField tokens = new TextField("Tokens to reveal");
    private final TextArea reason = new TextArea("Reason");
    private final TextField ticket = new TextField("Incident or ticket");
    private final Select<Duration> duration = new Select<>();
    private final Paragraph error = new Paragraph();

    RequestAccessDialog(AccessRequestService service, CurrentUser user, boolean emergency, Consumer<AccessRequest> done) {
        setHeaderTitle(emergency ? "Break glass: take emergency access" : "Request access");
        setWidth("34rem");
        kind.setItems(emergency ? List.of(GrantKind.SERVICE) : List.of(GrantKind.values()));
        kind.setItemLabelGenerator(k -> switch (k) {
            case SERVICE -> "Read a service outside my role";
            case UNMASK -> "See a masking category unmasked";
            case REVEAL -> "Reveal specific tokens";
        });
        kind.setValue(GrantKind.SERVICE);
        services.setPlaceholder("payments");
        services.setHelperText("Comma-separated service names");
        services.setId("request-services");
        categories.setPlaceholder("network, pii");
        tokens.setPlaceholder("‹email:7f3a9c21›");
        reason.setId("request-reason");
        reason.setHelperText("What you are investigating; at least 10 characters");
        ticket.setId("request-ticket");
        ticket.setPlaceholder("INC-1234");
        duration.setLabel("For how long");
        duration.setItems(Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2),
                Duration.ofHours(4));
        duration.setItemLabelGenerator(TimeFormats::duration);
        duration.setValue(Duration.ofHours(1));
        duration.setId("request-duration");
        error.addClassName("form-error");
        error.setId("request-error");
        kind.addValueChangeListener(e -> showFields());
        showFields();

        VerticalLayout form = new VerticalLayout(kind, services, categories, tokens, reason, ticket, duration, error);
        form.setPadding(false);
        // Service lists, tokens and reasons are longer than a field's default width: each input spans the dialog.
        for (HasSize field : List.<HasSize>of(services, categories, tokens, reason, ticket, duration)) {
            field.setWidthFull();
        }
        if (emergency) {
            form.addComponentAsFirst(new Paragraph("Emergency access starts now, is announced to approvers at once,"
                    + " and is flagged for review until an approver signs it off."));
            // Only a radio button with one choice would otherwise hint that unmasking is not on offer.
            Paragraph onlyServices = new Paragraph("Emergency access covers reading services only. Seeing masked"
                    + " values or revealing tokens always needs an approver first: use \"Request access\" for that.");
            onlyServices.setId("breakglass-scope-note");
            form.addComponentAtIndex(1, onlyServices);
        }
        add(form);
        Button submit = new Button(emergency ? "Take emergency access" : "Send request", e -> {
            try {
                AccessRequestService.NewRequest wanted = new AccessRequestService.NewRequest(kind.getValue(),
                        split(services.getValue()).stream().toList(), split(categories.getValue()),
                        split(tokens.getValue()), reason.getValue(), ticket.getValue(), duration.getValue());
                AccessRequest made = emergency ? service.breakGlass(user, wanted) : service.request(user, wanted);
                close();
                done.accept(made);
            } catch (AccessDeniedException | IllegalArgumentException ex) {
                error.setText(ex.getMessage());
            }
        });
        submit.setId("request-submit");
        submit.addThemeVariants(emergency ? ButtonVariant.LUMO_ERROR : ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", e -> close()), submit);
    }

    private void showFields() {
        categories.setVisible(kind.getValue() == GrantKind.UNMASK);
        tokens.setVisible(kind.getValue() == GrantKind.REVEAL);
    }

    private static Set<String> split(String value) {
        Set<String> parts = new LinkedHashSet<>();
        Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(parts::add);
        return parts;
    }
}
