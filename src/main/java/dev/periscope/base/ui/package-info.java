@NullMarked
package dev.periscope.base.ui;

import org.jspecify.annotations.NullMarked;
