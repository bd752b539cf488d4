/** The Metrics (Explore) and dashboard views, and the chart and PromQL editor components they use. */
@NullMarked
package dev.periscope.metrics.ui;

import org.jspecify.annotations.NullMarked;
