/**
 * The log store port ({@link dev.periscope.logs.store.LogStore}, {@link dev.periscope.logs.store.LogWriter}) and the
 * raw event model. Raw types: only the log service, store adapters and ingest may use this package.
 */
@NullMarked
package dev.periscope.logs.store;

import org.jspecify.annotations.NullMarked;
