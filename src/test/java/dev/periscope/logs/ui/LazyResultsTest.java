package dev.periscope.logs.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.data.provider.Query;
import dev.periscope.logs.LogAccessChangedException;
import dev.periscope.logs.LogPage;
import dev.periscope.logs.MaskedLogEvent;
import dev.periscope.logs.query.QueryControl;
import dev.periscope.logs.query.QueryTimeoutException;
import dev.periscope.masking.FakeMasker;
import dev.periscope.masking.MaskingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LazyResultsTest {

    private static final FakeMasker MASKER = new FakeMasker();

    private final Grid<MaskedLogEvent> grid = new Grid<>();
    /** Pages asked for, run only when the test says so: the "background". */
    private final List<Runnable> background = new ArrayList<>();
    private final List<String> cursorsAskedFor = new ArrayList<>();
    private final List<Integer> sizesAskedFor = new ArrayList<>();
    private final List<RuntimeException> failures = new ArrayList<>();
    private final List<QueryControl> controls = new ArrayList<>();
    private final LazyResults rows = rows(1000);

    /** Rows whose pages hold at most {@code largestPage} events, as the configuration and the store allow. */
    private LazyResults rows(int largestPage) {
        return new LazyResults(grid, () -> {
            QueryControl control = QueryControl.withTimeLimit(Duration.ofSeconds(10));
            controls.add(control);
            return control;
        }, largestPage, failures::add, background::add, () -> Runnable::run);
    }

    private static MaskedLogEvent event(int n) {
        MaskingContext context = MaskingContext.strict("checkout");
        return new MaskedLogEvent("%016x".formatted(n), Instant.ofEpochMilli(1_000_000L - n), "checkout", "INFO",
                MASKER.mask(context, "event " + n), MASKER.mask(context, Map.of()), "checkout.log", n, false);
    }

    private static LogPage page(int from, int count, boolean more) {
        return new LogPage(IntStream.range(from, from + count).mapToObj(LazyResultsTest::event).toList(),
                100_000, true, more ? Optional.of("after-" + (from + count - 1)) : Optional.empty(), 0);
    }

    /** Pages of 200 then of the size asked for, up to {@code total} events. */
    private LazyResults.PageSource source(int total) {
        return (cursor, size, control) -> {
            cursorsAskedFor.add(cursor.orElse(""));
            sizesAskedFor.add(size);
            int from = Integer.parseInt(cursor.orElseThrow().substring("after-".length())) + 1;
            int count = Math.min(size, total - from);
            return page(from, count, from + count < total);
        };
    }

    private List<MaskedLogEvent> gridRows(int offset, int limit) {
        return grid.getDataProvider().fetch(new Query<>(offset, limit, List.of(), null, null)).toList();
    }

    private int gridSize() {
        return grid.getDataProvider().size(new Query<>());
    }

    private void runBackground() {
        List<Runnable> now = List.copyOf(background);
        background.clear();
        now.forEach(Runnable::run);
    }

    @Test
    void rows_near_the_end_load_the_next_page_in_the_background_from_the_last_cursor() {
        rows.show(page(0, 200, true), source(100_000));

        assertThat(gridRows(0, 50)).hasSize(50);
        assertThat(background).as("nothing to load while the reader is far from the end").isEmpty();

        assertThat(gridRows(150, 50)).hasSize(50);
        assertThat(rows.isLoading()).isTrue();
        assertThat(gridRows(150, 50)).as("one page at a time").hasSize(50);
        assertThat(background).hasSize(1);
        assertThat(rows.isVisible()).isTrue();
        assertThat(rows.getElement().getTextRecursively()).contains("Loading older events");

        runBackground();

        assertThat(cursorsAskedFor).containsExactly("after-199");
        assertThat(sizesAskedFor).containsExactly(LazyResults.FURTHER_PAGE);
        assertThat(gridSize()).isEqualTo(700);
        assertThat(gridRows(200, 1)).extracting(MaskedLogEvent::id).containsExactly("%016x".formatted(200));
        assertThat(rows.isLoading()).isFalse();
        assertThat(rows.isVisible()).isFalse();
    }

    @Test
    void a_page_of_a_replaced_result_is_dropped_and_its_query_cancelled() {
        rows.show(page(0, 200, true), source(100_000));
        gridRows(180, 20);
        QueryControl first = controls.getFirst();

        rows.show(page(0, 10, false), source(10));
        runBackground();

        assertThat(first.isCancelled()).isTrue();
        assertThat(gridSize()).isEqualTo(10);
        assertThat(rows.loaded()).hasSize(10);
    }

    @Test
    void the_last_page_ends_the_loading() {
        rows.show(page(0, 200, true), source(450));
        gridRows(190, 10);
        runBackground();

        assertThat(gridSize()).isEqualTo(450);
        gridRows(440, 10);
        assertThat(background).isEmpty();
        assertThat(rows.isVisible()).isFalse();
    }

    @Test
    void loading_stops_at_the_row_limit_with_a_note_on_how_to_see_older_events() {
        rows.show(page(0, 200, true), source(1_000_000));
        for (int i = 0; i < 40; i++) {
            gridRows(gridSize() - 10, 10);
            runBackground();
        }

        assertThat(gridSize()).isEqualTo(LazyResults.MAX_ROWS);
        assertThat(rows.isVisible()).isTrue();
        assertThat(rows.getElement().getTextRecursively()).contains("newest 10,000 events", "Zoom in");
    }

    @Test
    void a_page_that_fails_is_reported_and_scrolling_again_retries() {
        boolean[] fail = {true};
        LazyResults.PageSource flaky = (cursor, size, control) -> {
            if (fail[0]) {
                throw new QueryTimeoutException("The query took longer than its limit.", false);
            }
            return source(100_000).fetch(cursor, size, control);
        };
        rows.show(page(0, 200, true), flaky);
        gridRows(190, 10);
        runBackground();

        assertThat(failures).singleElement().isInstanceOf(QueryTimeoutException.class);
        assertThat(gridSize()).isEqualTo(200);

        fail[0] = false;
        gridRows(190, 10);
        runBackground();
        assertThat(gridSize()).isEqualTo(700);
    }

    @Test
    void paging_ends_with_the_reason_when_the_readers_access_has_changed_since_the_first_page() {
        int[] asked = {0};
        LazyResults.PageSource revoked = (cursor, size, control) -> {
            asked[0]++;
            throw new LogAccessChangedException();
        };
        rows.show(page(0, 200, true), revoked);
        gridRows(190, 10);
        runBackground();

        assertThat(failures).singleElement().isInstanceOf(LogAccessChangedException.class);
        assertThat(gridRows(0, 200)).as("the rows shown stay").hasSize(200);

        gridRows(190, 10);
        runBackground();
        assertThat(asked[0]).as("no retry under an access that is gone").isEqualTo(1);
        assertThat(rows.isLoading()).isFalse();
    }

    /** An empty page that is not the last: its events were all deleted between their hits and their loading. */
    private static LogPage emptyWithCursor(String cursor) {
        return new LogPage(List.of(), 100_000, true, Optional.of(cursor), 0);
    }

    @Test
    void a_page_whose_events_were_all_gone_when_loaded_does_not_end_the_scrolling() {
        LazyResults.PageSource source = source(100_000);
        rows.show(page(0, 200, true), (cursor, size, control) -> cursor.orElseThrow().equals("after-199")
                ? emptyWithCursor("after-699") : source.fetch(cursor, size, control));
        gridRows(190, 10);
        runBackground();

        assertThat(rows.isLoading()).as("the next page is asked for without waiting for a scroll").isTrue();
        runBackground();

        assertThat(cursorsAskedFor).containsExactly("after-699");
        assertThat(gridSize()).isEqualTo(700);
        assertThat(gridRows(200, 1)).extracting(MaskedLogEvent::id).containsExactly("%016x".formatted(700));
    }

    @Test
    void a_first_page_whose_events_were_all_gone_when_loaded_is_followed_by_the_next() {
        rows.show(emptyWithCursor("after-199"), source(100_000));
        runBackground();

        assertThat(cursorsAskedFor).containsExactly("after-199");
        assertThat(gridSize()).isEqualTo(500);
    }

    @Test
    void empty_pages_one_after_another_are_asked_for_a_few_times_then_wait_for_a_scroll() {
        int[] asked = {0};
        rows.show(page(0, 200, true), (cursor, size, control) -> emptyWithCursor("after-" + (++asked[0] * 1000)));
        gridRows(190, 10);
        for (int i = 0; i < 20 && rows.isLoading(); i++) {
            runBackground();
        }

        assertThat(asked[0]).isEqualTo(1 + LazyResults.MAX_EMPTY_PAGES_IN_A_ROW);
        assertThat(rows.isLoading()).isFalse();
        gridRows(190, 10);
        runBackground();
        assertThat(asked[0]).as("scrolling again goes on").isGreaterThan(1 + LazyResults.MAX_EMPTY_PAGES_IN_A_ROW);
    }

    @Test
    void an_empty_page_whose_cursor_did_not_move_ends_the_loading() {
        int[] asked = {0};
        rows.show(page(0, 200, true), (cursor, size, control) -> {
            asked[0]++;
            return emptyWithCursor(cursor.orElseThrow());
        });
        gridRows(190, 10);
        runBackground();
        gridRows(190, 10);
        runBackground();

        assertThat(asked[0]).isEqualTo(1);
        assertThat(rows.isLoading()).isFalse();
        assertThat(gridSize()).isEqualTo(200);
    }

    @Test
    void further_pages_ask_for_no_more_events_than_a_page_may_hold() {
        LazyResults small = rows(300);
        small.show(page(0, 100, true), source(100_000));
        gridRows(90, 10);
        runBackground();

        assertThat(sizesAskedFor).containsExactly(300);
        assertThat(gridSize()).isEqualTo(400);
    }
}
