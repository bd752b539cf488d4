package dev.periscope.logs.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.periscope.logs.query.QueryNode.And;
import dev.periscope.logs.query.QueryNode.Exists;
import dev.periscope.logs.query.QueryNode.Not;
import dev.periscope.logs.query.QueryNode.Or;
import dev.periscope.logs.query.QueryNode.Phrase;
import dev.periscope.logs.query.QueryNode.Range;
import dev.periscope.logs.query.QueryNode.Term;
import dev.periscope.logs.query.QueryNode.Wildcard;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LogQueryParserTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC);
    private final LogQueryParser parser = new LogQueryParser(QueryLimits.defaults(), clock);

    @Test
    void parses_fields_operators_and_phrases_into_the_tree() {
        assertThat(parser.parse("service:checkout AND level:error AND \"timed out\"")).isEqualTo(new And(List.of(
                new Term("service", "checkout"), new Term("level", "ERROR"), new Phrase("message", "timed out", 0))));
    }

    @Test
    void words_without_operator_must_all_match() {
        assertThat(parser.parse("timed out")).isEqualTo(new And(List.of(
                new Term("message", "timed"), new Term("message", "out"))));
    }

    @Test
    void parses_not_grouping_and_or() {
        assertThat(parser.parse("(service:a OR service:b) AND NOT level:DEBUG")).isEqualTo(new And(List.of(
                new Or(List.of(new Term("service", "a"), new Term("service", "b"))),
                new Not(new Term("level", "DEBUG")))));
        assertThat(parser.parse("-level:INFO")).isEqualTo(new Not(new Term("level", "INFO")));
    }

    @Test
    void parses_wildcards_exists_and_a_lone_star() {
        assertThat(parser.parse("service:pay*")).isEqualTo(new Wildcard("service", "pay*"));
        assertThat(parser.parse("_exists_:user.id")).isEqualTo(new Exists("user.id"));
        assertThat(parser.parse("service:*")).isEqualTo(new Exists("service"));
        assertThat(parser.parse("*")).isEqualTo(new QueryNode.MatchAll());
        assertThat(parser.parse("*:*")).isEqualTo(new QueryNode.MatchAll());
        assertThat(parser.parse("path:a\\*b")).isEqualTo(new Term("path", "a*b"));
    }

    @Test
    void parses_ranges_and_normalises_time_bounds_to_epoch_millis() {
        assertThat(parser.parse("duration_ms:[500 TO *}")).isEqualTo(
                new Range("duration_ms", Optional.of("500"), Optional.empty(), true, false));
        assertThat(parser.parse("timestamp:[2026-11-22T10:00:00Z TO now]")).isEqualTo(new Range("timestamp",
                Optional.of(Long.toString(Instant.parse("2026-11-22T10:00:00Z").toEpochMilli())),
                Optional.of(Long.toString(clock.millis())), true, true));
    }

    @Test
    void a_time_too_far_off_for_epoch_milliseconds_is_refused_as_no_time() {
        for (String query : List.of("timestamp:\"+300000000-01-01\"", "timestamp:[* TO +300000000-01-01T00:00:00Z]",
                "timestamp:\"-300000000-01-01T00:00:00Z\"")) {
            assertThatThrownBy(() -> parser.parse(query)).as(query).isInstanceOf(InvalidQueryException.class)
                    .hasMessageContaining("Not a time").hasMessageContaining("0000 to 9999");
        }
    }

    @Test
    void takes_at_signs_and_tokens_literally_without_quotes() {
        assertThat(parser.parse("user.email:‹email:7f3a9c21›")).isEqualTo(new Term("user.email", "‹email:7f3a9c21›"));
        assertThat(parser.parse("‹email:7f3a9c21› AND level:error")).isEqualTo(new And(List.of(
                new Term("message", "‹email:7f3a9c21›"), new Term("level", "ERROR"))));
        assertThat(parser.parse("_exists_:@timestamp")).isEqualTo(new Exists("timestamp"));
        assertThat(parser.parse("@timestamp:[2026-11-22T11:00:00Z TO *]")).isEqualTo(new Range("timestamp",
                Optional.of("1795345200000"), Optional.empty(), true, true));
        assertThat(parser.parse("user.name:ops@corp")).isEqualTo(new Term("user.name", "ops@corp"));
        assertThat(parser.parse("\"at @ and ‹e:12345678›\"")).isEqualTo(new Phrase("message", "at @ and ‹e:12345678›", 0));
    }

    @Test
    void positions_of_errors_stay_those_of_the_typed_text_around_tokens() {
        assertThatThrownBy(() -> parser.parse("user.email:‹email:7f3a9c21› AND (x"))
                .satisfies(e -> assertThat(((InvalidQueryException) e).position()).hasValue(34));
        assertThatThrownBy(() -> parser.parse("a:\uE000")).isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("reserved");
    }

    @Test
    void a_syntax_error_names_its_position() {
        assertThatThrownBy(() -> parser.parse("service:a AND (level:ERROR"))
                .isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("Syntax error")
                .satisfies(e -> assertThat(((InvalidQueryException) e).position()).hasValue(26));
        assertThatThrownBy(() -> parser.parse("foo:bar:baz"))
                .satisfies(e -> assertThat(((InvalidQueryException) e).position()).hasValue(7));
    }

    @Test
    void refuses_internal_and_unlisted_fields() {
        assertThatThrownBy(() -> parser.parse("_src:x")).isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("Not a field name");
        LogQueryParser strict = new LogQueryParser(new QueryLimits(4096, 256, 100, 64, List.of("http.*")), clock);
        assertThat(strict.parse("http.status:500")).isEqualTo(new Term("http.status", "500"));
        assertThatThrownBy(() -> strict.parse("user.email:x")).hasMessageContaining("cannot be searched");
    }

    @Test
    void refuses_queries_over_the_length_and_clause_limits() {
        LogQueryParser small = new LogQueryParser(new QueryLimits(40, 3, 100, 8, List.of("*")), clock);
        assertThatThrownBy(() -> small.parse("a".repeat(41))).isInstanceOf(QueryLimitExceededException.class);
        assertThatThrownBy(() -> small.parse("a b c d")).isInstanceOf(QueryLimitExceededException.class)
                .hasMessageContaining("4 clauses");
        assertThatThrownBy(() -> small.parse("abcdefghij*")).isInstanceOf(QueryLimitExceededException.class);
    }

    @Test
    void refuses_fuzzy_queries_and_bad_regular_expressions() {
        assertThatThrownBy(() -> parser.parse("timout~2")).hasMessageContaining("Fuzzy");
        assertThatThrownBy(() -> parser.parse("service:/[a/")).isInstanceOf(InvalidQueryException.class);
    }

    @Test
    void a_blank_query_matches_everything() {
        assertThat(parser.parse("  ")).isEqualTo(new QueryNode.MatchAll());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"message:/.{0,200}{0,200}/",
        "message:/.{0,1000}{0,1000}/", "user.id:/(a{1,200}){1,200}/", "message:/x{20000}/", "message:/(ab){5,}{5,}{500,}/"})
    void a_regular_expression_that_would_build_a_huge_automaton_is_refused_before_anything_is_built(String q) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> parser.parse(q))
                .isInstanceOf(QueryLimitExceededException.class).hasMessageContaining("repeats too much");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"user.id:/id-[12]/", "message:/tim.*/",
        "message:/(foo|bar){1,100}/", "message:/[a-z]{1,50}x/", "message:/[0-9]{3}-[0-9]{4}/"})
    void ordinary_regular_expressions_with_counts_still_parse(String q) {
        assertThat(parser.parse(q)).isInstanceOf(QueryNode.Regexp.class);
    }
}
