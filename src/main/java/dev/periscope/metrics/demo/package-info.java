/**
 * The demo's metrics source: generated series served through the same Prometheus port, so the demo shows metrics
 * without starting any server. Never used when a Prometheus URL is configured.
 */
@NullMarked
package dev.periscope.metrics.demo;

import org.jspecify.annotations.NullMarked;
