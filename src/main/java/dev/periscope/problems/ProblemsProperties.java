package dev.periscope.problems;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Problem grouping settings.
 *
 * <pre>{@code
 * periscope:
 *   problems:
 *     in-app-prefixes: []             # when set, only frames starting with one of these are the application's
 *     library-prefixes: []            # frames never the application's; empty means the built-in list
 *                                     # (java., jdk., sun., org.springframework., node:, /site-packages/...)
 *     fingerprint-frames: 3           # in-app frames of the root cause that make the fingerprint
 *     max-groups: 25                  # groups listed at once
 *     regression-quiet-period: 24h    # a group silent this long before the range and back in it is "regressed"
 *     history: 7d                     # how far before the range to look for "new" and "regressed"
 * }</pre>
 *
 * Every key can be set from the environment, e.g. {@code PERISCOPE_PROBLEMS_INAPPPREFIXES=com.shop.,org.acme.}.
 */
@ConfigurationProperties("periscope.problems")
public record ProblemsProperties(
        @DefaultValue({}) List<String> inAppPrefixes,
        @DefaultValue({}) List<String> libraryPrefixes,
        @DefaultValue("3") int fingerprintFrames,
        @DefaultValue("25") int maxGroups,
        @DefaultValue("24h") Duration regressionQuietPeriod,
        @DefaultValue("7d") Duration history) {

    /** Runtimes, frameworks and common libraries of the languages Periscope parses. */
    static final List<String> DEFAULT_LIBRARY_PREFIXES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.",
            "jakarta.", "kotlin.", "kotlinx.", "scala.", "groovy.", "org.springframework.", "org.apache.",
            "org.hibernate.", "org.eclipse.", "io.netty.", "io.grpc.", "com.google.", "reactor.", "io.micrometer.",
            "com.fasterxml.", "ch.qos.", "org.slf4j.", "com.zaxxer.", "okhttp3.", "org.junit.", "com.vaadin.",
            "System.", "Microsoft.", "runtime.", "net/http.", "internal/", "sync.", "node:", "Promise.", "/node_modules/",
            "/site-packages/", "/dist-packages/", "/usr/lib/python", "<frozen ", "<anonymous>", "/usr/local/go/");

    public ProblemsProperties {
        inAppPrefixes = List.copyOf(inAppPrefixes);
        libraryPrefixes = libraryPrefixes.isEmpty() ? DEFAULT_LIBRARY_PREFIXES : List.copyOf(libraryPrefixes);
        if (fingerprintFrames < 1 || fingerprintFrames > 20) {
            throw new IllegalArgumentException("periscope.problems.fingerprint-frames must be between 1 and 20");
        }
        if (maxGroups < 1 || maxGroups > 200) {
            throw new IllegalArgumentException("periscope.problems.max-groups must be between 1 and 200");
        }
    }

    public static ProblemsProperties defaults() {
        return new ProblemsProperties(List.of(), List.of(), 3, 25, Duration.ofHours(24), Duration.ofDays(7));
    }

    /**
     * Whether a frame is the application's. A prefix matches the start of the function or of the file; one that
     * starts with {@code /} or {@code <} is a path marker ({@code /site-packages/}) and matches anywhere in the file.
     */
    boolean inApp(StackFrame frame) {
        if (!frame.readable()) {
            return false;
        }
        for (String prefix : libraryPrefixes) {
            if (matches(prefix, frame)) {
                return false;
            }
        }
        if (inAppPrefixes.isEmpty()) {
            return true;
        }
        return inAppPrefixes.stream().anyMatch(p -> matches(p, frame));
    }

    private static boolean matches(String prefix, StackFrame frame) {
        boolean marker = prefix.startsWith("/") || prefix.startsWith("<");
        return marker ? frame.file().contains(prefix)
                : frame.function().startsWith(prefix) || frame.file().startsWith(prefix);
    }
}
