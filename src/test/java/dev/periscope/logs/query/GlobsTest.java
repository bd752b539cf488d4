package dev.periscope.logs.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GlobsTest {

    @Test
    void star_matches_any_run_and_question_mark_one_character() {
        assertThat(Globs.matches("pay*", "payments")).isTrue();
        assertThat(Globs.matches("pay*", "checkout")).isFalse();
        assertThat(Globs.matches("*-api", "orders-api")).isTrue();
        assertThat(Globs.matches("a?c", "abc")).isTrue();
        assertThat(Globs.matches("a?c", "abbc")).isFalse();
        assertThat(Globs.matches("*", "")).isTrue();
    }
}
