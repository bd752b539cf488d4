package dev.periscope.masking;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the masking engine, prefix {@code periscope.masking}. Every key can be set from the environment
 * ({@code PERISCOPE_MASKING_TOKENKEYS}, {@code PERISCOPE_MASKING_VAULT_TTL}, ...).
 *
 * <pre>{@code
 * periscope:
 *   masking:
 *     rules-directory: /etc/periscope/rules # YAML rule files; reloaded when they change. Unset: ./masking-rules,
 *                                           # else the rules packaged in the jar (the log says which is in force)
 *     hot-reload: true
 *     ip-scope: identifying                 # identifying: all but loopback and unspecified (127.0.0.1, ::1,
 *                                           # 0.0.0.0, ::) | all | public (private and link-local stay visible too)
 *     token-keys:                           # id:base64 (32+ bytes); the first one is active, the others still open vault entries
 *       - k2026b:${PERISCOPE_TOKEN_KEY_CURRENT}
 *       - k2026a:${PERISCOPE_TOKEN_KEY_PREVIOUS}
 *     generate-key-if-missing: false        # demo only: create a key under data-directory when none is configured
 *     data-directory: data
 *     token-length: 8                       # hex digits shown in a token, 8..64
 *     event-budget: 200ms                   # per value and 64 Ki characters; beyond it the value is withheld
 *     max-event-chars: 4194304              # larger values are withheld
 *     vault:
 *       directory: data/token-vault         # shared by all replicas (e.g. an NFS or EFS mount)
 *       ttl: 30d
 *     recent-results:                       # what texts read again masked to, kept as masked output only
 *       max-chars: 16777216                 # characters kept at most; 0 masks every text every time
 *       max-age: 5m                         # an answer older than this is masked again
 * }</pre>
 *
 * @param rulesDirectory where the rule files are; null to use {@code ./masking-rules} or the packaged rules
 * @param hotReload whether rule files are watched and reloaded on change
 * @param ipScope which IP addresses are masked
 * @param tokenKeys token keys as {@code id:base64}, active key first
 * @param generateKeyIfMissing create and store a key when none is configured (demo profile only)
 * @param dataDirectory where a generated key is stored
 * @param tokenLength hex digits of a token
 * @param eventBudget time allowed to mask one value, per started 64 Ki characters of it
 * @param maxEventChars longest value masked; longer values are withheld
 * @param vault the token vault
 * @param recentResults how much of what recent texts masked to is remembered ({@link RecentMaskedTexts})
 */
@ConfigurationProperties("periscope.masking")
public record MaskingProperties(
        @Nullable Path rulesDirectory,
        @Nullable Boolean hotReload,
        @Nullable IpScope ipScope,
        @Nullable List<String> tokenKeys,
        @Nullable Boolean generateKeyIfMissing,
        @Nullable Path dataDirectory,
        @Nullable Integer tokenLength,
        @Nullable Duration eventBudget,
        @Nullable Integer maxEventChars,
        @Nullable Vault vault,
        @Nullable RecentResults recentResults) {

    /** Which IP addresses the IP rules mask. */
    public enum IpScope {
        /** Every address but loopback and unspecified ones (127.0.0.1, ::1, 0.0.0.0, ::), which name no host. */
        IDENTIFYING,
        /** Every address, loopback and unspecified ones too. */
        ALL,
        /** Public addresses only: private, loopback, link-local and documentation addresses stay visible. */
        PUBLIC
    }

    /**
     * @param directory where the encrypted entries are kept; every replica must see the same directory
     * @param ttl how long an entry lives after it was last written
     * @param sweepInterval how often expired entries are deleted from the directory
     */
    public record Vault(@Nullable Path directory, @Nullable Duration ttl, @Nullable Duration sweepInterval) {
    }

    /**
     * @param maxChars characters of masked output kept at most (about two bytes each, plus some per entry); 0 turns
     *     remembering off
     * @param maxAge how long an answer is given from memory; it must stay well inside the vault's ttl, so that a
     *     token shown from memory can still be searched for
     */
    public record RecentResults(@Nullable Long maxChars, @Nullable Duration maxAge) {
        public RecentResults {
            maxChars = maxChars == null ? 16L << 20 : maxChars;
            maxAge = maxAge == null ? Duration.ofMinutes(5) : maxAge;
            if (maxChars < 0) {
                throw new IllegalArgumentException("periscope.masking.recent-results.max-chars must be 0 or more");
            }
            if (maxAge.isNegative()) {
                throw new IllegalArgumentException("periscope.masking.recent-results.max-age must not be negative");
            }
        }
    }

    public MaskingProperties {
        hotReload = hotReload == null || hotReload;
        ipScope = ipScope == null ? IpScope.IDENTIFYING : ipScope;
        tokenKeys = tokenKeys == null ? List.of() : List.copyOf(tokenKeys);
        generateKeyIfMissing = generateKeyIfMissing != null && generateKeyIfMissing;
        dataDirectory = dataDirectory == null ? Path.of("data") : dataDirectory;
        tokenLength = tokenLength == null ? 8 : tokenLength;
        eventBudget = eventBudget == null ? Duration.ofMillis(200) : eventBudget;
        maxEventChars = maxEventChars == null ? 4 << 20 : maxEventChars;
        Path vaultDir = vault == null || vault.directory() == null ? dataDirectory.resolve("token-vault")
                : vault.directory();
        Duration ttl = vault == null || vault.ttl() == null ? Duration.ofDays(30) : vault.ttl();
        Duration sweep = vault == null || vault.sweepInterval() == null ? Duration.ofHours(1) : vault.sweepInterval();
        vault = new Vault(vaultDir, ttl, sweep);
        recentResults = recentResults == null ? new RecentResults(null, null) : recentResults;
        if (recentResults.maxAge().compareTo(ttl.dividedBy(2)) > 0) {
            throw new IllegalArgumentException("periscope.masking.recent-results.max-age (" + recentResults.maxAge()
                    + ") must be at most half the vault's ttl (" + ttl + ")");
        }
    }

    /** All defaults. */
    public static MaskingProperties defaults() {
        return new MaskingProperties(null, null, null, null, null, null, null, null, null, null, null);
    }
}
