/**
 * The query language: Lucene syntax parsed into Periscope's own query tree, validated against limits and the field
 * allow-list. No store-specific type appears in the tree.
 */
@NullMarked
package dev.periscope.logs.query;

import org.jspecify.annotations.NullMarked;
