@NullMarked
package dev.periscope.access.ui;

import org.jspecify.annotations.NullMarked;
