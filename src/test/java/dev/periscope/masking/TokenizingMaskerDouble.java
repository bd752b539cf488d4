package dev.periscope.masking;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A stand-in for the masking engine in tests: e-mail addresses become stable tokens, anything after
 * {@code token=} is redacted without a token, and a value equal to {@link #FAIL} is withheld.
 */
public final class TokenizingMaskerDouble implements Masker {

    public static final String FAIL = "cannot-mask-me";
    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+");
    private static final Pattern SECRET = Pattern.compile("token=[^&\\s\"]+");

    private volatile boolean broken;

    /** From now on every call throws, as a broken engine would. */
    public void breakDown() {
        broken = true;
    }

    @Override
    public MaskedText mask(MaskingContext context, String raw) {
        if (broken) {
            throw new IllegalStateException("masking engine failure");
        }
        if (raw.equals(FAIL)) {
            return new MaskedText("[withheld]", List.of(), true);
        }
        int emails = 0;
        var m = EMAIL.matcher(raw);
        var sb = new StringBuilder();
        while (m.find()) {
            emails++;
            m.appendReplacement(sb, context.exemptCategories().contains("email") ? m.group()
                    : "<email:" + Integer.toHexString(m.group().hashCode()) + ">");
        }
        m.appendTail(sb);
        String text = sb.toString();
        var s = SECRET.matcher(text);
        int secrets = 0;
        while (s.find()) {
            secrets++;
        }
        text = s.replaceAll("token=[REDACTED]");
        var hits = new java.util.ArrayList<RuleHit>();
        if (emails > 0 && !context.exemptCategories().contains("email")) {
            hits.add(new RuleHit("email", "email", emails));
        }
        if (secrets > 0) {
            hits.add(new RuleHit("url-token", "secret", secrets));
        }
        return new MaskedText(text, hits, false);
    }

    @Override
    public MaskedFields mask(MaskingContext context, Map<String, String> rawFields) {
        var out = new LinkedHashMap<String, MaskedText>();
        rawFields.forEach((k, v) -> out.put(k, mask(context, v)));
        return new MaskedFields(out);
    }
}
