@NullMarked
package dev.periscope.base;

import org.jspecify.annotations.NullMarked;
