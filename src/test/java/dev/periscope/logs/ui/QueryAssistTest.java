package dev.periscope.logs.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.textfield.TextField;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryAssistTest {

    QueryAssist assist = new QueryAssist(new TextField(), () -> List.of("level:ERROR"), q -> { });

    QueryAssistTest() {
        assist.learn(List.of("service", "level", "user.email", "order.id"),
                Map.of("service", List.of("checkout", "catalog", "search api"), "level", List.of("ERROR", "WARN")));
    }

    @Test
    void completes_field_names_from_the_word_being_typed() {
        assertThat(assist.completions("us")).extracting(QueryAssist.Completion::replacement)
                .containsExactly("user.email:");
        assertThat(assist.completions("")).isEmpty();
    }

    @Test
    void completes_values_of_a_field_after_its_colon_quoting_when_needed() {
        assertThat(assist.completions("service:c")).extracting(QueryAssist.Completion::replacement)
                .containsExactly("service:checkout ", "service:catalog ");
        assertThat(assist.completions("service:\"se")).extracting(QueryAssist.Completion::replacement)
                .containsExactly("service:\"search api\" ");
        assertThat(assist.completions("order.id:")).isEmpty();
    }

    @Test
    void the_word_being_typed_starts_after_the_last_space_or_parenthesis() {
        assertThat(QueryAssist.lastToken("level:ERROR AND (serv")).isEqualTo("serv");
        assertThat(QueryAssist.lastToken("lev")).isEqualTo("lev");
    }

    @Test
    void an_empty_bar_offers_the_recent_queries() {
        assist.suggest("");

        assertThat(assist.isVisible()).isTrue();
        assertThat(assist.getChildren().filter(c -> c.hasClassName("history-item")).count()).isEqualTo(1);
    }
}
