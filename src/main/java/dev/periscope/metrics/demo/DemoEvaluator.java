package dev.periscope.metrics.demo;

import dev.periscope.metrics.promql.AggregationOp;
import dev.periscope.metrics.promql.BinaryOp;
import dev.periscope.metrics.promql.Expr;
import dev.periscope.metrics.promql.Expr.Aggregation;
import dev.periscope.metrics.promql.Expr.Binary;
import dev.periscope.metrics.promql.Expr.Call;
import dev.periscope.metrics.promql.Expr.Grouping;
import dev.periscope.metrics.promql.Expr.MatrixSelector;
import dev.periscope.metrics.promql.Expr.NumberLiteral;
import dev.periscope.metrics.promql.Expr.Paren;
import dev.periscope.metrics.promql.Expr.Unary;
import dev.periscope.metrics.promql.Expr.VectorSelector;
import dev.periscope.metrics.promql.LabelMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Evaluates the part of PromQL that dashboards use over the generated demo series: selectors, rates and
 * {@code *_over_time}, aggregations, arithmetic and comparisons with one-to-one or grouped matching, and
 * {@code histogram_quantile}. Anything else is refused with a message saying the demo source does not evaluate it;
 * a real Prometheus evaluates everything.
 */
final class DemoEvaluator {

    /** A scalar or an instant vector: one value per label set. */
    sealed interface Value {
    }

    record Scalar(double value) implements Value {
    }

    record Vector(List<Element> elements) implements Value {
    }

    record Element(Map<String, String> labels, double value) {
    }

    static final class UnsupportedException extends RuntimeException {
        UnsupportedException(String what) {
            super("the demo metrics source does not evaluate " + what + "; connect a Prometheus for full PromQL");
        }
    }

    private static final double SAMPLE_INTERVAL = 15;

    private DemoEvaluator() {
    }

    static Value eval(Expr expr, double t) {
        return switch (expr) {
            case NumberLiteral n -> new Scalar(n.value());
            case Paren p -> eval(p.expr(), t);
            case Unary u -> u.op() == '-' ? negate(eval(u.expr(), t)) : eval(u.expr(), t);
            case VectorSelector vs -> select(vs, t);
            case Call c -> call(c, t);
            case Aggregation a -> aggregate(a, t);
            case Binary b -> binary(b, t);
            default -> throw new UnsupportedException(expr.getClass().getSimpleName().toLowerCase() + " expressions");
        };
    }

    static List<DemoSeries.Def> matching(List<LabelMatcher> matchers) {
        var result = new ArrayList<DemoSeries.Def>();
        for (var def : DemoSeries.ALL) {
            if (matchers.stream().allMatch(m -> matches(m, def.labels().getOrDefault(m.name(), "")))) {
                result.add(def);
            }
        }
        return result;
    }

    private static boolean matches(LabelMatcher m, String value) {
        return switch (m.op()) {
            case EQUAL -> value.equals(m.value());
            case NOT_EQUAL -> !value.equals(m.value());
            case REGEX -> pattern(m.value()).matcher(value).matches();
            case NOT_REGEX -> !pattern(m.value()).matcher(value).matches();
        };
    }

    // Range queries match the same few regexes at every step; compile each once.
    private static final Map<String, Pattern> PATTERNS = new java.util.concurrent.ConcurrentHashMap<>();

    private static Pattern pattern(String regex) {
        if (PATTERNS.size() > 1_000) {
            PATTERNS.clear();
        }
        return PATTERNS.computeIfAbsent(regex, Pattern::compile);
    }

    private static double shifted(VectorSelector vs, double t) {
        if (vs.at().isPresent()) {
            throw new UnsupportedException("the @ modifier");
        }
        return t - vs.offset().map(o -> o.toMillis() / 1000.0).orElse(0.0);
    }

    /** The value of the latest sample at or before {@code t}, as Prometheus's lookback finds it. */
    private static double sampled(DemoSeries.Def def, double t) {
        return def.value(Math.floor(t / SAMPLE_INTERVAL) * SAMPLE_INTERVAL);
    }

    private static Vector select(VectorSelector vs, double t) {
        double at = shifted(vs, t);
        return new Vector(matching(vs.allMatchers()).stream()
                .map(d -> new Element(d.labels(), sampled(d, at))).toList());
    }

    private static Value call(Call c, double t) {
        String name = c.function().name();
        return switch (name) {
            case "rate", "irate", "increase", "delta", "idelta", "avg_over_time", "min_over_time", "max_over_time",
                 "sum_over_time", "count_over_time", "last_over_time" -> overTime(name, c.args().getFirst(), t);
            case "histogram_quantile" -> quantile(scalar(eval(c.args().get(0), t)), vector(eval(c.args().get(1), t)));
            case "abs", "ceil", "floor", "sqrt", "exp", "ln", "log10", "log2" -> map(vector(eval(c.args().getFirst(), t)),
                    v -> switch (name) {
                        case "abs" -> Math.abs(v);
                        case "ceil" -> Math.ceil(v);
                        case "floor" -> Math.floor(v);
                        case "sqrt" -> Math.sqrt(v);
                        case "exp" -> Math.exp(v);
                        case "ln" -> Math.log(v);
                        case "log10" -> Math.log10(v);
                        default -> Math.log(v) / Math.log(2);
                    });
            case "clamp_min", "clamp_max" -> {
                double bound = scalar(eval(c.args().get(1), t));
                yield map(vector(eval(c.args().getFirst(), t)),
                        v -> name.equals("clamp_min") ? Math.max(v, bound) : Math.min(v, bound));
            }
            case "time" -> new Scalar(t);
            case "vector" -> new Vector(List.of(new Element(Map.of(), scalar(eval(c.args().getFirst(), t)))));
            case "scalar" -> {
                var v = vector(eval(c.args().getFirst(), t));
                yield new Scalar(v.elements().size() == 1 ? v.elements().getFirst().value() : Double.NaN);
            }
            default -> throw new UnsupportedException("the function " + name + "()");
        };
    }

    private static Vector overTime(String fn, Expr arg, double t) {
        if (!(arg instanceof MatrixSelector ms)) {
            throw new UnsupportedException(fn + "() over a subquery");
        }
        double end = shifted(ms.selector(), t);
        double range = ms.range().toMillis() / 1000.0;
        var out = new ArrayList<Element>();
        for (var def : matching(ms.selector().allMatchers())) {
            double last = sampled(def, end);
            double first = sampled(def, end - range + SAMPLE_INTERVAL);
            double previous = sampled(def, end - SAMPLE_INTERVAL);
            double v = switch (fn) {
                case "rate" -> (last - first) / Math.max(SAMPLE_INTERVAL, range - SAMPLE_INTERVAL);
                case "irate" -> (last - previous) / SAMPLE_INTERVAL;
                case "increase", "delta" -> (last - first) * range / Math.max(SAMPLE_INTERVAL, range - SAMPLE_INTERVAL);
                case "idelta" -> last - previous;
                case "last_over_time" -> last;
                default -> overSamples(fn, def, end, range);
            };
            var labels = new LinkedHashMap<>(def.labels());
            if (!fn.equals("last_over_time")) {
                labels.remove("__name__");
            }
            out.add(new Element(labels, v));
        }
        return new Vector(out);
    }

    private static double overSamples(String fn, DemoSeries.Def def, double end, double range) {
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int n = 0;
        for (double s = Math.floor(end / SAMPLE_INTERVAL) * SAMPLE_INTERVAL; s > end - range; s -= SAMPLE_INTERVAL) {
            double v = def.value(s);
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
            n++;
        }
        return switch (fn) {
            case "avg_over_time" -> sum / Math.max(1, n);
            case "min_over_time" -> min;
            case "max_over_time" -> max;
            case "sum_over_time" -> sum;
            default -> n;
        };
    }

    private static Vector quantile(double q, Vector buckets) {
        var groups = new LinkedHashMap<Map<String, String>, TreeMap<Double, Double>>();
        for (var e : buckets.elements()) {
            var key = new TreeMap<>(e.labels());
            String le = key.remove("le");
            key.remove("__name__");
            if (le != null) {
                groups.computeIfAbsent(key, k -> new TreeMap<>()).merge(
                        le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le), e.value(), Double::sum);
            }
        }
        var out = new ArrayList<Element>();
        groups.forEach((labels, b) -> out.add(new Element(labels, bucketQuantile(q, b))));
        return new Vector(out);
    }

    /** Linear interpolation within the bucket that holds the rank, as Prometheus does it. */
    private static double bucketQuantile(double q, TreeMap<Double, Double> buckets) {
        if (buckets.isEmpty() || !Double.isInfinite(buckets.lastKey())) {
            return Double.NaN;
        }
        double total = buckets.lastEntry().getValue();
        if (total <= 0) {
            return Double.NaN;
        }
        double rank = q * total;
        double lowerBound = 0;
        double lowerCount = 0;
        for (var b : buckets.entrySet()) {
            if (b.getValue() >= rank) {
                if (Double.isInfinite(b.getKey())) {
                    return lowerBound;
                }
                double inBucket = b.getValue() - lowerCount;
                return lowerBound + (b.getKey() - lowerBound) * (inBucket <= 0 ? 0 : (rank - lowerCount) / inBucket);
            }
            lowerBound = b.getKey();
            lowerCount = b.getValue();
        }
        return lowerBound;
    }

    private static Vector aggregate(Aggregation a, double t) {
        Vector input = vector(eval(a.expr(), t));
        var groups = new LinkedHashMap<Map<String, String>, List<Element>>();
        for (var e : input.elements()) {
            groups.computeIfAbsent(groupKey(e.labels(), a.grouping()), k -> new ArrayList<>()).add(e);
        }
        var out = new ArrayList<Element>();
        for (var g : groups.entrySet()) {
            List<Element> members = g.getValue();
            switch (a.op()) {
                case TOPK, BOTTOMK -> {
                    int k = (int) scalar(eval(a.param().orElseThrow(), t));
                    Comparator<Element> order = Comparator.comparingDouble(Element::value);
                    members.stream().sorted(a.op() == AggregationOp.TOPK ? order.reversed() : order).limit(k)
                            .forEach(out::add);
                }
                default -> out.add(new Element(g.getKey(), reduce(a.op(), members)));
            }
        }
        return new Vector(out);
    }

    private static double reduce(AggregationOp op, List<Element> members) {
        var stats = members.stream().mapToDouble(Element::value).summaryStatistics();
        return switch (op) {
            case SUM -> stats.getSum();
            case AVG -> stats.getAverage();
            case MIN -> stats.getMin();
            case MAX -> stats.getMax();
            case COUNT -> stats.getCount();
            case GROUP -> 1;
            default -> throw new UnsupportedException("the aggregation " + op.keyword());
        };
    }

    private static Map<String, String> groupKey(Map<String, String> labels, Grouping grouping) {
        var key = new TreeMap<String, String>();
        switch (grouping.kind()) {
            case BY -> grouping.labels().forEach(l -> {
                if (labels.containsKey(l)) {
                    key.put(l, labels.get(l));
                }
            });
            case WITHOUT -> {
                key.putAll(labels);
                grouping.labels().forEach(key::remove);
                key.remove("__name__");
            }
            case NONE -> { }
        }
        return key;
    }

    private static Value binary(Binary b, double t) {
        Value l = eval(b.lhs(), t);
        Value r = eval(b.rhs(), t);
        if (b.op().isSetOperator()) {
            return setOperation(b, vector(l), vector(r));
        }
        if (l instanceof Scalar ls && r instanceof Scalar rs) {
            return new Scalar(apply(b.op(), ls.value(), rs.value()));
        }
        if (l instanceof Vector lv && r instanceof Scalar rs) {
            return combineWithScalar(b, lv, rs.value(), false);
        }
        if (l instanceof Scalar ls && r instanceof Vector rv) {
            return combineWithScalar(b, rv, ls.value(), true);
        }
        return combineVectors(b, vector(l), vector(r));
    }

    private static Vector combineWithScalar(Binary b, Vector v, double s, boolean scalarLeft) {
        var out = new ArrayList<Element>();
        for (var e : v.elements()) {
            double lhs = scalarLeft ? s : e.value();
            double rhs = scalarLeft ? e.value() : s;
            double result = apply(b.op(), lhs, rhs);
            if (b.op().isComparison() && !b.returnBool()) {
                if (result == 1) {
                    out.add(e);
                }
            } else {
                out.add(new Element(withoutName(e.labels()), result));
            }
        }
        return new Vector(out);
    }

    private static Vector combineVectors(Binary b, Vector l, Vector r) {
        var matching = b.matching();
        boolean groupRight = matching.map(m -> m.group() == Expr.VectorMatching.GroupSide.RIGHT).orElse(false);
        Vector many = groupRight ? r : l;
        Vector one = groupRight ? l : r;
        var index = new HashMap<Map<String, String>, Element>();
        for (var e : one.elements()) {
            index.put(signature(e.labels(), b), e);
        }
        var out = new ArrayList<Element>();
        for (var e : many.elements()) {
            Element other = index.get(signature(e.labels(), b));
            if (other == null) {
                continue;
            }
            double lhs = groupRight ? other.value() : e.value();
            double rhs = groupRight ? e.value() : other.value();
            double result = apply(b.op(), lhs, rhs);
            if (b.op().isComparison() && !b.returnBool()) {
                if (result == 1) {
                    out.add(new Element(e.labels(), lhs));
                }
            } else {
                boolean grouped = matching.map(m -> m.group() != Expr.VectorMatching.GroupSide.NONE).orElse(false);
                out.add(new Element(grouped ? withoutName(e.labels()) : signatureLabels(e.labels(), b), result));
            }
        }
        return new Vector(out);
    }

    private static Vector setOperation(Binary b, Vector l, Vector r) {
        var rightKeys = r.elements().stream().map(e -> signature(e.labels(), b)).toList();
        return switch (b.op()) {
            case AND -> new Vector(l.elements().stream().filter(e -> rightKeys.contains(signature(e.labels(), b))).toList());
            case UNLESS -> new Vector(l.elements().stream()
                    .filter(e -> !rightKeys.contains(signature(e.labels(), b))).toList());
            default -> {
                var leftKeys = l.elements().stream().map(e -> signature(e.labels(), b)).toList();
                var all = new ArrayList<>(l.elements());
                r.elements().stream().filter(e -> !leftKeys.contains(signature(e.labels(), b))).forEach(all::add);
                yield new Vector(all);
            }
        };
    }

    private static Map<String, String> signature(Map<String, String> labels, Binary b) {
        var key = new TreeMap<String, String>();
        var matching = b.matching();
        if (matching.isPresent() && matching.get().on()) {
            matching.get().labels().forEach(n -> key.put(n, labels.getOrDefault(n, "")));
            return key;
        }
        key.putAll(labels);
        key.remove("__name__");
        matching.ifPresent(m -> m.labels().forEach(key::remove));
        return key;
    }

    private static Map<String, String> signatureLabels(Map<String, String> labels, Binary b) {
        return b.matching().isPresent() && b.matching().get().on() ? signature(labels, b) : withoutName(labels);
    }

    private static Map<String, String> withoutName(Map<String, String> labels) {
        var copy = new LinkedHashMap<>(labels);
        copy.remove("__name__");
        return copy;
    }

    private static double apply(BinaryOp op, double l, double r) {
        return switch (op) {
            case ADD -> l + r;
            case SUB -> l - r;
            case MUL -> l * r;
            case DIV -> l / r;
            case MOD -> l % r;
            case POW -> Math.pow(l, r);
            case ATAN2 -> Math.atan2(l, r);
            case EQL -> l == r ? 1 : 0;
            case NEQ -> l != r ? 1 : 0;
            case LTE -> l <= r ? 1 : 0;
            case LSS -> l < r ? 1 : 0;
            case GTE -> l >= r ? 1 : 0;
            case GTR -> l > r ? 1 : 0;
            default -> throw new UnsupportedException("the operator " + op.symbol());
        };
    }

    private static Value negate(Value v) {
        return v instanceof Scalar s ? new Scalar(-s.value()) : map((Vector) v, x -> -x);
    }

    private static Vector map(Vector v, java.util.function.DoubleUnaryOperator f) {
        return new Vector(v.elements().stream()
                .map(e -> new Element(withoutName(e.labels()), f.applyAsDouble(e.value()))).toList());
    }

    private static double scalar(Value v) {
        if (v instanceof Scalar s) {
            return s.value();
        }
        throw new UnsupportedException("a vector where a number is expected");
    }

    private static Vector vector(Value v) {
        if (v instanceof Vector vec) {
            return vec;
        }
        throw new UnsupportedException("a number where a series is expected");
    }
}
