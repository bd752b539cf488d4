/** The Problems views: the list of groups and one group with its exception chain. */
@NullMarked
package dev.periscope.problems.ui;

import org.jspecify.annotations.NullMarked;
