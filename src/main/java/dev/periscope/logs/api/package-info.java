/** The read-only REST API over the log service: the same path, guard, audit and masking as the views. */
@NullMarked
package dev.periscope.logs.api;

import org.jspecify.annotations.NullMarked;
