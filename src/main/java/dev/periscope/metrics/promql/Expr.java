package dev.periscope.metrics.promql;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A PromQL expression: an immutable syntax tree. {@link PromQlPrinter} turns one back into PromQL text, and parsing
 * that text gives an equal tree.
 */
public sealed interface Expr {

    /** The type of value the expression evaluates to, as Prometheus checks it. */
    enum ValueType { SCALAR, VECTOR, MATRIX, STRING }

    ValueType type();

    /** A number; {@code Inf}, {@code NaN} and hexadecimal literals are parsed to their value. */
    record NumberLiteral(double value) implements Expr {
        @Override
        public ValueType type() {
            return ValueType.SCALAR;
        }
    }

    record StringLiteral(String value) implements Expr {
        @Override
        public ValueType type() {
            return ValueType.STRING;
        }
    }

    /**
     * An instant vector selector. The metric name, when written before the braces, is kept apart from the matchers
     * so the printer can write it back the same way; {@link #allMatchers()} gives the name as a {@code __name__}
     * matcher too.
     */
    record VectorSelector(Optional<String> metricName, List<LabelMatcher> matchers, Optional<Duration> offset,
                          Optional<At> at) implements Expr {
        public VectorSelector {
            matchers = List.copyOf(matchers);
        }

        public List<LabelMatcher> allMatchers() {
            if (metricName.isEmpty()) {
                return matchers;
            }
            var all = new java.util.ArrayList<LabelMatcher>(matchers.size() + 1);
            all.add(new LabelMatcher(LabelMatcher.NAME, MatchOp.EQUAL, metricName.get()));
            all.addAll(matchers);
            return List.copyOf(all);
        }

        @Override
        public ValueType type() {
            return ValueType.VECTOR;
        }
    }

    /** {@code selector[range]}; offset and {@code @} stay on the inner selector, and print after the range. */
    record MatrixSelector(VectorSelector selector, Duration range) implements Expr {
        @Override
        public ValueType type() {
            return ValueType.MATRIX;
        }
    }

    /** {@code expr[range:step]}; an empty step means the global evaluation interval. */
    record Subquery(Expr expr, Duration range, Optional<Duration> step, Optional<Duration> offset,
                    Optional<At> at) implements Expr {
        @Override
        public ValueType type() {
            return ValueType.MATRIX;
        }
    }

    record Aggregation(AggregationOp op, Optional<Expr> param, Expr expr, Grouping grouping) implements Expr {
        @Override
        public ValueType type() {
            return ValueType.VECTOR;
        }
    }

    record Call(PromQlFunction function, List<Expr> args) implements Expr {
        public Call {
            args = List.copyOf(args);
        }

        @Override
        public ValueType type() {
            return function.returns();
        }
    }

    /**
     * A binary operation.
     *
     * @param returnBool the {@code bool} modifier of a comparison
     * @param matching {@code on}/{@code ignoring} and {@code group_left}/{@code group_right}, when written
     */
    record Binary(BinaryOp op, Expr lhs, Expr rhs, boolean returnBool, Optional<VectorMatching> matching)
            implements Expr {
        @Override
        public ValueType type() {
            return lhs.type() == ValueType.SCALAR && rhs.type() == ValueType.SCALAR
                    ? ValueType.SCALAR : ValueType.VECTOR;
        }
    }

    /** Unary minus or plus. A minus applied directly to a number is folded into the number by the parser. */
    record Unary(char op, Expr expr) implements Expr {
        @Override
        public ValueType type() {
            return expr.type();
        }
    }

    record Paren(Expr expr) implements Expr {
        @Override
        public ValueType type() {
            return expr.type();
        }
    }

    /** The {@code @} modifier: a Unix time in seconds, or the start or end of the query range. */
    sealed interface At {
        record Timestamp(double seconds) implements At {
        }

        record Start() implements At {
        }

        record End() implements At {
        }
    }

    /** {@code by (labels)} or {@code without (labels)}; {@link Kind#NONE} when the aggregation groups everything. */
    record Grouping(Kind kind, List<String> labels) {
        public enum Kind { NONE, BY, WITHOUT }

        public Grouping {
            labels = List.copyOf(labels);
        }

        public static Grouping none() {
            return new Grouping(Kind.NONE, List.of());
        }
    }

    /**
     * @param on true for {@code on(...)}, false for {@code ignoring(...)}
     * @param group {@code group_left}, {@code group_right} or none
     * @param include the labels listed in the group modifier
     */
    record VectorMatching(boolean on, List<String> labels, GroupSide group, List<String> include) {
        public enum GroupSide { NONE, LEFT, RIGHT }

        public VectorMatching {
            labels = List.copyOf(labels);
            include = List.copyOf(include);
        }
    }
}
