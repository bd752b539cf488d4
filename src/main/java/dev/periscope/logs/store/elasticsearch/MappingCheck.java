package dev.periscope.logs.store.elasticsearch;

import co.elastic.clients.elasticsearch.core.FieldCapsResponse;
import co.elastic.clients.elasticsearch.core.field_caps.FieldCapability;
import dev.periscope.logs.query.BackendUnavailableException;
import dev.periscope.logs.query.QueryControl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that the indices a search reads map the fields the scope and the paging rely on as exact values. The scope
 * is a {@code term} on the service field: on a {@code text} field (an index created by another tool with dynamic
 * mapping) that term matches single words, so {@code service:payments} would also admit {@code payments-api} and
 * "legacy payments". Such a store fails closed: nothing is searched until the mapping is fixed. Checked again every
 * few minutes, as new indices roll over.
 */
final class MappingCheck {

    /** Field types on which a {@code term} query matches the whole value, as the embedded store does. */
    private static final Set<String> EXACT = Set.of("keyword", "constant_keyword", "wildcard");
    private static final Duration RECHECK = Duration.ofMinutes(5);

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MappingCheck.class);
    /** What a reader is told: the store refuses searches, and the operator's log says why. */
    static final String USER_MESSAGE = "The log store cannot be searched safely until an operator fixes how its "
            + "indices map service, id and level fields; the portal's log says which.";

    private final ElasticsearchConnection connection;
    private final String indexPattern;
    private final List<String> exactFields;
    private volatile long checkedAtNanos;
    private volatile boolean checked;
    private volatile List<String> logged = List.of();

    MappingCheck(ElasticsearchConnection connection, String indexPattern, List<String> exactFields) {
        this.connection = connection;
        this.indexPattern = indexPattern;
        this.exactFields = List.copyOf(exactFields);
    }

    /** Returns when the mapping is usable; throws with what to fix when it is not. */
    void require(QueryControl control) {
        if (checked && System.nanoTime() - checkedAtNanos < RECHECK.toNanos()) {
            return;
        }
        FieldCapsResponse caps = connection.call(control, () -> connection.client().fieldCaps(f -> f
                .index(indexPattern).fields(exactFields).ignoreUnavailable(true).allowNoIndices(true)));
        List<String> problems = problems(caps.fields());
        if (!problems.isEmpty()) {
            checked = false;
            tellOperator(problems);
            throw new BackendUnavailableException(USER_MESSAGE, null);
        }
        checkedAtNanos = System.nanoTime();
        checked = true;
    }

    /**
     * The details go to the operator's log only: they name indices, and so services, the reader may not be allowed
     * to know of. Logged again when they change, not on every search that is refused.
     */
    private void tellOperator(List<String> problems) {
        if (!problems.equals(logged)) {
            logged = problems;
            LOG.warn("Searches of {} are refused until the mapping is fixed: {}. Map these fields as keyword "
                    + "(Periscope's index template does), or point index-pattern only at indices that do.",
                    indexPattern, String.join("; ", problems));
        }
    }

    /** What is wrong with the mapping, field by field; empty when every field is exact wherever it exists. */
    List<String> problems(Map<String, Map<String, FieldCapability>> fields) {
        List<String> problems = new ArrayList<>();
        for (String field : exactFields) {
            Map<String, FieldCapability> byType = fields.getOrDefault(field, Map.of());
            for (Map.Entry<String, FieldCapability> type : byType.entrySet()) {
                if (!EXACT.contains(type.getKey()) && !type.getKey().equals("unmapped")) {
                    List<String> indices = type.getValue().indices();
                    problems.add(field + " is " + type.getKey() + ", not keyword"
                            + (indices == null || indices.isEmpty() ? "" : " in " + String.join(", ", indices)));
                }
            }
        }
        return problems;
    }
}
