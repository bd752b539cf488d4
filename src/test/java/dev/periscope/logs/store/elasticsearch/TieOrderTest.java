package dev.periscope.logs.store.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periscope.logs.store.LogCursor;
import dev.periscope.logs.store.LogEvent;
import dev.periscope.logs.store.SortOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TieOrderTest {

    private static TieOrder.Ranked ranked(long ts, String key, long derivedBits) {
        String derived = LogEvent.idOf(derivedBits);
        String id = key != null && LogEvent.isId(key) ? key : derived;
        return new TieOrder.Ranked(ts, key, derived, id, "i", derived,
                new LogEvent(id, ts, "checkout", "INFO", "m", Map.of(), "a.log", 0, 0, false));
    }

    @Test
    void documents_with_an_id_come_before_those_without_and_ties_break_on_the_derived_id() {
        List<TieOrder.Ranked> group = new ArrayList<>(List.of(ranked(5, null, 9), ranked(5, "00000000000000aa", 1),
                ranked(5, null, 3), ranked(5, "shipper-1", 7), ranked(5, "shipper-1", 2), ranked(4, null, 1)));

        group.sort(TieOrder.of(SortOrder.OLDEST_FIRST));

        assertThat(group).extracting(TieOrder.Ranked::id).containsExactly(LogEvent.idOf(1), "00000000000000aa",
                LogEvent.idOf(2), LogEvent.idOf(7), LogEvent.idOf(3), LogEvent.idOf(9));
    }

    @Test
    void the_rest_of_a_group_after_a_cursor_is_what_follows_the_event_it_names_either_way() {
        List<TieOrder.Ranked> group = List.of(ranked(5, null, 9), ranked(5, "00000000000000aa", 1), ranked(5, null, 3),
                ranked(5, "shipper-1", 7));

        assertThat(TieOrder.after(group, new LogCursor(5, LogEvent.idOf(3)), SortOrder.OLDEST_FIRST))
                .extracting(TieOrder.Ranked::id).containsExactly(LogEvent.idOf(9));
        assertThat(TieOrder.after(group, new LogCursor(5, LogEvent.idOf(3)), SortOrder.NEWEST_FIRST))
                .extracting(TieOrder.Ranked::id).containsExactly(LogEvent.idOf(7), "00000000000000aa");
    }

    @Test
    void a_cursor_whose_event_is_gone_continues_after_where_its_id_would_sort() {
        List<TieOrder.Ranked> group = List.of(ranked(5, "00000000000000aa", 1), ranked(5, "00000000000000cc", 2),
                ranked(5, null, 3));

        assertThat(TieOrder.after(group, new LogCursor(5, "00000000000000bb"), SortOrder.OLDEST_FIRST))
                .extracting(TieOrder.Ranked::id).containsExactly("00000000000000cc", LogEvent.idOf(3));
        assertThat(TieOrder.after(group, new LogCursor(5, "00000000000000bb"), SortOrder.NEWEST_FIRST))
                .extracting(TieOrder.Ranked::id).containsExactly("00000000000000aa");
    }

    @Test
    void an_event_written_twice_is_passed_once_so_a_cursor_on_it_moves_on() {
        // The same Periscope id in two indices (replayed after a crash across a rollover), with a neighbour.
        List<TieOrder.Ranked> group = List.of(ranked(5, "00000000000000aa", 1), ranked(5, "00000000000000aa", 2),
                ranked(5, "00000000000000bb", 3));

        assertThat(TieOrder.after(group, new LogCursor(5, "00000000000000aa"), SortOrder.OLDEST_FIRST))
                .extracting(TieOrder.Ranked::id).containsExactly("00000000000000bb");
        assertThat(TieOrder.distinct(group, SortOrder.NEWEST_FIRST)).extracting(TieOrder.Ranked::id)
                .containsExactly("00000000000000bb", "00000000000000aa");
    }

    @Test
    void keys_compare_as_the_cluster_compares_their_utf8_bytes() {
        // U+FF5E is one UTF-16 unit above the surrogates of U+1F600, but below it in code points and UTF-8 bytes.
        assertThat(TieOrder.compareCodePoints("\uff5e", "\ud83d\ude00")).isNegative();
        assertThat("\uff5e".compareTo("\ud83d\ude00")).isPositive();
        assertThat(TieOrder.compareCodePoints("ab", "abc")).isNegative();
        assertThat(TieOrder.compareCodePoints("abc", "abc")).isZero();
    }

    @Test
    void only_neighbours_equal_on_the_clusters_keys_tie() {
        assertThat(TieOrder.tie(ranked(5, null, 1), ranked(5, null, 2))).isTrue();
        assertThat(TieOrder.tie(ranked(5, "shipper-1", 1), ranked(5, "shipper-1", 2))).isTrue();
        assertThat(TieOrder.tie(ranked(5, "00000000000000aa", 1), ranked(5, null, 2))).isFalse();
        assertThat(TieOrder.tie(ranked(5, null, 1), ranked(6, null, 2))).isFalse();
    }
}
