/** The logs benchmark and its command, exposed so the application's command line can list it. */
@NullMarked
@NamedInterface("bench")
package dev.periscope.logs.bench;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
