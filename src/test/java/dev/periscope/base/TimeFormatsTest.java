package dev.periscope.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeFormatsTest {

    static final Instant T = Instant.parse("2026-11-25T13:03:07.125Z");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void times_read_iso_like_to_the_second_or_to_the_millisecond_in_the_zone_given() {
        assertThat(TimeFormats.dateTime(T, ZoneOffset.UTC)).isEqualTo("2026-11-25 13:03:07");
        assertThat(TimeFormats.dateTime(T, BERLIN)).isEqualTo("2026-11-25 14:03:07");
        assertThat(TimeFormats.dateTimeMillis(T, BERLIN)).isEqualTo("2026-11-25 14:03:07.125");
    }

    @Test
    void a_time_standing_alone_names_its_zone_and_a_column_names_it_in_its_header() {
        assertThat(TimeFormats.dateTimeWithZone(T, ZoneOffset.UTC)).isEqualTo("2026-11-25 13:03:07 UTC");
        assertThat(TimeFormats.dateTimeMillisWithZone(T, BERLIN)).isEqualTo("2026-11-25 14:03:07.125 Europe/Berlin");
        assertThat(TimeFormats.header("First seen", ZoneOffset.UTC)).isEqualTo("First seen (UTC)");
        assertThat(TimeFormats.header("Time", BERLIN)).isEqualTo("Time (Europe/Berlin)");
    }

    @Test
    void utc_is_called_utc_however_the_browser_spells_it() {
        assertThat(TimeFormats.zoneName(ZoneId.of("Etc/UTC"))).isEqualTo("UTC");
        assertThat(TimeFormats.zoneName(ZoneId.of("Z"))).isEqualTo("UTC");
        assertThat(TimeFormats.zoneName(ZoneId.of("America/New_York"))).isEqualTo("America/New_York");
    }

    @Test
    void durations_read_in_hours_and_minutes_without_a_zero_part() {
        assertThat(TimeFormats.duration(Duration.ofHours(1))).isEqualTo("1 h");
        assertThat(TimeFormats.duration(Duration.ofMinutes(65))).isEqualTo("1 h 5 min");
        assertThat(TimeFormats.duration(Duration.ofMinutes(59))).isEqualTo("59 min");
        assertThat(TimeFormats.duration(Duration.ofHours(23))).isEqualTo("23 h");
    }

    @Test
    void long_durations_read_in_days_then_hours_and_minutes_without_a_zero_part() {
        assertThat(TimeFormats.duration(Duration.ofHours(24))).isEqualTo("1 day");
        assertThat(TimeFormats.duration(Duration.ofHours(36))).isEqualTo("1 day 12 h");
        assertThat(TimeFormats.duration(Duration.ofDays(7))).isEqualTo("7 days");
        assertThat(TimeFormats.duration(Duration.ofHours(720))).isEqualTo("30 days");
        assertThat(TimeFormats.duration(Duration.ofDays(2).plusMinutes(5))).isEqualTo("2 days 5 min");
        assertThat(TimeFormats.duration(Duration.ofDays(2).plusHours(3).plusMinutes(5))).isEqualTo("2 days 3 h 5 min");
    }

    @Test
    void a_partial_minute_counts_as_a_whole_one_so_a_grant_just_started_reads_its_full_length() {
        assertThat(TimeFormats.duration(Duration.ofMinutes(59).plusSeconds(30))).isEqualTo("1 h");
        assertThat(TimeFormats.duration(Duration.ofMinutes(64).plusMillis(1))).isEqualTo("1 h 5 min");
        assertThat(TimeFormats.duration(Duration.ofSeconds(10))).isEqualTo("1 min");
    }

    @Test
    void nothing_left_reads_zero_minutes() {
        assertThat(TimeFormats.duration(Duration.ZERO)).isEqualTo("0 min");
        assertThat(TimeFormats.duration(Duration.ofMinutes(-3))).isEqualTo("0 min");
    }

    @Test
    void a_zone_the_browser_reports_is_used_only_when_java_knows_it() {
        assertThat(TimeFormats.zone("Europe/Berlin")).contains(BERLIN);
        assertThat(TimeFormats.zone("Mars/Olympus_Mons")).isEmpty();
        assertThat(TimeFormats.zone("")).isEmpty();
        assertThat(TimeFormats.zone(null)).isEmpty();
    }
}
