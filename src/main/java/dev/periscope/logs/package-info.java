/**
 * Log search: the API views, REST controllers and exports use ({@link dev.periscope.logs.LogService} and the masked
 * result types). Sub-packages are internal: the query tree, the store port and its adapters, ingest and the bench.
 */
@NullMarked
package dev.periscope.logs;

import org.jspecify.annotations.NullMarked;
