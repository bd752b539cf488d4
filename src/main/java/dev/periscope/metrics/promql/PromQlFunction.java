package dev.periscope.metrics.promql;

import static dev.periscope.metrics.promql.Expr.ValueType.MATRIX;
import static dev.periscope.metrics.promql.Expr.ValueType.SCALAR;
import static dev.periscope.metrics.promql.Expr.ValueType.STRING;
import static dev.periscope.metrics.promql.Expr.ValueType.VECTOR;

import dev.periscope.metrics.promql.Expr.ValueType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A PromQL function and its signature.
 *
 * <p>The list is closed on purpose: a function the scoper does not know might read series the query does not name
 * (as {@code info()} reads {@code target_info}), so an unknown function is a parse error, and the query is refused.
 *
 * @param argTypes the types of the arguments
 * @param optional how many trailing arguments may be left out
 * @param variadic whether the last argument may repeat without limit
 */
public record PromQlFunction(String name, List<ValueType> argTypes, int optional, boolean variadic,
                             ValueType returns) {

    private static final Map<String, PromQlFunction> KNOWN = new LinkedHashMap<>();

    static {
        for (var f : List.of("abs", "absent", "ceil", "exp", "floor", "ln", "log10", "log2", "sqrt", "sgn",
                "acos", "acosh", "asin", "asinh", "atan", "atanh", "cos", "cosh", "sin", "sinh", "tan", "tanh",
                "deg", "rad", "sort", "sort_desc", "timestamp", "histogram_count", "histogram_sum",
                "histogram_avg", "histogram_stddev", "histogram_stdvar")) {
            add(f, List.of(VECTOR), 0, false, VECTOR);
        }
        for (var f : List.of("absent_over_time", "avg_over_time", "changes", "count_over_time", "delta", "deriv",
                "idelta", "increase", "irate", "last_over_time", "max_over_time", "min_over_time",
                "present_over_time", "rate", "resets", "stddev_over_time", "stdvar_over_time", "sum_over_time",
                "mad_over_time")) {
            add(f, List.of(MATRIX), 0, false, VECTOR);
        }
        for (var f : List.of("day_of_month", "day_of_week", "day_of_year", "days_in_month", "hour", "minute",
                "month", "year")) {
            add(f, List.of(VECTOR), 1, false, VECTOR);
        }
        add("clamp", List.of(VECTOR, SCALAR, SCALAR), 0, false, VECTOR);
        add("clamp_max", List.of(VECTOR, SCALAR), 0, false, VECTOR);
        add("clamp_min", List.of(VECTOR, SCALAR), 0, false, VECTOR);
        add("round", List.of(VECTOR, SCALAR), 1, false, VECTOR);
        add("histogram_quantile", List.of(SCALAR, VECTOR), 0, false, VECTOR);
        add("histogram_fraction", List.of(SCALAR, SCALAR, VECTOR), 0, false, VECTOR);
        add("holt_winters", List.of(MATRIX, SCALAR, SCALAR), 0, false, VECTOR);
        add("double_exponential_smoothing", List.of(MATRIX, SCALAR, SCALAR), 0, false, VECTOR);
        add("predict_linear", List.of(MATRIX, SCALAR), 0, false, VECTOR);
        add("quantile_over_time", List.of(SCALAR, MATRIX), 0, false, VECTOR);
        add("label_replace", List.of(VECTOR, STRING, STRING, STRING, STRING), 0, false, VECTOR);
        add("label_join", List.of(VECTOR, STRING, STRING, STRING), 1, true, VECTOR);
        add("sort_by_label", List.of(VECTOR, STRING), 1, true, VECTOR);
        add("sort_by_label_desc", List.of(VECTOR, STRING), 1, true, VECTOR);
        add("scalar", List.of(VECTOR), 0, false, SCALAR);
        add("vector", List.of(SCALAR), 0, false, VECTOR);
        add("time", List.of(), 0, false, SCALAR);
        add("pi", List.of(), 0, false, SCALAR);
    }

    private static void add(String name, List<ValueType> args, int optional, boolean variadic, ValueType returns) {
        KNOWN.put(name, new PromQlFunction(name, args, optional, variadic, returns));
    }

    public PromQlFunction {
        argTypes = List.copyOf(argTypes);
    }

    public static Optional<PromQlFunction> byName(String name) {
        return Optional.ofNullable(KNOWN.get(name));
    }

    public static List<PromQlFunction> all() {
        return List.copyOf(KNOWN.values());
    }

    public int minArgs() {
        return argTypes.size() - optional;
    }

    /** The largest number of arguments, or {@link Integer#MAX_VALUE} when variadic. */
    public int maxArgs() {
        return variadic ? Integer.MAX_VALUE : argTypes.size();
    }

    /** The expected type of the argument at {@code index}. */
    public ValueType argType(int index) {
        return argTypes.get(Math.min(index, argTypes.size() - 1));
    }
}
