@NullMarked
package dev.periscope.access;

import org.jspecify.annotations.NullMarked;
