@NullMarked
package dev.periscope.base.api;

import org.jspecify.annotations.NullMarked;
