@NullMarked
package dev.periscope.audit;

import org.jspecify.annotations.NullMarked;
