package dev.periscope.masking;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The masking engine with the shipped rules and a token vault in memory, for tests outside the masking package. */
public final class ShippedMasking {

    private ShippedMasking() {
    }

    public static MaskingService service() {
        return MaskingFixtures.service(new FastEngine(), new MemoryVault());
    }

    /** The shipped rules, with tokens looked up in {@code vault}. */
    public static MaskingService withVault(TokenVault vault) {
        return MaskingFixtures.service(new FastEngine(), vault);
    }

    /**
     * Rules with per-service overrides: {@code employee-id} tokenized by default, redacted for {@code hr} and off for
     * {@code build}; {@code grade} off by default and on for {@code hr} only.
     */
    public static final String PER_SERVICE_RULES = """
            category: hr
            rules:
              - id: employee-id
                detector:
                  pattern: 'EMP-\\d{6}'
                  keywords: [emp-]
                action: tokenize
                services:
                  hr: {action: redact}
                  build: {enabled: false}
              - id: grade
                enabled: false
                detector:
                  pattern: 'GRADE-[A-F]'
                  keywords: [grade-]
                action: redact
                services:
                  hr: {enabled: true}
            """;

    /** The engine with the rules of one YAML rule file instead of the shipped ones. */
    public static MaskingService withRules(String yaml) {
        CompiledRules rules = withRulesCompiled(yaml);
        return new MaskingService(() -> rules, new FastEngine(), new Tokenizer(List.of(MaskingFixtures.TEST_KEY), 8),
                new MemoryVault(), 1_000_000_000L, 1 << 20);
    }

    /** The rules of one YAML rule file, compiled. */
    static CompiledRules withRulesCompiled(String yaml) {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("rules");
            java.nio.file.Files.writeString(dir.resolve("rules.yaml"), yaml);
            return new CompiledRules(new RuleLoader(MaskingFixtures.validators()).load(dir));
        } catch (java.io.IOException | RuleLoadException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class MemoryVault implements TokenVault {
        private final Map<String, String> values = new ConcurrentHashMap<>();

        @Override
        public void remember(String token, String value) {
            values.put(token, value);
        }

        @Override
        public List<String> resolve(String token) {
            String value = values.get(token);
            return value == null ? List.of() : List.of(value);
        }
    }
}
