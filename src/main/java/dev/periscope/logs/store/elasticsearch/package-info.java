/**
 * The log store on an Elasticsearch cluster (8.19, and 9.x through REST compatibility), on the official
 * {@code elasticsearch-java} client. Queries are built from the same scoped query tree as the embedded store's.
 */
@NullMarked
package dev.periscope.logs.store.elasticsearch;

import org.jspecify.annotations.NullMarked;
