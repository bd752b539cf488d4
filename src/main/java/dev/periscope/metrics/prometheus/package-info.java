/**
 * The Prometheus HTTP API adapter. It works with any server that speaks the Prometheus query API (Prometheus, Thanos,
 * Mimir, VictoriaMetrics). What it returns is raw, unmasked data: every result type is marked
 * {@link dev.periscope.base.Unmasked} and reaches users only through the metrics service, scoped and masked.
 */
@NullMarked
package dev.periscope.metrics.prometheus;

import org.jspecify.annotations.NullMarked;
