package dev.periscope.metrics.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.periscope.metrics.promql.Expr.Aggregation;
import dev.periscope.metrics.promql.Expr.At;
import dev.periscope.metrics.promql.Expr.Binary;
import dev.periscope.metrics.promql.Expr.Call;
import dev.periscope.metrics.promql.Expr.Grouping;
import dev.periscope.metrics.promql.Expr.MatrixSelector;
import dev.periscope.metrics.promql.Expr.NumberLiteral;
import dev.periscope.metrics.promql.Expr.Paren;
import dev.periscope.metrics.promql.Expr.StringLiteral;
import dev.periscope.metrics.promql.Expr.Subquery;
import dev.periscope.metrics.promql.Expr.Unary;
import dev.periscope.metrics.promql.Expr.VectorMatching;
import dev.periscope.metrics.promql.Expr.VectorSelector;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PromQlParserTest {

    private static VectorSelector sel(String name, LabelMatcher... matchers) {
        return new VectorSelector(Optional.of(name), List.of(matchers), Optional.empty(), Optional.empty());
    }

    @Test
    void parses_a_selector_with_all_four_matcher_operators() {
        assertThat(PromQlParser.parse("http_requests_total{a=\"1\", b!=\"2\", c=~\"3.*\", d!~'4',}"))
                .isEqualTo(sel("http_requests_total",
                        new LabelMatcher("a", MatchOp.EQUAL, "1"), new LabelMatcher("b", MatchOp.NOT_EQUAL, "2"),
                        new LabelMatcher("c", MatchOp.REGEX, "3.*"), new LabelMatcher("d", MatchOp.NOT_REGEX, "4")));
    }

    @Test
    void treats_a_name_matcher_as_the_metric_name() {
        var vs = (VectorSelector) PromQlParser.parse("{__name__=\"up\", job=\"x\"}");
        assertThat(vs.metricName()).isEmpty();
        assertThat(vs.allMatchers()).containsExactly(LabelMatcher.equal("__name__", "up"), LabelMatcher.equal("job", "x"));
        assertThat(((VectorSelector) PromQlParser.parse("up{job=\"x\"}")).allMatchers())
                .isEqualTo(vs.allMatchers());
    }

    @Test
    void parses_range_selectors_with_offset_and_at_in_either_order() {
        var expected = new MatrixSelector(new VectorSelector(Optional.of("x"), List.of(),
                Optional.of(Duration.ofHours(-1)), Optional.of(new At.Timestamp(1609746000))), Duration.ofMinutes(5));
        assertThat(PromQlParser.parse("x[5m] offset -1h @ 1609746000")).isEqualTo(expected);
        assertThat(PromQlParser.parse("x[5m] @ 1609746000 offset -1h")).isEqualTo(expected);
        assertThat(PromQlParser.parse("x @ start()")).isEqualTo(
                new VectorSelector(Optional.of("x"), List.of(), Optional.empty(), Optional.of(new At.Start())));
        assertThat(PromQlParser.parse("x @ end()")).isEqualTo(
                new VectorSelector(Optional.of("x"), List.of(), Optional.empty(), Optional.of(new At.End())));
    }

    @Test
    void parses_compound_durations() {
        var ms = (MatrixSelector) PromQlParser.parse("x[1h30m]");
        assertThat(ms.range()).isEqualTo(Duration.ofMinutes(90));
        assertThat(((MatrixSelector) PromQlParser.parse("x[1y2w3d4h5m6s7ms]")).range())
                .isEqualTo(Duration.ofDays(365 + 14 + 3).plusHours(4).plusMinutes(5).plusSeconds(6).plusMillis(7));
    }

    @Test
    void parses_subqueries_with_and_without_step() {
        assertThat(PromQlParser.parse("rate(x[5m])[30m:1m] offset 1h")).isEqualTo(new Subquery(
                new Call(PromQlFunction.byName("rate").orElseThrow(),
                        List.of(new MatrixSelector(sel("x"), Duration.ofMinutes(5)))),
                Duration.ofMinutes(30), Optional.of(Duration.ofMinutes(1)), Optional.of(Duration.ofHours(1)),
                Optional.empty()));
        assertThat(((Subquery) PromQlParser.parse("(x)[10m:]")).step()).isEmpty();
    }

    @Test
    void gives_multiplication_precedence_over_addition_and_set_operators_the_lowest() {
        var e = (Binary) PromQlParser.parse("a + b * c or d and e");
        assertThat(e.op()).isEqualTo(BinaryOp.OR);
        var lhs = (Binary) e.lhs();
        assertThat(lhs.op()).isEqualTo(BinaryOp.ADD);
        assertThat(((Binary) lhs.rhs()).op()).isEqualTo(BinaryOp.MUL);
        assertThat(((Binary) e.rhs()).op()).isEqualTo(BinaryOp.AND);
    }

    @Test
    void makes_power_right_associative_and_other_operators_left_associative() {
        assertThat(PromQlParser.parse("2 ^ 3 ^ 2")).isEqualTo(new Binary(BinaryOp.POW, new NumberLiteral(2),
                new Binary(BinaryOp.POW, new NumberLiteral(3), new NumberLiteral(2), false, Optional.empty()),
                false, Optional.empty()));
        assertThat(PromQlParser.parse("a - b - c")).isEqualTo(new Binary(BinaryOp.SUB,
                new Binary(BinaryOp.SUB, sel("a"), sel("b"), false, Optional.empty()), sel("c"), false,
                Optional.empty()));
    }

    @Test
    void binds_unary_minus_looser_than_power_but_tighter_than_multiplication() {
        assertThat(PromQlParser.parse("-a ^ 2")).isEqualTo(new Unary('-',
                new Binary(BinaryOp.POW, sel("a"), new NumberLiteral(2), false, Optional.empty())));
        assertThat(PromQlParser.parse("-a * 2")).isEqualTo(new Binary(BinaryOp.MUL, new Unary('-', sel("a")),
                new NumberLiteral(2), false, Optional.empty()));
        assertThat(PromQlParser.parse("-1")).isEqualTo(new NumberLiteral(-1));
    }

    @Test
    void parses_bool_and_vector_matching_modifiers() {
        assertThat(PromQlParser.parse("a > bool on(job, instance) group_left(team) b")).isEqualTo(new Binary(
                BinaryOp.GTR, sel("a"), sel("b"), true, Optional.of(new VectorMatching(true,
                        List.of("job", "instance"), VectorMatching.GroupSide.LEFT, List.of("team")))));
        assertThat(PromQlParser.parse("a / ignoring(code) group_right b")).isEqualTo(new Binary(BinaryOp.DIV,
                sel("a"), sel("b"), false, Optional.of(new VectorMatching(false, List.of("code"),
                        VectorMatching.GroupSide.RIGHT, List.of()))));
    }

    @Test
    void accepts_the_grouping_clause_before_or_after_the_arguments() {
        var expected = new Aggregation(AggregationOp.TOPK, Optional.of(new NumberLiteral(3)), sel("x"),
                new Grouping(Grouping.Kind.BY, List.of("job")));
        assertThat(PromQlParser.parse("topk by (job) (3, x)")).isEqualTo(expected);
        assertThat(PromQlParser.parse("topk(3, x) by (job)")).isEqualTo(expected);
        assertThat(PromQlParser.parse("count_values without (instance) (\"v\", x)")).isEqualTo(new Aggregation(
                AggregationOp.COUNT_VALUES, Optional.of(new StringLiteral("v")), sel("x"),
                new Grouping(Grouping.Kind.WITHOUT, List.of("instance"))));
        assertThat(PromQlParser.parse("quantile(0.9, x)")).isInstanceOf(Aggregation.class);
    }

    @Test
    void unescapes_strings_in_all_three_quote_styles() {
        assertThat(PromQlParser.parse("\"a\\\"b\\n\\t\\\\ \\x41\\101\\u00e9\\U0001F600\"")).isEqualTo(
                new StringLiteral("a\"b\n\t\\ AA\u00e9\uD83D\uDE00"));
        assertThat(PromQlParser.parse("'it\\'s \"x\"'")).isEqualTo(new StringLiteral("it's \"x\""));
        assertThat(PromQlParser.parse("`raw \\n 'and' \"more\"`")).isEqualTo(new StringLiteral("raw \\n 'and' \"more\""));
    }

    @ParameterizedTest
    @CsvSource({"0x1f, 31", "0XFF, 255", "1e3, 1000", "2.5E-1, 0.25", ".5, 0.5", "Inf, Infinity", "-inf, -Infinity",
            "+Inf, Infinity"})
    void parses_numbers_in_every_notation(String text, double value) {
        assertThat(PromQlParser.parse(text)).isEqualTo(new NumberLiteral(value));
    }

    @Test
    void parses_not_a_number_in_any_case() {
        assertThat(((NumberLiteral) PromQlParser.parse("nan")).value()).isNaN();
        assertThat(((NumberLiteral) PromQlParser.parse("NaN")).value()).isNaN();
    }

    @Test
    void skips_comments() {
        assertThat(PromQlParser.parse("# leading\nsum(x) # trailing\n# last")).isEqualTo(
                new Aggregation(AggregationOp.SUM, Optional.empty(), sel("x"), Grouping.none()));
    }

    @Test
    void accepts_keywords_as_label_names() {
        assertThat(PromQlParser.parse("x{by=\"1\", and=\"2\", offset=\"3\"}")).isInstanceOf(VectorSelector.class);
        assertThat(PromQlParser.parse("sum by (on, bool) (x)")).isInstanceOf(Aggregation.class);
    }

    @Test
    void refuses_queries_nested_deeply_enough_to_exhaust_the_stack() {
        assertThat(PromQlParser.parse("(".repeat(150) + "x" + ")".repeat(150))).isInstanceOf(Paren.class);
        assertThatThrownBy(() -> PromQlParser.parse("(".repeat(100_000) + "x" + ")".repeat(100_000)))
                .isInstanceOf(PromQlParseException.class).hasMessageContaining("longer than");
        assertThatThrownBy(() -> PromQlParser.parse("(".repeat(10_000) + "x" + ")".repeat(10_000)))
                .isInstanceOf(PromQlParseException.class).hasMessageContaining("nested more than 200 levels");
        assertThatThrownBy(() -> PromQlParser.parse("-".repeat(10_000) + "x"))
                .isInstanceOf(PromQlParseException.class).hasMessageContaining("nested");
        String chain = "x" + " + x".repeat(150);
        assertThat(PromQlPrinter.print(PromQlParser.parse(chain))).isEqualTo(chain);
        assertThatThrownBy(() -> PromQlParser.parse("x" + " + x".repeat(5_000)))
                .isInstanceOf(PromQlParseException.class).hasMessageContaining("nested");
    }

    @Test
    void keeps_parentheses_in_the_tree() {
        assertThat(PromQlParser.parse("(a + b) * c")).isEqualTo(new Binary(BinaryOp.MUL,
                new Paren(new Binary(BinaryOp.ADD, sel("a"), sel("b"), false, Optional.empty())), sel("c"), false,
                Optional.empty()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "sum(rate(x[5m])            | 1 | 16 | unexpected end of input, expected \")\"",
            "x{a=\"b\"                  | 1 | 8  | unexpected end of input, expected \",\" or \"}\"",
            "x{a~\"b\"}                 | 1 | 4  | unexpected character \"~\"",
            "foo(x)                     | 1 | 1  | unknown function with name \"foo\"",
            "rate(x)                    | 1 | 6  | expected type range vector in call to function \"rate\", got instant vector",
            "label_replace(x, \"a\")    | 1 | 1  | function \"label_replace\" expects 5 argument(s), got 2",
            "{}                         | 1 | 1  | vector selector must contain at least one non-empty matcher",
            "{job=~\".*\"}              | 1 | 1  | vector selector must contain at least one non-empty matcher",
            "x[5]                       | 1 | 3  | expected a duration such as 5m",
            "x[5d1]                     | 1 | 3  | a number needs a unit",
            "x[5m30h]                   | 1 | 3  | units must be in decreasing order",
            "x offset 5m offset 1m      | 1 | 13 | offset may not be set multiple times",
            "x[5m][1m]                  | 1 | 6  | ranges only allowed for vector selectors",
            "x[5m][1m:]                 | 1 | 6  | subquery is only allowed on instant vector, got range vector",
            "(x)[5m]                    | 1 | 4  | ranges only allowed for vector selectors",
            "1 > 2                      | 1 | 3  | comparisons between scalars must use the bool modifier",
            "x + bool y                 | 1 | 5  | bool modifier can only be used on comparison operators",
            "1 and x                    | 1 | 3  | set operator \"and\" not allowed in binary scalar expression",
            "x and on(a) group_left y   | 1 | 13 | no grouping allowed for \"and\" operation",
            "x / on(a) group_left(a) y  | 1 | 25 | label \"a\" must not occur in ON and GROUP clause at once",
            "x{a=~\"(\"}                | 1 | 6  | invalid regular expression",
            "sum by (a) (x) by (b)      | 1 | 16 | aggregation may have only one by or without clause",
            "'abc                       | 1 | 1  | unterminated string",
            "x y                        | 1 | 3  | unexpected \"y\", expected an operator or the end of the query",
            "\"\\q\"                    | 1 | 2  | unknown escape sequence \\q",
            "x @ 1 @ 2                  | 1 | 7  | @ <timestamp> may not be set multiple times",
            "foo{__name__=\"bar\"}      | 1 | 14 | metric name must not be set twice",
            "sum(x\\n  +)               | 2 | 4  | unexpected \")\", expected an expression",
    })
    void reports_errors_with_their_line_and_column(String query, int line, int column, String message) {
        assertThatThrownBy(() -> PromQlParser.parse(query.strip().replace("\\n", "\n")))
                .isInstanceOfSatisfying(PromQlParseException.class, e -> {
                    assertThat(e.getMessage()).contains(message);
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.column()).isEqualTo(column);
                });
    }

    static Stream<String> corpus() {
        return Expressions.all().stream();
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void prints_every_corpus_expression_back_to_text_that_parses_to_the_same_tree(String query) {
        Expr parsed = PromQlParser.parse(query);
        String printed = PromQlPrinter.print(parsed);
        assertThat(PromQlParser.parse(printed)).as(printed).isEqualTo(parsed);
        assertThat(PromQlPrinter.print(PromQlParser.parse(printed))).isEqualTo(printed);
    }

    @Test
    void the_corpus_holds_more_than_a_hundred_and_fifty_expressions() {
        assertThat(Expressions.all()).hasSizeGreaterThan(150);
    }
}
