@NullMarked
package dev.periscope.logs;

import org.jspecify.annotations.NullMarked;
