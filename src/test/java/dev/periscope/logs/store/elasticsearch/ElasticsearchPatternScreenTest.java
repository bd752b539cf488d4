package dev.periscope.logs.store.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.periscope.logs.query.InvalidQueryException;
import dev.periscope.logs.query.LogQueryParser;
import dev.periscope.logs.query.QueryLimits;
import dev.periscope.logs.store.StoreQuery;
import dev.periscope.logs.store.TermScreen;
import java.time.Clock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cluster expands patterns itself, where the portal cannot keep them from the words masking hides: with a screen
 * in force, patterns on messages and structured fields are refused before anything is sent, never run unscreened.
 */
class ElasticsearchPatternScreenTest {

    private final LogQueryParser parser = new LogQueryParser(QueryLimits.defaults(), Clock.systemUTC());
    private final ElasticsearchQueryBuilder builder = new ElasticsearchQueryBuilder(
            new EsFields(ElasticsearchLogStoreProperties.Fields.ecs()));
    private final TermScreen screen = (field, term) -> true;

    @ParameterizedTest
    @ValueSource(strings = {"sk_live*", "message:/sk.*/", "message:[a TO b]", "user.id:a*", "user.id:/a.*/",
        "code:[E1 TO E2]", "timeout AND NOT (api_key:sk*)"})
    void a_pattern_on_a_message_or_a_structured_field_is_refused_when_a_screen_is_in_force(String q) {
        StoreQuery query = new StoreQuery(parser.parse(q), 0, 1000, screen);

        assertThatThrownBy(() -> builder.build(query, 0)).isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("not available on this Elasticsearch store");
        assertThat(builder.build(new StoreQuery(parser.parse(q), 0, 1000), 0)).as("without a screen").isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"timeout", "\"timed out\"", "service:pay*", "level:/ERR.*/", "source:*.log",
        "duration_ms:[100 TO 200]", "_exists_:user.id", "user.id:u-1"})
    void words_values_numeric_ranges_and_patterns_on_services_levels_and_sources_still_run(String q) {
        assertThat(builder.build(new StoreQuery(parser.parse(q), 0, 1000, screen), 0)).isNotNull();
    }
}
