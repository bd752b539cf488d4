@NullMarked
package dev.periscope.logs.store.lucene;

import org.jspecify.annotations.NullMarked;
