package dev.periscope.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.periscope.logs.query.LogQueryParser;
import dev.periscope.logs.query.QueryLimits;
import dev.periscope.logs.query.QueryNode;
import dev.periscope.masking.MaskingContext;
import dev.periscope.masking.MaskingService;
import dev.periscope.masking.ShippedMasking;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class LogQueryRewriterTest {

    static final MaskingService MASKING = ShippedMasking.service();

    final LogQueryParser parser = new LogQueryParser(QueryLimits.defaults(),
            Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC));
    final LogQueryRewriter rewriter = new LogQueryRewriter(new MaskingQueryValues(MASKING));

    QueryNode rewrite(String query) {
        return rewriter.rewrite(parser.parse(query), LogScope.everything());
    }

    /** A vault in which one short token stands for two addresses, as a collision of token hashes would leave it. */
    private static final dev.periscope.masking.TokenVault COLLIDED = new dev.periscope.masking.TokenVault() {
        @Override
        public void remember(String token, String value) {
        }

        @Override
        public java.util.List<String> resolve(String token) {
            return token.equals("‹email:0123abcd›") ? java.util.List.of("ann@example.com", "bob@example.org")
                    : token.equals("‹email:89abcdef›") ? java.util.List.of("cy@example.net")
                    : java.util.List.of();
        }
    };

    @Test
    void a_token_that_stands_for_two_values_searches_for_either() {
        LogQueryRewriter collided = new LogQueryRewriter(new MaskingQueryValues(ShippedMasking.withVault(COLLIDED)));

        assertThat(collided.rewrite(parser.parse("customer:\"\u2039email:0123abcd\u203a\""), LogScope.everything()))
                .isEqualTo(new QueryNode.Or(java.util.List.of(new QueryNode.Term("customer", "ann@example.com"),
                        new QueryNode.Term("customer", "bob@example.org"))));
        assertThat(collided.rewrite(parser.parse("\"mail to \u2039email:0123abcd\u203a and \u2039email:89abcdef\u203a\""),
                LogScope.everything()).toString())
                .contains("mail to ann@example.com and cy@example.net").contains("mail to bob@example.org and cy@example.net");
    }

    @Test
    void a_term_on_a_field_masked_by_its_name_is_refused_as_a_probe_without_repeating_the_value() {
        assertThatThrownBy(() -> rewrite("password:hunter2"))
                .isInstanceOfSatisfying(QueryProbeRefusedException.class, e -> {
                    assertThat(e.categories()).containsExactly("secrets");
                    assertThat(e.getMessage()).contains("password", "masked", "token").doesNotContain("hunter2");
                });
        assertThatThrownBy(() -> rewrite("service:checkout AND db.password:\"hunter 2\""))
                .isInstanceOf(QueryProbeRefusedException.class);
        assertThatThrownBy(() -> rewrite("NOT user.email:\"alice@example.com\""))
                .isInstanceOf(QueryProbeRefusedException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"user.email:[alice@x.com TO alice@x.com]", "password:[a TO b]",
        "password:{* TO *}", "api_key:[abc TO *]"})
    void a_range_on_a_masked_field_is_refused(String query) {
        assertThatThrownBy(() -> rewrite(query)).isInstanceOf(QueryProbeRefusedException.class)
                .hasMessageContaining("ranges");
    }

    @ParameterizedTest
    @ValueSource(strings = {"api_key:a*", "api_key:ab*", "api_key:abc?", "password:*2", "password:/hunter.*/",
        "user.email:/alice@.*/", "card_number:/4111.*/"})
    void a_wildcard_or_regular_expression_on_a_masked_field_is_refused(String query) {
        assertThatThrownBy(() -> rewrite(query)).isInstanceOf(QueryProbeRefusedException.class)
                .hasMessageContaining("wildcards");
    }

    @Test
    void narrowing_a_prefix_cannot_rebuild_a_masked_value_from_counts() {
        for (String prefix : new String[] {"s", "sk", "sk_", "sk_l", "sk_li", "sk_liv"}) {
            assertThatThrownBy(() -> rewrite("api_key:" + prefix + "*"))
                    .as(prefix).isInstanceOf(QueryProbeRefusedException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"note:4111111111111111*", "card:/4111111111111111.*/", "note:*4111111111111111",
        "ref:[4111111111111111 TO 4111111111111112]", "contact:/jane\\.doe@example\\.com/",
        "contact:jane.doe\\@example.com*", "message:/4111 1111 1111 1111.*/"})
    void a_confidential_value_inside_a_pattern_or_range_bound_is_refused(String query) {
        assertThatThrownBy(() -> rewrite(query)).isInstanceOf(QueryProbeRefusedException.class)
                .hasMessageContaining("confidential value");
    }

    @Test
    void a_token_on_a_masked_field_is_searched_for_the_value_it_stands_for() {
        String token = MASKING.mask(MaskingContext.strict(""), Map.of("user.email", "alice@example.com"))
                .asMap().get("user.email").text();
        assertThat(token).matches("‹email:[0-9a-f]+›");

        assertThat(rewrite("user.email:\"" + token + "\"")).isEqualTo(
                new QueryNode.Term("user.email", "alice@example.com"));
    }

    @Test
    void whether_a_masked_field_is_there_can_still_be_asked() {
        assertThat(rewrite("_exists_:password")).isEqualTo(new QueryNode.Exists("password"));
        assertThat(rewrite("password:*")).isEqualTo(new QueryNode.Exists("password"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"service:checkout AND level:ERROR AND \"timed out\"", "service:check*", "service:?heckout",
        "service:/check.*/", "duration_ms:[100 TO 500]", "order.id:o-42", "timestamp:[now-1h TO now]",
        "message:time*", "NOT level:DEBUG", "user.id:u-17 OR http.status:[500 TO 599]"})
    void ordinary_queries_run_unchanged(String query) {
        assertThat(rewrite(query)).isEqualTo(parser.parse(query));
    }
}
