package dev.periscope.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LiveAccessTest {

    static final LogScope CHECKOUT = LogScope.services(List.of("checkout"), Duration.ofDays(1));
    static final LogAccess GRANTED = new LogAccess(LogServiceTest.ALICE, CHECKOUT, Set.of(), Optional.of("req-1"),
            "logs view", false, Map.of("checkout", Set.of("personal")));

    private final AtomicReference<Optional<LogAccess>> guardSays = new AtomicReference<>(Optional.of(GRANTED));
    private final LiveAccess held = new LiveAccess(GRANTED, guardSays::get);

    @Test
    void the_access_a_read_started_with_holds_while_the_guard_still_gives_it() {
        guardSays.set(Optional.of(GRANTED.withExport(true)));

        assertThat(held.current()).isSameAs(GRANTED);
    }

    @Test
    void an_unmask_grant_that_ended_ends_the_read() {
        guardSays.set(Optional.of(new LogAccess(LogServiceTest.ALICE, CHECKOUT, Set.of(), Optional.of("req-1"),
                "logs view", false, Map.of())));

        assertThatThrownBy(held::current).isInstanceOf(LogAccessChangedException.class);
    }

    @Test
    void a_wider_scope_ends_the_read_too_so_one_result_never_mixes_two_accesses() {
        guardSays.set(Optional.of(new LogAccess(LogServiceTest.ALICE, LogScope.everything(), Set.of(),
                Optional.of("req-1"), "logs view", false, Map.of("checkout", Set.of("personal")))));

        assertThatThrownBy(held::current).isInstanceOf(LogAccessChangedException.class);
    }

    @Test
    void the_grant_named_in_the_audit_record_ending_ends_the_read_even_when_a_role_gives_the_same_scope() {
        guardSays.set(Optional.of(new LogAccess(LogServiceTest.ALICE, CHECKOUT, Set.of(), Optional.empty(),
                "logs view", false, Map.of("checkout", Set.of("personal")))));

        assertThatThrownBy(held::current).isInstanceOf(LogAccessChangedException.class);
    }

    @Test
    void a_reader_who_sees_no_logs_any_more_reads_no_further() {
        guardSays.set(Optional.empty());

        assertThatThrownBy(held::current).isInstanceOf(LogAccessChangedException.class)
                .isInstanceOf(LogAccessDeniedException.class);
    }
}
