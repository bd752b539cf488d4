package dev.periscope.problems;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Fingerprints, version {@value #VERSION}: the root cause's exception type plus its top in-app frames, normalized so
 * that a deploy that shifts line numbers, renumbers lambdas or regenerates proxies keeps the same group.
 *
 * <p>The root cause and not the outer exception, because frameworks wrap the same failure in different exceptions
 * depending on the path it took. The frames and not the message, because messages carry ids and values; only when a
 * trace has no frames at all does the message take their place, with its variable parts stripped.
 *
 * <p>Changing what goes into the hash changes every group: do that only with a new {@link #VERSION}, so stored
 * fingerprints of the old version stay as they were and are shown apart.
 */
public final class Fingerprints {

    public static final String VERSION = "1";

    private static final Replacement[] FUNCTION_NOISE = {
        // JVM: lambdas, generated classes, proxies
        new Replacement("\\$\\$Lambda(?:\\$\\d+)?(?:[/.]0x[0-9a-fA-F]+)?", "\\$\\$Lambda"),
        new Replacement("lambda\\$([\\w]+)\\$\\d+", "lambda\\$$1"),
        new Replacement("\\$\\$(?:EnhancerBySpringCGLIB|SpringCGLIB|EnhancerByCGLIB|FastClassBySpringCGLIB)\\$\\$[0-9a-fA-F]+", ""),
        new Replacement("\\$HibernateProxy\\$\\w+", ""),
        new Replacement("\\$ByteBuddy\\$\\w+", ""),
        new Replacement("jdk\\.proxy\\d+\\.", "jdk.proxy."),
        new Replacement("\\$Proxy\\d+", "\\$Proxy"),
        new Replacement("(GeneratedMethodAccessor|GeneratedConstructorAccessor|GeneratedSerializationConstructorAccessor)\\d+", "$1"),
        new Replacement("\\$\\d+(?=\\.|\\$|$)", "\\$"),
        // .NET: compiler-generated closures and state machines
        new Replacement("b__\\d+(_\\d+)?", "b__"),
        new Replacement("c__DisplayClass\\d+(_\\d+)?", "c__DisplayClass"),
        new Replacement("d__\\d+", "d__"),
        new Replacement("\\|\\d+_\\d+", "|"),
        // Go: numbered closures
        new Replacement("\\.func\\d+(\\.\\d+)*", ".func"),
        // addresses anywhere
        new Replacement("0x[0-9a-fA-F]+", ""),
    };

    private static final Replacement[] MESSAGE_NOISE = {
        new Replacement("\"[^\"]*\"|'[^']*'|`[^`]*`", "<str>"),
        new Replacement("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+", "<email>"),
        new Replacement("\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b", "<uuid>"),
        new Replacement("\\b(?:https?|jdbc|redis|amqp)://\\S+", "<url>"),
        new Replacement("\\b0x[0-9a-fA-F]+\\b", "<hex>"),
        new Replacement("\\b[0-9a-fA-F]{8,}\\b", "<hex>"),
        new Replacement("\\b[A-Za-z]+[-_]?\\d[\\w-]*\\b", "<id>"),
        new Replacement("\\d+(\\.\\d+)?", "<n>"),
        new Replacement("\\s+", " "),
    };

    private final ProblemsProperties properties;

    public Fingerprints(ProblemsProperties properties) {
        this.properties = properties;
    }

    /** The trace with each frame marked in-app or not, by the configured prefixes. */
    public StackTrace classify(StackTrace trace) {
        return trace.mapFrames(f -> f.withInApp(properties.inApp(f)));
    }

    /** The fingerprint of a trace. */
    public Fingerprint of(StackTrace trace) {
        StackTrace classified = classify(trace);
        ThrownException root = classified.rootCause();
        String type = normalizeFunction(root.type());
        List<String> basis = new ArrayList<>();
        basis.add(classified.language() + ":" + type);
        List<String> frames = topFrames(classified, root, true);
        if (frames.isEmpty()) {
            frames = topFrames(classified, root, false);
        }
        if (frames.isEmpty()) {
            basis.add("message:" + normalizeMessage(root.message()));
        } else {
            basis.addAll(frames);
        }
        return new Fingerprint(hash(basis), VERSION, root.type(), basis);
    }

    /**
     * The root cause's top frames. Only when it has none that qualify (a JVM may elide them all as "... N more") do
     * the exceptions that wrap it lend theirs, innermost first: otherwise the wrapper would split the group.
     */
    private List<String> topFrames(StackTrace trace, ThrownException root, boolean inAppOnly) {
        List<ThrownException> chain = trace.mainChain();
        List<String> keys = new ArrayList<>();
        for (int i = chain.indexOf(root); i >= 0 && keys.isEmpty(); i--) {
            for (StackFrame frame : chain.get(i).frames()) {
                if (!frame.readable() || inAppOnly && !frame.inApp()) {
                    continue;
                }
                String key = frameKey(trace.language(), frame);
                if (!keys.isEmpty() && keys.getLast().equals(key)) {
                    continue; // recursion adds nothing
                }
                keys.add(key);
                if (keys.size() == properties.fingerprintFrames()) {
                    break;
                }
            }
        }
        return keys;
    }

    static String frameKey(String language, StackFrame frame) {
        String function = normalizeFunction(frame.function());
        return switch (language) {
            // Scripts name functions without their module: the file says which one.
            case "python", "node" -> shortFile(frame.file()) + ":" + function;
            default -> function;
        };
    }

    static String normalizeFunction(String function) {
        String f = function;
        for (Replacement r : FUNCTION_NOISE) {
            f = r.pattern.matcher(f).replaceAll(r.with);
        }
        return f.strip();
    }

    /** A message with its variable parts (quoted values, emails, ids, numbers, addresses) replaced by markers. */
    public static String normalizeMessage(String message) {
        String m = message.lines().findFirst().orElse("");
        for (Replacement r : MESSAGE_NOISE) {
            m = r.pattern.matcher(m).replaceAll(r.with);
        }
        return m.strip();
    }

    /** The last two path segments, without query or hash: the same file in another checkout or build has the same. */
    private static String shortFile(String file) {
        String f = file.replaceAll("[?#].*$", "").replace('\\', '/');
        int last = f.lastIndexOf('/');
        int before = last > 0 ? f.lastIndexOf('/', last - 1) : -1;
        return before >= 0 ? f.substring(before + 1) : f;
    }

    private static String hash(List<String> basis) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] bytes = digest.digest(("v" + VERSION + "\n" + String.join("\n", basis))
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(bytes, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private record Replacement(Pattern pattern, String with) {
        Replacement(String regex, String with) {
            this(Pattern.compile(regex), with);
        }
    }
}
