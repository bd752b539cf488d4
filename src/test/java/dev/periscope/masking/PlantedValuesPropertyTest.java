package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random text with confidential values planted in random contexts (JSON, logfmt, URLs, stack traces, quotes,
 * unicode around them) must come out without the values. Seeded; the seed is printed and can be replayed with
 * {@code -Dmasking.seed=...}.
 */
class PlantedValuesPropertyTest {

    /** Obviously fake values of each kind, with the way they may be written in a message. */
    private static final String[][] PLANTED = {
        {"jane.doe@example.com", "jane.doe@example.com"},
        {"j.smith+news@mail.example.org", "j.smith+news@mail.example.org"},
        {"4111 1111 1111 1111", "4111 1111 1111"},
        {"5555-5555-5555-4444", "5555-5555-5555"},
        {"4012888888881881", "401288888888"},
        {"DE89370400440532013000", "DE89370400440532013000"},
        {"GB82 WEST 1234 5698 7654 32", "1234 5698 7654"},
        {"078-05-1123", "078-05-1123"},
        {"203.0.113.45", "203.0.113.45"},
        {"2001:db8:85a3::8a2e:370:7334", "2001:db8:85a3::8a2e:370:7334"},
        {"00:1A:2B:3C:4D:5E", "00:1A:2B:3C:4D:5E"},
        {"+44 20 7946 0958", "7946 0958"},
        {"(415) 555-0132", "555-0132"},
        {"AKIAZ3MPLE7Q2EXKEY4X", "AKIAZ3MPLE7Q2EXKEY4X"},
        {"ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8", "a1B2c3D4e5F6g7H8i9J0"},
        {"xoxb-5930472816304-7728193047562-Qw7RtY3uIo9PaS2dFgH4jKlZ", "Qw7RtY3uIo9PaS2dFgH4jKlZ"},
        {"sk_live_4eC39HqLyjWDarjtT1zdp7dc", "4eC39HqLyjWDarjtT1zdp7dc"},
        {"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
            "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"},
    };

    /** Values that only count as confidential because a key says so. */
    private static final String[] KEYS = {"password", "db_password", "client_secret", "api_key", "X-Auth-Token",
        "access_token", "passwd"};

    @Test
    void planted_values_in_random_contexts_come_out_masked() {
        long seed = Long.getLong("masking.seed", System.nanoTime());
        System.out.println("PlantedValuesPropertyTest seed=" + seed);
        Random r = new Random(seed);
        MaskingService masker = MaskingFixtures.service(new FastEngine());
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            String value;
            String secretPart;
            if (r.nextInt(4) == 0) {
                String key = KEYS[r.nextInt(KEYS.length)];
                secretPart = "Zq8vT3xLm9Pw2Ks" + (1000 + r.nextInt(9000));
                value = keyValue(r, key, secretPart);
            } else {
                String[] p = PLANTED[r.nextInt(PLANTED.length)];
                value = p[0];
                secretPart = p[1];
            }
            String text = context(r, value);
            String masked = masker.mask(MaskingContext.strict("svc"), text).text();
            if (masked.contains(secretPart)) {
                failures.add("seed " + seed + " case " + i + ": " + text + "  ->  " + masked);
            }
        }
        assertThat(failures).as("planted values left visible").isEmpty();
    }

    private static String keyValue(Random r, String key, String v) {
        return switch (r.nextInt(6)) {
            case 0 -> key + "=" + v;
            case 1 -> "\"" + key + "\": \"" + v + "\"";
            case 2 -> key + ": " + v;
            case 3 -> "?" + key + "=" + v + "&page=2";
            case 4 -> "\\\"" + key + "\\\":\\\"" + v + "\\\"";
            default -> key + "='" + v + "'";
        };
    }

    private static final String[] WORDS = {"order", "retry", "Überweisung", "ошибка", "用户", "failed", "user",
        "id=42", "took 12ms", "→", "ok", "status=500", "🙂", "2026-11-22T10:00:00Z"};

    private static String noise(Random r) {
        StringBuilder b = new StringBuilder();
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
            b.append(WORDS[r.nextInt(WORDS.length)]).append(' ');
        }
        return b.toString();
    }

    private static String context(Random r, String v) {
        String before = noise(r);
        String after = " " + noise(r);
        return switch (r.nextInt(9)) {
            case 0 -> before + v + after;
            case 1 -> "{\"message\":\"" + before + v.replace("\"", "\\\"") + after + "\",\"level\":\"WARN\"}";
            case 2 -> "ts=2026-11-22T10:00:00Z level=info msg=\"" + before + v.replace("\"", "'") + "\" n=3";
            case 3 -> v.contains(" ") ? before + v + after
                    : "GET https://api.example.com/v1/items?q=" + v + "&x=1 HTTP/1.1";
            case 4 -> "java.lang.IllegalStateException: rejected " + v + "\n\tat com.example.Foo.bar(Foo.java:42)";
            case 5 -> before + "'" + v + "'" + after;
            case 6 -> before + "(" + v + ")" + after;
            case 7 -> before + "«" + v + "»" + after;
            default -> before + "<td>" + v + "</td>" + after;
        };
    }
}
