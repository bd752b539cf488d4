@NullMarked
package dev.periscope.metrics;

import org.jspecify.annotations.NullMarked;
