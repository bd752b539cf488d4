/** Small file-system helpers shared by every module; it depends on none of them. */
@NullMarked
package dev.periscope.files;

import org.jspecify.annotations.NullMarked;
