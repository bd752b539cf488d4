/**
 * PromQL: a lexer, a recursive-descent parser to an immutable syntax tree, a printer back to text, and the scoper
 * that injects a user's label matchers into every selector.
 *
 * <p>Scoping works on the tree, never on the text: a query reaches Prometheus only as the printed form of a tree the
 * scoper has rewritten.
 */
@NullMarked
package dev.periscope.metrics.promql;

import org.jspecify.annotations.NullMarked;
