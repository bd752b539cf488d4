package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RecentMemoTest {

    final AtomicLong now = new AtomicLong(1_000);
    final Object rules = new Object();
    final RecentMemo<String, String> memo = new RecentMemo<>(100, Duration.ofNanos(500), now::get);

    @Test
    void an_answer_is_given_under_its_stamp_only_and_another_stamp_drops_them_all() {
        memo.put(rules, "a", "A", 1);
        assertThat(memo.get(rules, "a")).isEqualTo("A");
        assertThat(memo.get(new Object(), "a")).isNull();

        Object newRules = new Object();
        memo.put(newRules, "b", "B", 1);
        assertThat(memo.get(rules, "a")).isNull();
        assertThat(memo.get(newRules, "a")).isNull();
        assertThat(memo.get(newRules, "b")).isEqualTo("B");
    }

    @Test
    void an_answer_older_than_the_age_limit_is_not_given() {
        memo.put(rules, "a", "A", 1);
        now.addAndGet(500);
        assertThat(memo.get(rules, "a")).isEqualTo("A");
        now.addAndGet(1);
        assertThat(memo.get(rules, "a")).isNull();
    }

    @Test
    void weight_beyond_the_bound_drops_the_older_generation_but_keeps_what_was_read_since() {
        memo.put(rules, "read", "R", 30);
        memo.put(rules, "unread", "U", 30);
        memo.put(rules, "c", "C", 30); // the newer generation holds more than half: the next put starts another
        memo.put(rules, "d", "D", 30);
        assertThat(memo.get(rules, "read")).isEqualTo("R"); // carried over into the newer generation
        memo.put(rules, "e", "E", 30);
        memo.put(rules, "f", "F", 30); // and once more: the generation that held "unread" is gone
        assertThat(memo.get(rules, "unread")).isNull();
        assertThat(memo.get(rules, "read")).isEqualTo("R");
    }
}
