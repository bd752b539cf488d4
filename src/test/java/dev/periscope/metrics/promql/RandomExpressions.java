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
import dev.periscope.metrics.promql.Expr.ValueType;
import dev.periscope.metrics.promql.Expr.VectorMatching;
import dev.periscope.metrics.promql.Expr.VectorSelector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/** Generates random, well-typed PromQL expression trees from a seed. */
final class RandomExpressions {

    private static final List<String> NAMES = List.of("up", "http_requests_total", "node_load1", "job:rate5m",
            "jvm_memory_used_bytes", "by", "sum_x");
    private static final List<String> LABELS = List.of("team", "job", "instance", "code", "__name__", "le", "on");
    private static final List<String> VALUES = List.of("web", "ops", "", ".*", ".+", "a\"b", "x\\y", "é\n", "5..");
    private static final List<PromQlFunction> FUNCTIONS = PromQlFunction.all();

    private final Random random;

    RandomExpressions(long seed) {
        this.random = new Random(seed);
    }

    static long seed() {
        long seed = Long.getLong("promql.seed", System.nanoTime());
        // The seed is printed so a failure can be replayed.
        System.out.println("Random PromQL seed: " + seed + " (replay with -Dpromql.seed=" + seed + ")");
        return seed;
    }

    /** {@code n} random, well-typed expressions as text. */
    static List<String> generate(long seed, int n) {
        var generator = new RandomExpressions(seed);
        var result = new ArrayList<String>(n);
        for (int i = 0; i < n; i++) {
            result.add(PromQlPrinter.print(generator.gen(generator.random.nextBoolean() ? ValueType.VECTOR : ValueType.SCALAR, 0)));
        }
        return result;
    }

    Expr next() {
        return gen(random.nextBoolean() ? ValueType.VECTOR : ValueType.SCALAR, 0);
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private Expr gen(ValueType type, int depth) {
        boolean leaf = depth > 4 || random.nextInt(4) == 0;
        return switch (type) {
            case STRING -> new StringLiteral(pick(VALUES));
            case MATRIX -> leaf || random.nextBoolean()
                    ? new MatrixSelector(selector(), duration())
                    : new Subquery(gen(ValueType.VECTOR, depth + 1), duration(),
                            random.nextBoolean() ? Optional.of(duration()) : Optional.empty(), offset(), at());
            case SCALAR -> leaf ? new NumberLiteral(number()) : switch (random.nextInt(4)) {
                case 0 -> new Call(PromQlFunction.byName("scalar").orElseThrow(), List.of(gen(ValueType.VECTOR, depth + 1)));
                case 1 -> new Binary(pick(List.of(BinaryOp.ADD, BinaryOp.MUL, BinaryOp.POW, BinaryOp.SUB)),
                        gen(ValueType.SCALAR, depth + 1), gen(ValueType.SCALAR, depth + 1), false, Optional.empty());
                case 2 -> new Paren(gen(ValueType.SCALAR, depth + 1));
                default -> new Unary('-', new Paren(gen(ValueType.SCALAR, depth + 1)));
            };
            case VECTOR -> leaf ? selector() : switch (random.nextInt(6)) {
                case 0 -> aggregation(depth);
                case 1 -> call(depth);
                case 2 -> binary(depth);
                case 3 -> new Paren(gen(ValueType.VECTOR, depth + 1));
                case 4 -> new Unary(random.nextBoolean() ? '-' : '+', gen(ValueType.VECTOR, depth + 1));
                default -> selector();
            };
        };
    }

    private Expr aggregation(int depth) {
        AggregationOp op = pick(List.of(AggregationOp.values()));
        Optional<Expr> param = op.param().map(t -> gen(t, depth + 1));
        var kind = pick(List.of(Grouping.Kind.values()));
        var labels = kind == Grouping.Kind.NONE ? List.<String>of() : labels();
        return new Aggregation(op, param, gen(ValueType.VECTOR, depth + 1), new Grouping(kind, labels));
    }

    private Expr call(int depth) {
        PromQlFunction fn;
        do {
            fn = pick(FUNCTIONS);
        } while (fn.returns() != ValueType.VECTOR);
        int count = fn.minArgs() + random.nextInt(fn.argTypes().size() - fn.minArgs() + 1 + (fn.variadic() ? 2 : 0));
        var args = new ArrayList<Expr>();
        for (int a = 0; a < count; a++) {
            args.add(gen(fn.argType(a), depth + 1));
        }
        return new Call(fn, args);
    }

    private Expr binary(int depth) {
        BinaryOp op = pick(List.of(BinaryOp.values()));
        Expr lhs = gen(ValueType.VECTOR, depth + 1);
        Expr rhs = op.isSetOperator() || random.nextBoolean() ? gen(ValueType.VECTOR, depth + 1)
                : gen(ValueType.SCALAR, depth + 1);
        if (random.nextBoolean() && !op.isSetOperator()) {
            Expr t = lhs;
            lhs = rhs;
            rhs = t;
        }
        boolean bothVectors = lhs.type() == ValueType.VECTOR && rhs.type() == ValueType.VECTOR;
        Optional<VectorMatching> matching = Optional.empty();
        if (bothVectors && random.nextBoolean()) {
            var side = op.isSetOperator() ? VectorMatching.GroupSide.NONE : pick(List.of(VectorMatching.GroupSide.values()));
            boolean on = random.nextBoolean();
            List<String> labels = labels();
            List<String> include = side == VectorMatching.GroupSide.NONE ? List.of()
                    : labels().stream().filter(l -> !on || !labels.contains(l)).toList();
            matching = Optional.of(new VectorMatching(on, labels, side, include));
        }
        return new Binary(op, lhs, rhs, op.isComparison() && random.nextBoolean(), matching);
    }

    private VectorSelector selector() {
        var matchers = new ArrayList<LabelMatcher>();
        int n = random.nextInt(3);
        for (int i = 0; i < n; i++) {
            String label = pick(LABELS);
            MatchOp op = pick(List.of(MatchOp.values()));
            String value = pick(VALUES);
            if (label.equals("__name__") && (op == MatchOp.REGEX || op == MatchOp.NOT_REGEX) && value.contains("\\")) {
                value = ".+";
            }
            matchers.add(new LabelMatcher(label, op, value.equals("x\\y") && (op == MatchOp.REGEX || op == MatchOp.NOT_REGEX) ? "x\\\\y" : value));
        }
        boolean named = random.nextInt(3) > 0 || matchers.stream().noneMatch(m -> m.name().equals("__name__"));
        matchers.removeIf(m -> named && m.name().equals("__name__"));
        if (named) {
            return new VectorSelector(Optional.of(pick(NAMES)), matchers, offset(), at());
        }
        // An unnamed selector needs a matcher that requires a value, as Prometheus demands.
        matchers.add(new LabelMatcher("__name__", MatchOp.REGEX, ".+"));
        return new VectorSelector(Optional.empty(), matchers, offset(), at());
    }

    private List<String> labels() {
        var labels = new ArrayList<String>();
        int n = random.nextInt(3);
        for (int i = 0; i < n; i++) {
            labels.add(pick(LABELS.subList(0, 4)));
        }
        return labels;
    }

    private Duration duration() {
        return Duration.ofMillis(1 + (long) random.nextInt(1_000_000) * pick(List.of(1L, 1000L, 60_000L)));
    }

    private Optional<Duration> offset() {
        return switch (random.nextInt(4)) {
            case 0 -> Optional.of(duration());
            case 1 -> Optional.of(duration().negated());
            default -> Optional.empty();
        };
    }

    private Optional<At> at() {
        return switch (random.nextInt(6)) {
            case 0 -> Optional.of(new At.Start());
            case 1 -> Optional.of(new At.End());
            case 2 -> Optional.of(new At.Timestamp(random.nextInt(2_000_000_000) / 1000.0));
            default -> Optional.empty();
        };
    }

    private double number() {
        return switch (random.nextInt(6)) {
            case 0 -> Double.NaN;
            case 1 -> Double.POSITIVE_INFINITY;
            case 2 -> random.nextGaussian() * 1e-7;
            case 3 -> random.nextGaussian() * 1e20;
            default -> random.nextInt(1000) - 500;
        };
    }
}
