@NullMarked
package dev.periscope.logs.bench;

import org.jspecify.annotations.NullMarked;
