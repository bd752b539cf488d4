package dev.periscope.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periscope.masking.MaskingContext;
import dev.periscope.masking.MaskingService;
import dev.periscope.masking.ShippedMasking;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueryTextMaskingTest {

    static final MaskingService MASKING = ShippedMasking.service();

    static String mask(String query) {
        return QueryTextMasking.mask(MASKING, query);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "password:hunter2                            | password:[REDACTED:password]",
        "service:checkout AND password:hunter2       | service:checkout AND password:[REDACTED:password]",
        "password:\"hunter 2\" OR level:ERROR          | password:\"[REDACTED:password]\" OR level:ERROR",
        "api_key:a*                                  | api_key:[REDACTED:authorization]",
        "api_key : abc?                              | api_key : [REDACTED:authorization]",
        "password:/hunter.*/                         | password:[REDACTED:password]",
        "password:[a TO b]                           | password:[REDACTED:password]",
        "(password:hunter2)                          | (password:[REDACTED:password])",
        "password:(hunter2 OR letmein)               | password:[REDACTED:password]",
        "order.id:(o-1 OR password:hunter2)          | order.id:(o-1 OR password:[REDACTED:password])",
        "pass\\word:hunter2                          | pass\\word:[REDACTED:password]",
        "-db.password:hunter2                        | -db.password:[REDACTED:password]",
        "password:\"hunter2                          | password:\"[REDACTED:password]",
    })
    void the_value_of_a_field_masked_by_its_name_is_masked_whatever_its_syntax(String query, String masked) {
        assertThat(mask(query)).isEqualTo(masked);
    }

    @Test
    void a_tokenized_field_gets_a_token_quoted_so_that_the_query_runs_again_and_a_token_already_there_stays() {
        String masked = mask("user.email:alice");
        assertThat(masked).matches("user\\.email:\"‹email:[0-9a-f]+›\"");
        assertThat(mask(masked)).isEqualTo(masked);
        assertThat(mask("user.email:\"alice\"")).isEqualTo(masked);
        assertThat(mask("user.email:[alice TO bob]")).matches("user\\.email:\"‹email:[0-9a-f]+›\"");
        String bare = masked.replace("\"", "");
        assertThat(mask(bare)).isEqualTo(bare);
    }

    @Test
    void ordinary_queries_and_free_text_keep_their_text_and_content_rules_still_apply() {
        assertThat(mask("service:checkout AND level:ERROR AND \"timed out\"")).isEqualTo(
                "service:checkout AND level:ERROR AND \"timed out\"");
        assertThat(mask("service:check* AND order.id:[1 TO 5] AND _exists_:password")).isEqualTo(
                "service:check* AND order.id:[1 TO 5] AND _exists_:password");
        String card = mask("note:\"4111 1111 1111 1111\" AND password");
        assertThat(card).doesNotContain("4111 1111 1111 1111").endsWith(" AND password");
        assertThat(mask("\"password:hunter2\"")).as("a phrase of the message is masked by content")
                .isEqualTo(MASKING.mask(MaskingContext.strict(""), "\"password:hunter2\"").text());
    }
}
