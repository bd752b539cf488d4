/** The embedded log store on Apache Lucene. */
@NullMarked
package dev.periscope.logs.store.lucene;

import org.jspecify.annotations.NullMarked;
