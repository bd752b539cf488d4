package dev.periscope.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periscope.masking.FakeMasker;
import org.junit.jupiter.api.Test;

class QueryHistoryTest {

    QueryHistory history = new QueryHistory(new FakeMasker());

    @Test
    void keeps_each_users_queries_newest_first_without_duplicates() {
        history.remember("alice", "level:ERROR");
        history.remember("alice", "service:checkout");
        history.remember("alice", "level:ERROR");
        history.remember("bob", "service:payments");

        assertThat(history.recent("alice")).containsExactly("level:ERROR", "service:checkout");
        assertThat(history.recent("bob")).containsExactly("service:payments");
        assertThat(history.recent("carol")).isEmpty();
    }

    @Test
    void keeps_queries_only_after_masking() {
        history.remember("alice", "\"jane.doe@example.com\" AND level:ERROR");

        assertThat(history.recent("alice")).containsExactly("\"<email>\" AND level:ERROR");
    }

    @Test
    void masks_the_value_of_a_field_masked_by_its_name_whatever_the_value_looks_like() {
        history.remember("alice", "user.email:alice* AND service:checkout");
        history.remember("alice", "user.email:[a TO b] OR user.email:\"‹email:0011aabb›\"");

        assertThat(history.recent("alice")).containsExactly(
                "user.email:<email> OR user.email:\"‹email:0011aabb›\"",
                "user.email:<email> AND service:checkout");
    }

    @Test
    void keeps_a_bounded_number_of_queries_and_ignores_blank_ones() {
        for (int i = 0; i < QueryHistory.PER_USER + 5; i++) {
            history.remember("alice", "order.id:o-" + i);
        }
        history.remember("alice", "   ");

        assertThat(history.recent("alice")).hasSize(QueryHistory.PER_USER).first().isEqualTo("order.id:o-24");
    }
}
