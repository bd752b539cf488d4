@NullMarked
package dev.periscope.problems;

import org.jspecify.annotations.NullMarked;
