package dev.periscope.metrics.promql;

import dev.periscope.metrics.promql.Expr.Aggregation;
import dev.periscope.metrics.promql.Expr.At;
import dev.periscope.metrics.promql.Expr.Binary;
import dev.periscope.metrics.promql.Expr.Call;
import dev.periscope.metrics.promql.Expr.Grouping;
import dev.periscope.metrics.promql.Expr.MatrixSelector;
import dev.periscope.metrics.promql.Expr.NumberLiteral;
import dev.periscope.metrics.promql.Expr.Paren;
import dev.periscope.metrics.promql.Expr.StringLiteral;
import dev.periscope.metrics.promql.Expr.Subquery;
import dev.periscope.metrics.promql.Expr.Unary;
import dev.periscope.metrics.promql.Expr.VectorMatching;
import dev.periscope.metrics.promql.Expr.VectorSelector;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Prints a syntax tree as PromQL text that parses back to an equal tree.
 *
 * <p>The printer adds parentheses where precedence needs them, so trees built in code (not parsed) print correctly
 * too; parsing such text then yields the same tree with explicit {@link Paren} nodes.
 */
public final class PromQlPrinter {

    private PromQlPrinter() {
    }

    public static String print(Expr expr) {
        var sb = new StringBuilder();
        write(sb, expr);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Expr expr) {
        switch (expr) {
            case NumberLiteral n -> sb.append(number(n.value()));
            case StringLiteral s -> sb.append(quote(s.value()));
            case VectorSelector vs -> {
                selector(sb, vs);
                modifiers(sb, vs.offset(), vs.at());
            }
            case MatrixSelector ms -> {
                selector(sb, ms.selector());
                sb.append('[').append(duration(ms.range())).append(']');
                modifiers(sb, ms.selector().offset(), ms.selector().at());
            }
            case Subquery sq -> {
                operand(sb, sq.expr(), !isPostfixSafe(sq.expr()));
                sb.append('[').append(duration(sq.range())).append(':');
                sq.step().ifPresent(s -> sb.append(duration(s)));
                sb.append(']');
                modifiers(sb, sq.offset(), sq.at());
            }
            case Aggregation a -> {
                sb.append(a.op().keyword());
                if (a.grouping().kind() != Grouping.Kind.NONE) {
                    sb.append(a.grouping().kind() == Grouping.Kind.BY ? " by " : " without ");
                    labels(sb, a.grouping().labels());
                    sb.append(' ');
                }
                sb.append('(');
                a.param().ifPresent(p -> {
                    write(sb, p);
                    sb.append(", ");
                });
                write(sb, a.expr());
                sb.append(')');
            }
            case Call c -> {
                sb.append(c.function().name()).append('(');
                for (int i = 0; i < c.args().size(); i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    write(sb, c.args().get(i));
                }
                sb.append(')');
            }
            case Binary b -> binary(sb, b);
            case Unary u -> {
                sb.append(u.op());
                // Parenthesize anything but the tightest operands, so "-(a + b)" never prints as "-a + b".
                operand(sb, u.expr(), u.expr() instanceof Binary bin && bin.op() != BinaryOp.POW
                        || u.expr() instanceof Unary || isNegativeNumber(u.expr()));
            }
            case Paren p -> {
                sb.append('(');
                write(sb, p.expr());
                sb.append(')');
            }
        }
    }

    private static void binary(StringBuilder sb, Binary b) {
        int prec = b.op().precedence();
        boolean lhsParen = b.lhs() instanceof Binary l
                && (l.op().precedence() < prec || l.op().precedence() == prec && b.op().rightAssociative())
                || (b.op() == BinaryOp.POW && (b.lhs() instanceof Unary || isNegativeNumber(b.lhs())));
        boolean rhsParen = b.rhs() instanceof Binary r
                && (r.op().precedence() < prec || r.op().precedence() == prec && !b.op().rightAssociative());
        operand(sb, b.lhs(), lhsParen);
        sb.append(' ').append(b.op().symbol()).append(' ');
        if (b.returnBool()) {
            sb.append("bool ");
        }
        b.matching().ifPresent(m -> matching(sb, m));
        operand(sb, b.rhs(), rhsParen);
    }

    private static void matching(StringBuilder sb, VectorMatching m) {
        sb.append(m.on() ? "on" : "ignoring");
        labels(sb, m.labels());
        sb.append(' ');
        if (m.group() != VectorMatching.GroupSide.NONE) {
            sb.append(m.group() == VectorMatching.GroupSide.LEFT ? "group_left" : "group_right");
            labels(sb, m.include());
            sb.append(' ');
        }
    }

    private static boolean isNegativeNumber(Expr e) {
        return e instanceof NumberLiteral n && (n.value() < 0 || Double.doubleToRawLongBits(n.value()) == Long.MIN_VALUE);
    }

    private static boolean isPostfixSafe(Expr e) {
        return e instanceof VectorSelector || e instanceof Paren || e instanceof Call || e instanceof Aggregation
                || e instanceof Subquery;
    }

    private static void operand(StringBuilder sb, Expr e, boolean paren) {
        if (paren) {
            sb.append('(');
        }
        write(sb, e);
        if (paren) {
            sb.append(')');
        }
    }

    private static void selector(StringBuilder sb, VectorSelector vs) {
        // A metric named like a keyword ("by", "sum", "inf") cannot be written bare: it goes inside the braces.
        boolean bare = vs.metricName().filter(PromQlParser::canBeBareMetricName).isPresent();
        List<LabelMatcher> matchers = bare ? vs.matchers() : vs.allMatchers();
        if (bare) {
            sb.append(vs.metricName().get());
        }
        if (!matchers.isEmpty() || !bare) {
            sb.append('{');
            for (int i = 0; i < matchers.size(); i++) {
                LabelMatcher m = matchers.get(i);
                if (i > 0) {
                    sb.append(", ");
                }
                sb.append(m.name()).append(m.op().symbol()).append(quote(m.value()));
            }
            sb.append('}');
        }
    }

    private static void modifiers(StringBuilder sb, Optional<Duration> offset, Optional<At> at) {
        offset.ifPresent(o -> sb.append(" offset ").append(o.isNegative() ? "-" + duration(o.negated()) : duration(o)));
        at.ifPresent(a -> sb.append(" @ ").append(switch (a) {
            case At.Timestamp t -> number(t.seconds());
            case At.Start s -> "start()";
            case At.End e -> "end()";
        }));
    }

    private static void labels(StringBuilder sb, List<String> labels) {
        sb.append('(').append(String.join(", ", labels)).append(')');
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Inf" : "-Inf";
        }
        if (v == 0 && Double.doubleToRawLongBits(v) == Long.MIN_VALUE) {
            return "-0";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        // BigDecimal gives the shortest exact decimal of the double without Java's "1.0E-5" style.
        return new BigDecimal(Double.toString(v)).toString().replace("E+", "e").replace("E", "e");
    }

    private static final String[] UNITS = {"y", "w", "d", "h", "m", "s", "ms"};
    private static final long[] UNIT_MILLIS = {365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1_000, 1};

    /** Prints a non-negative duration as Prometheus does, e.g. {@code 1h30m}; zero prints as {@code 0s}. */
    static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        var sb = new StringBuilder();
        for (int u = 0; u < UNITS.length; u++) {
            long n = ms / UNIT_MILLIS[u];
            if (n > 0) {
                sb.append(n).append(UNITS[u]);
                ms -= n * UNIT_MILLIS[u];
            }
        }
        return sb.toString();
    }

    /** A double-quoted PromQL string; everything outside printable ASCII is escaped. */
    static String quote(String s) {
        var sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
