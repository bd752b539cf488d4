/** The logs benchmark and its command. */
@NullMarked
package dev.periscope.logs.bench;

import org.jspecify.annotations.NullMarked;
