@NullMarked
package dev.periscope.logs.query;

import org.jspecify.annotations.NullMarked;
