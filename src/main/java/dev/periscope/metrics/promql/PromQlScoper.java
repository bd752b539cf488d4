package dev.periscope.metrics.promql;

import dev.periscope.base.TimeFormats;
import dev.periscope.metrics.promql.Expr.Aggregation;
import dev.periscope.metrics.promql.Expr.Binary;
import dev.periscope.metrics.promql.Expr.Call;
import dev.periscope.metrics.promql.Expr.MatrixSelector;
import dev.periscope.metrics.promql.Expr.NumberLiteral;
import dev.periscope.metrics.promql.Expr.Paren;
import dev.periscope.metrics.promql.Expr.StringLiteral;
import dev.periscope.metrics.promql.Expr.Subquery;
import dev.periscope.metrics.promql.Expr.Unary;
import dev.periscope.metrics.promql.Expr.VectorSelector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Confines a query to a scope by rewriting it, as prom-label-proxy does: every vector selector gets the scope's
 * matchers. The user's own matchers stay, also on a scoped label: a selector's matchers all have to hold, so they
 * can only narrow what the scope admits ({@code service="orders"} inside a scope of eight services reads orders
 * alone; {@code {team="ops"}} in a scope of {@code team="web"} reads nothing, and {@code {team=~".*"}} changes
 * nothing). Dropping them instead would answer a query about one service with the sum of all the scope's.
 *
 * <p>Every series a PromQL query reads is named by a selector (functions and operators only transform what the
 * selectors fetched; the function list is closed to keep it so). So once every selector carries the scope matchers,
 * no result, count or aggregate can depend on a series outside the scope. Functions such as {@code label_replace}
 * can write a scoped label's value onto a result, but only onto series that were already in scope.
 *
 * @param matchers the matchers every selector must carry, e.g. {@code team="web"}; a label may be named twice, to
 *     include and exclude values ({@code service=~"web.*", service!~"web-admin"})
 * @param maxRange the longest range a range selector or subquery may cover
 * @param unrestricted whether the scope admits every series (a role whose policy names no labels): queries are still
 *     parsed, printed and range-checked, but get no matchers. Only {@link #unrestricted(Duration)} sets it, so an
 *     empty matcher list by mistake is still refused.
 */
public record PromQlScoper(List<LabelMatcher> matchers, Duration maxRange, boolean unrestricted) {

    public PromQlScoper(List<LabelMatcher> matchers, Duration maxRange) {
        this(matchers, maxRange, false);
    }

    public PromQlScoper {
        matchers = List.copyOf(matchers);
        if (unrestricted && !matchers.isEmpty()) {
            throw new IllegalArgumentException("an unrestricted scope has no matchers");
        }
        if (matchers.isEmpty() && !unrestricted) {
            throw new IllegalArgumentException("a scope needs at least one matcher; an unrestricted scope is not a scope");
        }
        // A scope all of whose matchers accept a series without the label would let such series through.
        if (!unrestricted && matchers.stream().allMatch(LabelMatcher::matchesEmpty)) {
            throw new IllegalArgumentException("a scope needs at least one matcher that requires a label value");
        }
        if (maxRange.isNegative() || maxRange.isZero()) {
            throw new IllegalArgumentException("maxRange must be positive");
        }
    }

    /** A scope that admits every series, still limited in range. */
    public static PromQlScoper unrestricted(Duration maxRange) {
        return new PromQlScoper(List.of(), maxRange, true);
    }

    /** Parses, scopes and prints a query: the text that may be sent to Prometheus. */
    public String scope(String query) {
        Expr scoped = scope(PromQlParser.parse(query));
        String text = PromQlPrinter.print(scoped);
        // Defense in depth: what Prometheus will parse must carry the scope in every selector.
        verify(PromQlParser.parse(text));
        return text;
    }

    /** Returns the query with the scope injected into every selector, or refuses it. */
    public Expr scope(Expr expr) {
        return switch (expr) {
            case NumberLiteral n -> n;
            case StringLiteral s -> s;
            case VectorSelector vs -> scopeSelector(vs);
            case MatrixSelector ms -> {
                checkRange(ms.range(), "range selector");
                yield new MatrixSelector(scopeSelector(ms.selector()), ms.range());
            }
            case Subquery sq -> {
                checkRange(sq.range(), "subquery range");
                yield new Subquery(scope(sq.expr()), sq.range(), sq.step(), sq.offset(), sq.at());
            }
            case Aggregation a -> new Aggregation(a.op(), a.param().map(this::scope), scope(a.expr()), a.grouping());
            case Call c -> new Call(c.function(), c.args().stream().map(this::scope).toList());
            case Binary b -> new Binary(b.op(), scope(b.lhs()), scope(b.rhs()), b.returnBool(), b.matching());
            case Unary u -> new Unary(u.op(), scope(u.expr()));
            case Paren p -> new Paren(scope(p.expr()));
        };
    }

    /**
     * Scopes one selector: the scope's matchers are added to the user's. A metric name is kept as a
     * {@code __name__} matcher when the scope restricts names too, since a selector may not name its metric twice.
     */
    public VectorSelector scopeSelector(VectorSelector vs) {
        boolean scopeNamesMetrics = matchers.stream().anyMatch(m -> m.name().equals(LabelMatcher.NAME));
        Optional<String> name = scopeNamesMetrics ? Optional.empty() : vs.metricName();
        var kept = new ArrayList<LabelMatcher>();
        if (scopeNamesMetrics) {
            vs.metricName().ifPresent(n -> kept.add(LabelMatcher.equal(LabelMatcher.NAME, n)));
        }
        for (LabelMatcher m : vs.matchers()) {
            if (!matchers.contains(m)) {
                kept.add(m);
            }
        }
        kept.addAll(matchers);
        return new VectorSelector(name, kept, vs.offset(), vs.at());
    }

    /** Throws unless every selector in the tree carries every scope matcher; other matchers can only narrow it. */
    public void verify(Expr expr) {
        forEachSelector(expr, vs -> {
            if (!vs.allMatchers().containsAll(matchers)) {
                throw new ScopeRefusedException("the query could not be confined to your scope");
            }
        });
    }

    private void checkRange(Duration range, String what) {
        if (range.compareTo(maxRange) > 0) {
            // Both in the portal's words: PromQL would print 30d back as "4w2d", which the reader did not write.
            throw new ScopeRefusedException("the " + what + " covers " + TimeFormats.duration(range) + ", too long. "
                    + rangeLimit(maxRange));
        }
    }

    /** {@code Queries may cover at most 30 days for your roles.}: the one way a refusal states the range limit. */
    public static String rangeLimit(Duration maxRange) {
        return "Queries may cover at most " + TimeFormats.duration(maxRange) + " for your roles.";
    }

    /** Calls {@code action} on every vector selector in the tree, including those inside range selectors. */
    public static void forEachSelector(Expr expr, Consumer<VectorSelector> action) {
        switch (expr) {
            case NumberLiteral n -> { }
            case StringLiteral s -> { }
            case VectorSelector vs -> action.accept(vs);
            case MatrixSelector ms -> action.accept(ms.selector());
            case Subquery sq -> forEachSelector(sq.expr(), action);
            case Aggregation a -> {
                a.param().ifPresent(p -> forEachSelector(p, action));
                forEachSelector(a.expr(), action);
            }
            case Call c -> c.args().forEach(arg -> forEachSelector(arg, action));
            case Binary b -> {
                forEachSelector(b.lhs(), action);
                forEachSelector(b.rhs(), action);
            }
            case Unary u -> forEachSelector(u.expr(), action);
            case Paren p -> forEachSelector(p.expr(), action);
        }
    }
}
