/** The auditor's views. */
@NullMarked
package dev.periscope.auditor.ui;

import org.jspecify.annotations.NullMarked;
