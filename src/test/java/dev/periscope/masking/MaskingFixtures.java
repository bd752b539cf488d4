package dev.periscope.masking;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Shared set-up for the masking tests: the shipped rules, a fixed demo key, and the third-party corpora. */
final class MaskingFixtures {

    /** An obviously fake key, for tests only. */
    static final Tokenizer.TokenKey TEST_KEY = new Tokenizer.TokenKey("test-1",
            "periscope-test-key-0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    private static CompiledRules shipped;

    private MaskingFixtures() {
    }

    static Path projectRoot() {
        return Path.of("").toAbsolutePath();
    }

    static Path rulesDirectory() {
        return projectRoot().resolve("masking-rules");
    }

    /**
     * The third-party corpora, read in place from {@code ../shared/corpora/} next to the project: they are never
     * copied into the repository.
     */
    static Path corpora() {
        Path p = projectRoot().resolve("../shared/corpora").normalize();
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("Test corpora not found at " + p + ". The masking conformance tests read "
                    + "third-party corpora from ../shared/corpora relative to the project root; check that folder out "
                    + "next to the project.");
        }
        return p;
    }

    /** The validators of the default settings. */
    static Validators validators() {
        return new Validators(MaskingProperties.defaults().ipScope());
    }

    /** The shipped rules under the default settings. */
    static synchronized CompiledRules shippedRules() {
        if (shipped == null) {
            shipped = shippedRules(MaskingProperties.defaults().ipScope());
        }
        return shipped;
    }

    /** The shipped rules with the IP validators of the given scope. */
    static CompiledRules shippedRules(MaskingProperties.IpScope ipScope) {
        try {
            return new CompiledRules(new RuleLoader(new Validators(ipScope)).load(rulesDirectory()));
        } catch (RuleLoadException e) {
            throw new IllegalStateException("shipped rules do not load: " + e.getMessage(), e);
        }
    }

    /** Fields in the order given, as names and values in turn: a structured event's fields, for a test. */
    static java.util.Map<String, String> fields(String... namesAndValues) {
        java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    static MaskingService service(SpanFinder finder) {
        return service(finder, null);
    }

    static MaskingService service(SpanFinder finder, TokenVault vault) {
        CompiledRules rules = shippedRules();
        return new MaskingService(() -> rules, finder, new Tokenizer(List.of(TEST_KEY), 8), vault,
                TimeUnit.SECONDS.toNanos(5), 4 << 20);
    }

    static Duration days(int d) {
        return Duration.ofDays(d);
    }
}
