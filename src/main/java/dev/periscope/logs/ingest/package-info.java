/** Ingest of log files into the embedded store, and the demo traffic that feeds it. */
@NullMarked
package dev.periscope.logs.ingest;

import org.jspecify.annotations.NullMarked;
