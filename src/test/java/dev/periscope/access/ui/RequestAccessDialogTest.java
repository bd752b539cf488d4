package dev.periscope.access.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.HasValue;
import dev.periscope.access.AccessRequestService;
import dev.periscope.security.CurrentUser;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RequestAccessDialogTest {

    private static final CurrentUser ONCALL = new CurrentUser("oncall", "On Call", List.of("ONCALL"));

    @Test
    void every_input_of_the_break_glass_dialog_spans_the_dialogs_width() {
        var dialog = new RequestAccessDialog(mock(AccessRequestService.class), ONCALL, true, r -> { });

        assertThat(textInputs(dialog)).isNotEmpty()
                .allSatisfy(field -> assertThat(((HasSize) field).getWidth()).as(field.getId().orElse("a field"))
                        .isEqualTo("100%"));
    }

    @Test
    void every_input_of_the_request_dialog_spans_the_dialogs_width() {
        var dialog = new RequestAccessDialog(mock(AccessRequestService.class), ONCALL, false, r -> { });

        assertThat(textInputs(dialog)).hasSizeGreaterThanOrEqualTo(6)
                .allSatisfy(field -> assertThat(((HasSize) field).getWidth()).isEqualTo("100%"));
    }

    /** The fields a user types into or picks from a list in; the radio group of choices keeps its natural width. */
    private static List<Component> textInputs(Component root) {
        return descendants(root).filter(c -> c instanceof HasValue<?, ?> && c instanceof HasSize)
                .filter(c -> !(c instanceof com.vaadin.flow.component.radiobutton.RadioButtonGroup<?>))
                .toList();
    }

    private static Stream<Component> descendants(Component c) {
        return Stream.concat(Stream.of(c), c.getChildren().flatMap(RequestAccessDialogTest::descendants));
    }
}
