/** The command-line tools' contract; depends on nothing else in Periscope so every module may offer a command. */
@NullMarked
package dev.periscope.cli;

import org.jspecify.annotations.NullMarked;
