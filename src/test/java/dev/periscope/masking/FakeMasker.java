package dev.periscope.masking;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the masking engine in tests: replaces email addresses and 16-digit card numbers, masks every value
 * of a field named {@code *.email} entirely, and throws on text containing {@code BOOM} to test the fail-closed path.
 */
public final class FakeMasker implements Masker {

    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+\\.[\\w.]+");
    private static final Pattern CARD = Pattern.compile("\\b(?:\\d[ -]?){15}\\d\\b");

    @Override
    public MaskedText mask(MaskingContext context, String raw) {
        if (raw.contains("BOOM")) {
            throw new IllegalStateException("masking failed");
        }
        List<RuleHit> hits = new ArrayList<>();
        String text = replace(EMAIL, raw, "<email>", "email", hits);
        text = replace(CARD, text, "<card>", "card", hits);
        return new MaskedText(text, hits, false);
    }

    @Override
    public MaskedFields mask(MaskingContext context, Map<String, String> rawFields) {
        Map<String, MaskedText> masked = new LinkedHashMap<>();
        rawFields.forEach((name, value) -> masked.put(name, name.endsWith("email")
                ? new MaskedText("<email>", List.of(new RuleHit("email-field", "contact", 1)), false)
                : mask(context, value)));
        return new MaskedFields(masked);
    }

    private static String replace(Pattern pattern, String text, String replacement, String rule,
                                  List<RuleHit> hits) {
        Matcher m = pattern.matcher(text);
        int count = 0;
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            count++;
            m.appendReplacement(sb, replacement);
        }
        m.appendTail(sb);
        if (count > 0) {
            hits.add(new RuleHit(rule, "personal", count));
        }
        return sb.toString();
    }
}
