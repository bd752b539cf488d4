@NullMarked
package dev.periscope.masking;

import org.jspecify.annotations.NullMarked;
