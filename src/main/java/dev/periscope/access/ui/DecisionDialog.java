package dev.periscope.access.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextArea;
import dev.periscope.access.AccessDeniedException;
import java.util.function.Consumer;

/** Asks an approver for the comment that goes with approve, deny, revoke or sign-off. */
class DecisionDialog extends Dialog {

    DecisionDialog(String title, String action, boolean danger, Consumer<String> decide, Runnable after) {
        setHeaderTitle(title);
        setWidth("28rem");
        TextArea comment = new TextArea("Comment");
        comment.setWidthFull();
        comment.setId("decision-comment");
        Paragraph error = new Paragraph();
        error.addClassName("form-error");
        add(comment, error);
        Button confirm = new Button(action, e -> {
            try {
                decide.accept(comment.getValue());
                close();
                after.run();
            } catch (AccessDeniedException ex) {
                error.setText(ex.getMessage());
            }
        });
        confirm.setId("decision-confirm");
        confirm.addThemeVariants(danger ? ButtonVariant.LUMO_ERROR : ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", e -> close()), confirm);
    }
}
