@NullMarked
package dev.periscope.security.api;

import org.jspecify.annotations.NullMarked;
