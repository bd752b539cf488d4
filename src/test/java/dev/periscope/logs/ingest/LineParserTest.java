package dev.periscope.logs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periscope.logs.query.LogFields;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class LineParserTest {

    private static String nested(String key, int depth, String innermost) {
        return ("{\"" + key + "\":").repeat(depth) + innermost + "}".repeat(depth);
    }

    private static final long T = 1_795_341_600_000L; // 2026-11-22T10:00:00Z

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"1795341600", "1795341600000", "1795341600000000",
        "1795341600000000000", "\"2026-11-22T10:00:00Z\""})
    void epoch_times_in_seconds_milliseconds_microseconds_and_nanoseconds_all_read_as_the_same_instant(String ts) {
        assertThat(LineParser.parse("{\"ts\":" + ts + ",\"message\":\"m\"}").timestamp()).isEqualTo(T);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"0.035", "12", "-5", "\"NaN\"", "\"Infinity\""})
    void a_small_or_non_finite_number_is_no_time_and_stays_a_field(String ts) {
        ParsedLine parsed = LineParser.parse("{\"time\":" + ts + ",\"message\":\"m\"}");
        assertThat(parsed.timestamp()).isEqualTo(ParsedLine.NO_TIME);
        assertThat(parsed.fields()).containsKey("time");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"+0100", "+01:00", "+01"})
    void an_offset_after_a_space_is_read_as_the_offset_and_the_level_and_service_after_it_still_are(String offset) {
        ParsedLine parsed = LineParser.parse("2026-11-22 11:00:00.123 " + offset + " INFO [billing] hello");
        assertThat(parsed.timestamp()).isEqualTo(T + 123);
        assertThat(parsed.level()).isEqualTo("INFO");
        assertThat(parsed.service()).isEqualTo("billing");
        assertThat(parsed.message()).endsWith("hello");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"main", "http-nio-8080-exec-1"})
    void a_bracket_before_the_level_is_the_thread_not_the_service_as_logback_writes_it(String thread) {
        ParsedLine parsed = LineParser.parse("2026-11-22 11:00:00.123 [" + thread + "] INFO c.e.App - x");

        assertThat(parsed.service()).isEmpty();
        assertThat(parsed.level()).isEqualTo("INFO");
        assertThat(parsed.message()).isEqualTo("c.e.App - x");
        assertThat(parsed.fields()).containsExactly(java.util.Map.entry(LineParser.THREAD_FIELD, thread));
    }

    @Test
    void a_bracketed_level_is_the_level_and_the_bracket_after_it_the_service() {
        ParsedLine parsed = LineParser.parse("2026-11-22 11:00:00 [INFO] [billing] x");

        assertThat(parsed.level()).isEqualTo("INFO");
        assertThat(parsed.service()).isEqualTo("billing");
        assertThat(parsed.message()).isEqualTo("x");
    }

    @Test
    void a_bracket_with_no_level_after_it_names_the_service_as_it_always_did() {
        ParsedLine parsed = LineParser.parse("2026-11-22 11:00:00 [payments] card authorised");

        assertThat(parsed.service()).isEqualTo("payments");
        assertThat(parsed.level()).isEmpty();
        assertThat(parsed.message()).isEqualTo("card authorised");
        assertThat(parsed.fields()).isEmpty();
        assertThat(LineParser.parse("2026-11-22 11:00:00 [not a service!] x").message())
                .isEqualTo("[not a service!] x");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"+01", "+01:00", "+0100", "-01"})
    void an_offset_of_hours_only_is_read_as_the_offset(String offset) {
        ParsedLine parsed = LineParser.parse("2026-11-22T11:00:00.123" + offset + " WARN x");

        long behindUtc = offset.startsWith("-") ? 2 * 3_600_000 : 0; // 11:00-01 is 12:00Z, 11:00+01 is 10:00Z
        assertThat(parsed.timestamp()).isEqualTo(T + 123 + behindUtc);
        assertThat(parsed.level()).isEqualTo("WARN");
        assertThat(parsed.message()).isEqualTo("x");
        assertThat(Timestamps.parseValue("2026-11-22T11:00:00+01")).isEqualTo(T);
    }

    @Test
    void a_time_without_a_zone_is_read_in_the_default_zone_and_one_with_a_zone_keeps_its_own() {
        java.time.ZoneId berlin = java.time.ZoneId.of("Europe/Berlin");

        assertThat(LineParser.parse("2026-11-22 11:00:00 INFO x", berlin).timestamp()).isEqualTo(T);
        assertThat(LineParser.parse("2026-11-22 11:00:00 INFO x").timestamp()).as("UTC without a zone")
                .isEqualTo(T + 3_600_000);
        assertThat(LineParser.parse("2026-11-22T10:00:00Z INFO x", berlin).timestamp()).isEqualTo(T);
        assertThat(LineParser.parse("2026-11-22T12:00:00+02 INFO x", berlin).timestamp()).isEqualTo(T);
        assertThat(LineParser.parse("{\"ts\":\"2026-11-22T11:00:00\",\"msg\":\"m\"}", berlin).timestamp())
                .isEqualTo(T);
        assertThat(LineParser.parse("ts=2026-07-01T12:00:00 msg=summer", berlin).timestamp()).as("summer time")
                .isEqualTo(java.time.Instant.parse("2026-07-01T10:00:00Z").toEpochMilli());
        assertThat(LineParser.parse("2026-11-22 11:30:00 INFO x", java.time.ZoneOffset.ofHours(1)).timestamp())
                .isEqualTo(T + 1_800_000);
    }

    @Test
    void two_keys_that_make_the_same_field_name_keep_both_values() {
        ParsedLine parsed = LineParser.parse("{\"message\":\"m\",\"a b\":\"1\",\"a/b\":\"2\"}");

        assertThat(parsed.fields()).containsEntry("field.a_b", "1").containsValue("2").hasSize(2);
    }

    @Test
    void a_number_after_the_time_that_is_no_offset_is_left_to_the_message() {
        ParsedLine parsed = LineParser.parse("2026-11-22T10:00:00 +123 INFO x");

        assertThat(parsed.timestamp()).isEqualTo(T);
        assertThat(parsed.message()).isEqualTo("+123 INFO x");
        assertThat(LineParser.parse("2026-11-22T10:00:00+99 x").timestamp()).isEqualTo(T);
        // A count after the time, not an offset: read as one, the event moved ten hours.
        ParsedLine count = LineParser.parse("2026-11-22T10:00:00 +10 items queued");
        assertThat(count.timestamp()).isEqualTo(T);
        assertThat(count.message()).isEqualTo("+10 items queued");
        assertThat(LineParser.parse("2026-11-22T10:00:00 +10 3 retries").timestamp()).isEqualTo(T);
        // As PostgreSQL writes it, with the process id after the offset.
        assertThat(LineParser.parse("2026-11-22 11:00:00.000 +01 [4242] LOG:  checkpoint starting").timestamp())
                .isEqualTo(T);
    }

    @Test
    void a_service_or_level_too_long_to_be_one_stays_a_field_so_the_event_can_be_indexed() {
        String huge = "s".repeat(40_000);
        ParsedLine parsed = LineParser.parse("{\"service\":\"" + huge + "\",\"level\":\"" + huge
                + "\",\"message\":\"m\"}");

        assertThat(parsed.service()).isEmpty();
        assertThat(parsed.level()).isEmpty();
        assertThat(parsed.fields()).containsEntry("field.service", huge).containsEntry("field.level", huge);
        assertThat(LineParser.parse("service=" + huge + " msg=m").service()).isEmpty();
    }

    @Test
    void an_object_nested_ten_thousand_levels_deep_keeps_its_fields_and_the_rest_as_json_text() {
        String deep = nested("a", 10_000, "1");
        ParsedLine parsed = LineParser.parse("{\"@timestamp\":\"2026-11-22T11:00:00Z\",\"level\":\"warn\","
                + "\"message\":\"deep\",\"a\":" + deep + ",\"after\":\"kept\"}");

        assertThat(parsed.unparsed()).isFalse();
        assertThat(parsed.message()).isEqualTo("deep");
        assertThat(parsed.level()).isEqualTo("WARN");
        // Flattened down to the 64th level; the object below it is kept whole as JSON text.
        String name = String.join(".", Collections.nCopies(64, "a"));
        assertThat(parsed.fields()).containsEntry(name, nested("a", 10_000 - 63, "1"))
                .containsEntry("after", "kept").hasSize(2);
    }

    @Test
    void objects_within_sixty_four_levels_are_flattened_as_before() {
        ParsedLine parsed = LineParser.parse("{\"message\":\"m\",\"a\":" + nested("a", 62, "{\"x\":1,\"y\":[1]}") + "}");

        String name = String.join(".", Collections.nCopies(63, "a"));
        assertThat(parsed.fields()).containsEntry(name + ".x", "1").containsEntry(name + ".y", "[1]");
    }

    @Test
    void an_object_under_a_name_longer_than_a_field_name_is_kept_as_json_text() {
        String key = "k".repeat(200);
        ParsedLine parsed = LineParser.parse("{\"message\":\"m\",\"" + key + "\":{\"x\":1,\"y\":{\"z\":2}}}");

        assertThat(parsed.unparsed()).isFalse();
        assertThat(parsed.fields()).containsEntry(LineParser.safeName(key), "{\"x\":1,\"y\":{\"z\":2}}").hasSize(1);
        assertThat(LineParser.safeName(key)).startsWith("field.kkk").hasSizeLessThanOrEqualTo(128);
    }

    @Test
    void a_key_too_long_or_unsafe_for_a_field_name_keeps_its_value_under_a_short_safe_name() {
        String longKey = "k".repeat(1 << 20);
        ParsedLine parsed = LineParser.parse("level=INFO " + longKey + "=v msg=hello");
        String name = parsed.fields().keySet().iterator().next();
        assertThat(name).startsWith("field.kkk").hasSizeLessThanOrEqualTo(128);
        assertThat(parsed.fields()).containsValue("v");
        assertThat(LineParser.safeName("...")).matches("field\\._[0-9a-f]{8}");
        assertThat(LineParser.safeName("a b")).isEqualTo("field.a_b");
        assertThat(LogFields.canonical(LineParser.safeName("x".repeat(500)))).isPresent();
    }

    @Test
    void fields_beyond_the_limit_of_one_event_are_kept_together_as_text_not_dropped() {
        StringBuilder json = new StringBuilder("{\"message\":\"m\"");
        for (int i = 0; i < 1000; i++) {
            json.append(",\"attempts.user").append(i).append("\":\"").append(i % 2 == 0 ? "a b" : "x").append('"');
        }
        ParsedLine parsed = LineParser.parse(json.append('}').toString());
        assertThat(parsed.fields()).hasSize(LineParser.MAX_FIELDS + 1).containsEntry("attempts.user0", "a b");
        String more = parsed.fields().get(LineParser.MORE_FIELDS);
        assertThat(more).startsWith("attempts.user256=\"a b\" attempts.user257=x").endsWith("attempts.user999=x");
        String own = json.toString().replace("{\"message\":\"m\"", "{\"message\":\"m\",\"field\":{\"_more\":\"mine\"}");
        assertThat(LineParser.parse(own).fields().get(LineParser.MORE_FIELDS)).startsWith("field._more=mine attempts.");
    }
}
