@NullMarked
package dev.periscope.logs.store;

import org.jspecify.annotations.NullMarked;
