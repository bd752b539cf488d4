package dev.periscope.masking;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Realistic log lines for benchmarks and equivalence tests: Spring Boot, access-log, logfmt and JSON lines, stack
 * traces, and a few percent of lines carrying personal data or secrets (all values are fake).
 */
final class SyntheticLogs {

    private static final String[] SERVICES = {"orders", "billing", "gateway", "catalog", "auth", "shipping"};
    private static final String[] LEVELS = {"INFO", "INFO", "INFO", "DEBUG", "WARN", "ERROR"};
    private static final String[] PATHS = {"/api/v1/orders", "/api/v1/customers/%d/addresses", "/health",
        "/api/v1/catalog/items?page=%d&size=50", "/api/v2/payments/%d/capture", "/static/app.%d.js"};
    private static final String[] MESSAGES = {
        "Order %d created for customer %d in %d ms",
        "Retrying request to inventory-service (attempt %d of %d)",
        "Cache miss for key product:%d, loading from database",
        "Completed initialization in %d ms",
        "HikariPool-1 - Added connection conn%d: url=jdbc:postgresql://db:5432/orders user=app",
        "Scheduled task refreshRates finished, %d rates updated, next run in %d s",
        "Received message from queue orders.created partition=%d offset=%d",
        "Request processed status=%d bytes=%d",
        "User session expired after %d minutes of inactivity",
        "Slow query detected: SELECT * FROM orders WHERE status = ? took %d ms",
    };
    private static final String[] PLANTED = {
        "Payment declined for card 4111 1111 1111 1111, customer jane.doe@example.com",
        "login failed for user=alice password=Hunter2hunter2! from 203.0.113.45",
        "calling https://api.partner.test/v1?api_key=sk_live_4eC39HqLyjWDarjtT1zdp7dc&q=1",
        "Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
        "{\"event\":\"signup\",\"email\":\"bob.smith@example.org\",\"phone\":\"+44 20 7946 0958\",\"password\":\"s3cr3t-P4ss\"}",
        "transfer to IBAN DE89 3704 0044 0532 0130 00 scheduled",
        "SSN 078-05-1123 did not match records for applicant",
        "connecting to postgres://app:Sup3rS3cret@db.internal:5432/orders",
        "AWS credentials AKIAZ3MPLE7Q2EXKEY4X loaded from environment",
        "client from 2001:db8:85a3::8a2e:370:7334 used session JSESSIONID=A1B2C3D4E5F6A7B8C9D0",
    };

    private SyntheticLogs() {
    }

    static List<String> lines(long seed, int count) {
        Random r = new Random(seed);
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(line(r, i));
        }
        return out;
    }

    private static String line(Random r, int i) {
        String ts = String.format("2026-11-%02dT%02d:%02d:%02d.%03dZ", 1 + r.nextInt(28), r.nextInt(24),
                r.nextInt(60), r.nextInt(60), r.nextInt(1000));
        String svc = SERVICES[r.nextInt(SERVICES.length)];
        String msg = String.format(MESSAGES[r.nextInt(MESSAGES.length)], r.nextInt(100000), r.nextInt(5000),
                r.nextInt(900));
        if (r.nextInt(100) < 4) {
            msg = PLANTED[r.nextInt(PLANTED.length)];
        }
        return switch (r.nextInt(6)) {
            case 0, 1 -> ts + "  " + LEVELS[r.nextInt(LEVELS.length)] + " " + (1000 + r.nextInt(9000))
                    + " --- [nio-8080-exec-" + r.nextInt(10) + "] c.e." + svc + "." + cap(svc) + "Service"
                    + " : " + msg;
            case 2 -> "10." + r.nextInt(4) + "." + r.nextInt(256) + "." + r.nextInt(256) + " - - [22/Nov/2026:"
                    + String.format("%02d:%02d:%02d", r.nextInt(24), r.nextInt(60), r.nextInt(60))
                    + " +0000] \"GET " + String.format(PATHS[r.nextInt(PATHS.length)], r.nextInt(10000))
                    + " HTTP/1.1\" " + (r.nextInt(10) < 8 ? 200 : 404) + " " + r.nextInt(20000)
                    + " \"-\" \"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)\"";
            case 3 -> "ts=" + ts + " level=" + LEVELS[r.nextInt(LEVELS.length)].toLowerCase() + " service=" + svc
                    + " msg=\"" + msg.replace("\"", "'") + "\" trace_id=" + Long.toHexString(r.nextLong())
                    + " duration_ms=" + r.nextInt(500);
            case 4 -> "{\"@timestamp\":\"" + ts + "\",\"level\":\"" + LEVELS[r.nextInt(LEVELS.length)]
                    + "\",\"logger\":\"com.example." + svc + "." + cap(svc) + "Service\",\"message\":\""
                    + msg.replace("\"", "\\\"") + "\",\"thread\":\"worker-" + r.nextInt(16) + "\",\"span_id\":\""
                    + Long.toHexString(r.nextLong()) + "\"}";
            default -> "\tat com.example." + svc + "." + cap(svc) + "Service.handle(" + cap(svc) + "Service.java:"
                    + r.nextInt(400) + ")";
        };
    }

    private static String cap(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
