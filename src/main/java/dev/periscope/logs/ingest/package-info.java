@NullMarked
package dev.periscope.logs.ingest;

import org.jspecify.annotations.NullMarked;
