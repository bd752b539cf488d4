@NullMarked
package dev.periscope.security;

import org.jspecify.annotations.NullMarked;
