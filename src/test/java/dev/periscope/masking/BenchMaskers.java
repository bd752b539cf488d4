package dev.periscope.masking;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Maskers for benches in other modules: the shipped engine as the portal runs it, and masking switched off. */
public final class BenchMaskers {

    private BenchMaskers() {
    }

    /**
     * The real engine as the portal runs it: shipped rules, fast engine, tokens remembered in a directory vault under
     * {@code vault}, and what recent texts masked to remembered with the default bounds.
     */
    public static Masker shipped(Path vault) {
        return shipped(vault, true);
    }

    /** The same, with or without remembering recent results: without, every text pays the engine every time. */
    public static Masker shipped(Path vault, boolean rememberRecent) {
        Tokenizer tokenizer = new Tokenizer(List.of(MaskingFixtures.TEST_KEY), 8);
        CompiledRules rules = MaskingFixtures.shippedRules();
        MaskingProperties.RecentResults recent = new MaskingProperties.RecentResults(null, null);
        return new MaskingService(() -> rules, new FastEngine(), tokenizer,
                new DirectoryTokenVault(vault, tokenizer, Duration.ofDays(30), Clock.systemUTC()),
                TimeUnit.MILLISECONDS.toNanos(200), 4 << 20,
                rememberRecent ? new RecentMaskedTexts(recent.maxChars(), recent.maxAge()) : null);
    }

    /** Masking off: every value passes unchanged (the baseline of the query-path overhead). */
    public static Masker passThrough() {
        return new Masker() {
            @Override
            public MaskedText mask(MaskingContext context, String raw) {
                return new MaskedText(raw, List.of(), false);
            }

            @Override
            public MaskedFields mask(MaskingContext context, Map<String, String> rawFields) {
                Map<String, MaskedText> out = new LinkedHashMap<>();
                rawFields.forEach((k, v) -> out.put(k, new MaskedText(v, List.of(), false)));
                return new MaskedFields(out);
            }
        };
    }
}
