package dev.periscope.metrics.promql;

import java.util.Locale;
import java.util.Optional;

/** The aggregation operators, with the type of the parameter the ones that take one need. */
public enum AggregationOp {
    SUM, AVG, COUNT, MIN, MAX, GROUP, STDDEV, STDVAR,
    TOPK(Expr.ValueType.SCALAR), BOTTOMK(Expr.ValueType.SCALAR), QUANTILE(Expr.ValueType.SCALAR),
    COUNT_VALUES(Expr.ValueType.STRING);

    private final Optional<Expr.ValueType> param;

    AggregationOp() {
        this.param = Optional.empty();
    }

    AggregationOp(Expr.ValueType param) {
        this.param = Optional.of(param);
    }

    public Optional<Expr.ValueType> param() {
        return param;
    }

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<AggregationOp> byKeyword(String word) {
        for (var op : values()) {
            if (op.keyword().equals(word.toLowerCase(Locale.ROOT))) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }
}
