package dev.periscope.logs.store.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorResponse;
import dev.periscope.logs.query.QueryLimitExceededException;
import org.junit.jupiter.api.Test;

/**
 * A wildcard or regular expression too complex to run is built as a query like any other; the cluster refuses it,
 * and that refusal reaches the user as a query limit, as in the embedded store, not as a failure of the store.
 */
class ElasticsearchQueryLimitsTest {

    @Test
    void a_pattern_the_cluster_finds_too_complex_is_a_query_limit() {
        ElasticsearchException refused = new ElasticsearchException("search", ErrorResponse.of(r -> r.status(400)
                .error(e -> e.type("search_phase_execution_exception").reason("all shards failed")
                        .rootCause(c -> c.type("too_complex_to_determinize_exception").reason("too complex")))));

        RuntimeException translated = ElasticsearchConnection.translate(refused);

        assertThat(translated).isInstanceOf(QueryLimitExceededException.class)
                .hasMessageContaining("more specific");
    }
}
