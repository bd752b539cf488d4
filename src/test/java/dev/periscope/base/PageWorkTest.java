package dev.periscope.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PageWorkTest {

    @Test
    void keeps_the_order_of_the_page_whatever_thread_did_each_part() {
        List<Integer> page = IntStream.range(0, 100).boxed().toList();
        assertThat(PageWork.map(page, i -> i * 2)).containsExactlyElementsOf(page.stream().map(i -> i * 2).toList());
    }

    @Test
    void a_small_page_stays_on_the_callers_thread() {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        PageWork.map(List.of(1, 2, 3), i -> threads.add(Thread.currentThread()));
        assertThat(threads).containsExactly(Thread.currentThread());
    }

    @Test
    void a_failure_in_any_part_fails_the_whole_page_instead_of_leaving_events_out() {
        List<Integer> page = IntStream.range(0, 100).boxed().toList();
        assertThatThrownBy(() -> PageWork.map(page, i -> {
            if (i == 97) {
                throw new IllegalArgumentException("event 97");
            }
            return i;
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("event 97");
    }

    @Test
    void work_done_a_part_at_a_time_gets_consecutive_runs_and_keeps_the_order() {
        List<Integer> page = IntStream.range(0, 100).boxed().toList();
        List<List<Integer>> parts = new java.util.concurrent.CopyOnWriteArrayList<>();

        List<Integer> result = PageWork.mapParts(page, 16, part -> {
            parts.add(List.copyOf(part));
            return part.stream().map(i -> i * 3).toList();
        });

        assertThat(result).containsExactlyElementsOf(page.stream().map(i -> i * 3).toList());
        assertThat(parts).allSatisfy(part -> assertThat(part).hasSizeGreaterThanOrEqualTo(16)
                .isEqualTo(IntStream.range(part.get(0), part.get(0) + part.size()).boxed().toList()));
    }

    @Test
    void a_part_that_answers_for_fewer_items_than_it_was_given_fails_the_page() {
        List<Integer> page = IntStream.range(0, 100).boxed().toList();
        assertThatThrownBy(() -> PageWork.mapParts(page, 100, part -> part.subList(1, part.size())))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void many_pages_at_once_all_finish_complete_when_helpers_are_busy() throws Exception {
        List<Integer> page = IntStream.range(0, 64).boxed().toList();
        List<Integer> expected = IntStream.rangeClosed(1, 64).boxed().toList();
        List<Object> wrong = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Thread> callers = IntStream.range(0, 8).mapToObj(n -> Thread.ofPlatform().unstarted(() -> {
            for (int round = 0; round < 50; round++) {
                List<Integer> result = PageWork.map(page, i -> i + 1);
                if (!result.equals(expected)) {
                    wrong.add(result);
                }
            }
        })).toList();
        callers.forEach(Thread::start);
        for (Thread caller : callers) {
            caller.join(30_000);
            assertThat(caller.isAlive()).isFalse();
        }
        assertThat(wrong).isEmpty();
    }
}
