package dev.periscope.masking;

import dev.periscope.cli.CliCommand;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ContainerNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code mask [--rules DIR] [--format text|ndjson] [--explain]}: masks standard input to standard output, line for
 * line, without starting the portal. With {@code --explain}, standard error gets one line per input line with the
 * rules that fired and their offsets (in ndjson, the rules applied to each field, by path), never the values.
 *
 * <p>Tokens use the key in {@code PERISCOPE_MASKING_TOKENKEYS} (first {@code id:base64}); without it, a random key
 * for this run only, so tokens are consistent within one run but not with the portal. {@code PERISCOPE_MASKING_IPSCOPE}
 * chooses the IP addresses masked, as {@code periscope.masking.ip-scope} does in the portal.
 */
public final class MaskCommand implements CliCommand {

    @Override
    public List<String> words() {
        return List.of("mask");
    }

    @Override
    public String summary() {
        return "mask standard input: [--rules DIR] [--format text|ndjson] [--explain]";
    }

    @Override
    public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        Path rules = null;
        String format = "text";
        boolean explain = false;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--rules" -> {
                    if (++i >= args.size()) {
                        err.println("mask: --rules needs a directory");
                        return 2;
                    }
                    rules = Path.of(args.get(i));
                }
                case "--format" -> {
                    if (++i >= args.size() || !List.of("text", "ndjson").contains(args.get(i))) {
                        err.println("mask: --format is text or ndjson");
                        return 2;
                    }
                    format = args.get(i);
                }
                case "--explain" -> explain = true;
                default -> {
                    err.println("mask: unknown argument " + args.get(i));
                    err.println("usage: mask [--rules DIR] [--format text|ndjson] [--explain]");
                    return 2;
                }
            }
        }
        if (rules == null) {
            try {
                // No log line here: standard output carries the masked text.
                rules = RulesLocation.find(null, Path.of(""), MaskCommand.class.getClassLoader()).directory();
            } catch (IllegalStateException e) {
                err.println("mask: " + e.getMessage());
                return 3;
            }
        }
        String scope = System.getenv("PERISCOPE_MASKING_IPSCOPE");
        MaskingProperties.IpScope ipScope;
        try {
            ipScope = scope == null || scope.isBlank() ? MaskingProperties.IpScope.IDENTIFYING
                    : MaskingProperties.IpScope.valueOf(scope.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            err.println("mask: PERISCOPE_MASKING_IPSCOPE is identifying, all or public");
            return 2;
        }
        CompiledRules compiled;
        try {
            compiled = new CompiledRules(new RuleLoader(new Validators(ipScope)).load(rules));
        } catch (RuleLoadException e) {
            err.println("mask: rules not usable: " + e.getMessage());
            return 3;
        }
        MaskingService service = new MaskingService(() -> compiled, new FastEngine(), new Tokenizer(List.of(key(err)),
                8), null, TimeUnit.SECONDS.toNanos(2), 4 << 20);
        MaskingContext context = MaskingContext.strict("");
        // Numbers with a fraction are read and written as they were spelt: as doubles, 1732270815.123 (a zap
        // timestamp) came out as 1.732270815123E9.
        JsonMapper json = JsonMapper.builder()
                .enable(tools.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(tools.jackson.core.StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .build();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            PrivateKeyLines keyLines = new PrivateKeyLines();
            while ((line = nextLine(reader)) != null) {
                number++;
                if (format.equals("ndjson")) {
                    MaskedEvent masked = maskJson(service, json, line, err, number);
                    out.println(masked.json());
                    if (explain) {
                        err.println(explainFields(number, masked.byPath(), service));
                    }
                    continue;
                }
                PrivateKeyLines.Cut key = keyLines.next(line);
                if (key != null && key.start() < key.end()) {
                    // The key's part is redacted; what is before and after it (a log prefix, the END line's rest)
                    // is masked as any text.
                    out.println(service.mask(context, line.substring(0, key.start())).text() + PrivateKeyLines.REDACTED
                            + service.mask(context, line.substring(key.end())).text());
                    if (explain) {
                        err.println("line " + number + ": " + PrivateKeyLines.RULE + "[" + key.start() + ","
                                + key.end() + ")");
                    }
                    continue;
                }
                out.println(service.mask(context, line).text());
                if (explain) {
                    StringBuilder b = new StringBuilder("line ").append(number).append(':');
                    for (MaskingService.Explained e : service.explain(context, line)) {
                        b.append(' ').append(e.ruleId()).append('[').append(e.start()).append(',').append(e.end())
                                .append(')');
                    }
                    err.println(b);
                }
            }
            out.flush();
            return 0;
        } catch (java.io.IOException e) {
            err.println("mask: cannot read input: " + e.getMessage());
            return 1;
        }
    }

    /**
     * The next line ended by {@code \n} (a {@code \r} before it dropped), or null at the end. Not
     * {@code BufferedReader.readLine}, which also ends a line at a lone {@code \r}: output must stay line for line.
     */
    static @Nullable String nextLine(BufferedReader reader) throws java.io.IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = reader.read()) >= 0) {
            if (c == '\n') {
                break;
            }
            line.append((char) c);
        }
        if (c < 0 && line.isEmpty()) {
            return null;
        }
        if (!line.isEmpty() && line.charAt(line.length() - 1) == '\r') {
            line.setLength(line.length() - 1);
        }
        return line.toString();
    }

    private static Tokenizer.TokenKey key(PrintStream err) {
        String env = System.getenv("PERISCOPE_MASKING_TOKENKEYS");
        if (env != null && !env.isBlank()) {
            return Tokenizer.TokenKey.parse(env.split(",")[0].trim());
        }
        err.println("mask: no PERISCOPE_MASKING_TOKENKEYS, tokens use a random key for this run only");
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return new Tokenizer.TokenKey("cli-run", secret);
    }

    /**
     * Masks one NDJSON event: string and number leaves by field path (dotted, array indexes as segments) and by
     * content; a number whose masked form differs becomes a string. A line that is not a JSON object is masked as
     * text and wrapped as {@code {"message": ...}}, so the output stays valid NDJSON.
     */
    static MaskedEvent maskJson(MaskingService service, JsonMapper json, String line, PrintStream err, int number) {
        JsonNode root;
        try {
            root = json.readTree(line);
        } catch (JacksonException e) {
            root = null;
        }
        if (!(root instanceof ObjectNode object)) {
            err.println("mask: line " + number + " is not a JSON object, masked as text");
            ObjectNode wrapped = json.createObjectNode();
            MaskedText message = service.mask(MaskingContext.strict(""), line);
            wrapped.put("message", message.text());
            return new MaskedEvent(json.writeValueAsString(wrapped), Map.of("message", message));
        }
        Map<String, String> flat = new LinkedHashMap<>();
        flatten("", object, flat);
        JsonNode service0 = object.get("service");
        MaskingContext context = MaskingContext.strict(service0 != null && service0.isString()
                ? service0.asString() : "");
        // The masked fields come back in the order given, one for each, but under masked names when a name held a
        // value: matched to their paths by position, not by name.
        List<MaskedText> values = List.copyOf(service.mask(context, flat).asMap().values());
        Map<String, MaskedText> byPath = new LinkedHashMap<>();
        int i = 0;
        for (String path : flat.keySet()) {
            byPath.put(path, i < values.size() ? values.get(i) : MaskedText.placeholder());
            i++;
        }
        return new MaskedEvent(json.writeValueAsString(rebuilt("", object, byPath, service, context, json)), byPath);
    }

    /** One NDJSON event masked, with the masked value of each leaf by its path, for --explain. */
    record MaskedEvent(String json, Map<String, MaskedText> byPath) {
    }

    /**
     * What --explain says of an NDJSON event: the rules applied to each leaf, by its path (masked like a label, since
     * a key can hold a value). These are the rules that changed the output, field rules and content rules alike.
     */
    private static String explainFields(int number, Map<String, MaskedText> byPath, MaskingService service) {
        StringBuilder b = new StringBuilder("line ").append(number).append(':');
        MaskingContext context = MaskingContext.strict("");
        for (var e : byPath.entrySet()) {
            if (e.getValue().withheld()) {
                b.append(' ').append(service.maskLabel(context, e.getKey()).text()).append("=withheld");
            } else if (!e.getValue().hits().isEmpty()) {
                b.append(' ').append(service.maskLabel(context, e.getKey()).text()).append('=');
                b.append(String.join(",", e.getValue().hits().stream().map(RuleHit::ruleId).toList()));
            }
        }
        return b.toString();
    }

    /**
     * A copy of {@code node} with every key masked like a label and every string and number leaf replaced by its
     * masked value; a leaf without one is withheld.
     */
    private static JsonNode rebuilt(String prefix, JsonNode node, Map<String, MaskedText> masked,
            MaskingService service, MaskingContext context, JsonMapper json) {
        if (node instanceof ObjectNode o) {
            ObjectNode copy = json.createObjectNode();
            for (var e : o.properties()) {
                String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
                String key = service.maskLabel(context, e.getKey()).text();
                while (copy.has(key)) {
                    key = key + "'";
                }
                copy.set(key, leafOrRebuilt(path, e.getValue(), masked, service, context, json, copy));
            }
            return copy;
        }
        if (node instanceof ArrayNode a) {
            ArrayNode copy = json.createArrayNode();
            for (int i = 0; i < a.size(); i++) {
                copy.add(leafOrRebuilt(prefix + "." + i, a.get(i), masked, service, context, json, copy));
            }
            return copy;
        }
        return node;
    }

    private static JsonNode leafOrRebuilt(String path, JsonNode v, Map<String, MaskedText> masked,
            MaskingService service, MaskingContext context, JsonMapper json, ContainerNode<?> parent) {
        if (v.isContainer()) {
            return rebuilt(path, v, masked, service, context, json);
        }
        if (!(v.isString() || v.isNumber())) {
            return v;
        }
        MaskedText m = masked.get(path);
        if (m == null) {
            return parent.stringNode(MaskedText.WITHHELD_TEXT);
        }
        return changed(v, m) ? parent.stringNode(m.text()) : v;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node instanceof ObjectNode o) {
            for (var e : o.properties()) {
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                flatten(prefix + "." + i, a.get(i), out);
            }
        } else if (node.isString() || node.isNumber()) {
            out.put(prefix, node.isString() ? node.asString() : node.asString());
        }
    }

    private static boolean changed(JsonNode v, MaskedText m) {
        return m.withheld() || !m.hits().isEmpty() || !m.text().equals(v.asString());
    }
}
