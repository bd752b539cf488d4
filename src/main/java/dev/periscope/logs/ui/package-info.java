/** The Logs view: search, histogram, results, details, context and the field sidebar, all over masked types. */
@NullMarked
package dev.periscope.logs.ui;

import org.jspecify.annotations.NullMarked;
