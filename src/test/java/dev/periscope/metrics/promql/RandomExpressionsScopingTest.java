package dev.periscope.metrics.promql;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Generates random, well-typed expression trees, prints them, and checks that the text parses back and that every
 * selector of the scoped query carries the scope. Set {@code -Dpromql.seed=N} to replay a failure.
 */
class RandomExpressionsScopingTest {

    @Test
    void every_selector_of_thousands_of_random_expressions_carries_the_scope() {
        var scope = List.of(LabelMatcher.equal("team", "web"));
        var scoper = new PromQlScoper(scope, Duration.ofDays(3650));
        var random = new RandomExpressions(RandomExpressions.seed());
        for (int n = 0; n < 5_000; n++) {
            String text = PromQlPrinter.print(random.next());
            Expr parsed = PromQlParser.parse(text);
            assertThat(PromQlPrinter.print(parsed)).as("printing is stable").isEqualTo(text);
            PromQlScoperTest.assertScoped(scoper.scope(text), scope);
        }
    }
}
