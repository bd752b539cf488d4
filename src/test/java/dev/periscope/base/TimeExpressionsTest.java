package dev.periscope.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimeExpressionsTest {

    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void reads_relative_times_iso_times_dates_and_epoch_milliseconds() {
        assertThat(TimeExpressions.parse("now", CLOCK)).hasValue(NOW);
        assertThat(TimeExpressions.parse("now-15m", CLOCK)).hasValue(NOW.minusSeconds(900));
        assertThat(TimeExpressions.parse("2026-11-22T10:00:00+01:00", CLOCK))
                .hasValue(Instant.parse("2026-11-22T09:00:00Z"));
        assertThat(TimeExpressions.parse("2026-11-22T10:00:00", CLOCK)).hasValue(Instant.parse("2026-11-22T10:00:00Z"));
        assertThat(TimeExpressions.parse("2026-11-22", CLOCK)).hasValue(Instant.parse("2026-11-22T00:00:00Z"));
        assertThat(TimeExpressions.parse("1763800000000", CLOCK)).hasValue(Instant.ofEpochMilli(1763800000000L));
        assertThat(TimeExpressions.parse("yesterday", CLOCK)).isEmpty();
    }

    @Test
    void the_first_and_last_instants_of_four_digit_years_are_times() {
        assertThat(TimeExpressions.parse("0000-01-01", CLOCK)).hasValue(TimeExpressions.EARLIEST);
        assertThat(TimeExpressions.parse("9999-12-31T23:59:59.999999999Z", CLOCK)).hasValue(TimeExpressions.LATEST);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+300000000-01-01T00:00:00Z", "-300000000-01-01T00:00:00Z", "+300000000-01-01",
        "+10000-01-01T00:00:00", "-0001-12-31T23:59:59Z", "999999999999999", "now+999999999w", "now-999999999w"})
    void a_time_outside_the_years_0000_to_9999_is_no_time(String text) {
        assertThat(TimeExpressions.parse(text, CLOCK)).isEmpty();
    }
}
