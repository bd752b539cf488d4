package dev.periscope.logs.ingest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Realistic log lines from a small fictional shop: nine services in the formats ingest reads (HTTP access lines,
 * plain application logs with stack traces, NDJSON events with user and order fields, logfmt), at every level.
 *
 * <p>Lines carry fake confidential values on purpose (example.com emails, test card numbers, fake tokens, documentation
 * IP ranges) so that masking has something to do from the first search. None of them is real.
 */
public final class DemoTraffic {

    /** A service and the file it writes. */
    public record Service(String name, String file, Format format) {
    }

    public enum Format { ACCESS, PLAIN, NDJSON, LOGFMT }

    public static final List<Service> SERVICES = List.of(
            new Service("gateway", "gateway.log", Format.ACCESS),
            new Service("checkout", "checkout.log", Format.PLAIN),
            new Service("payments", "payments.log", Format.PLAIN),
            new Service("search", "search.log", Format.PLAIN),
            new Service("notifications", "notifications.log", Format.PLAIN),
            new Service("orders", "orders.ndjson", Format.NDJSON),
            new Service("users", "users.ndjson", Format.NDJSON),
            new Service("inventory", "inventory.log", Format.LOGFMT),
            new Service("shipping", "shipping.log", Format.LOGFMT));

    /** Words the bench searches for; each appears in a share of the messages. */
    public static final List<String> TERMS = List.of("timeout", "declined", "retry", "cache", "reserved", "refund");

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ACCESS_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z",
            Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final String[] FIRST = {"jane", "john", "maria", "li", "omar", "sofia", "noah", "emma", "ken", "ana"};
    private static final String[] LAST = {"doe", "smith", "garcia", "chen", "haddad", "rossi", "berg", "novak"};
    private static final String[] CARDS = {"4111 1111 1111 1111", "5555 5555 5555 4444", "4012888888881881",
        "3782 822463 10005", "6011 1111 1111 1117"};
    private static final String[] PATHS = {"/", "/api/products", "/api/products/sku-%d", "/api/cart", "/api/checkout",
        "/api/orders/o-%d", "/api/users/u-%d", "/api/search?q=shoes", "/health", "/static/app.js"};
    private static final String[] AGENTS = {"Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) Safari/604.1", "curl/8.5.0", "okhttp/4.12.0"};
    private static final String[] WAREHOUSES = {"ams-1", "fra-2", "dub-1", "waw-1"};
    private static final String[] EXCEPTIONS = {"java.net.SocketTimeoutException: Read timed out",
        "java.lang.IllegalStateException: order already paid",
        "org.springframework.dao.DataAccessResourceFailureException: connection pool exhausted",
        "java.lang.NullPointerException: Cannot invoke \"Customer.email()\" because \"customer\" is null"};

    private final SplittableRandom random;
    private final boolean requestContext;
    private long newProblemSince = Long.MAX_VALUE;

    /**
     * @param requestContext add trace, span, host and thread details as real services do (events then average about
     *     300 bytes)
     */
    public DemoTraffic(long seed, boolean requestContext) {
        this.random = new SplittableRandom(seed);
        this.requestContext = requestContext;
    }

    public Service randomService() {
        return SERVICES.get(random.nextInt(SERVICES.size()));
    }

    /**
     * One event of the service at the given time, as the text to append to its file (ending in a newline; several
     * lines for a stack trace).
     *
     * @param errorBurst true during an incident: more errors and slow requests
     */
    public String line(Service service, long millis, boolean errorBurst) {
        int roll = random.nextInt(1000);
        String level = errorBurst ? (roll < 300 ? "ERROR" : roll < 450 ? "WARN" : "INFO")
                : roll < 8 ? "ERROR" : roll < 40 ? "WARN" : roll < 120 ? "DEBUG" : roll < 125 ? "TRACE"
                : roll < 126 ? "FATAL" : "INFO";
        return switch (service.format()) {
            case ACCESS -> access(millis, level);
            case PLAIN -> plain(service.name(), millis, level);
            case NDJSON -> json(service.name(), millis, level);
            case LOGFMT -> logfmt(service.name(), millis, level);
        };
    }

    /** Trace, span, host and thread, as logfmt pairs after the message. */
    private String context(String service) {
        if (!requestContext) {
            return "";
        }
        return " trace_id=" + hex(32) + " span_id=" + hex(16) + " request_id=" + hex(16) + " host=" + service + "-7c9f" + hex(5)
                + " thread=http-nio-8080-exec-" + (1 + random.nextInt(200));
    }

    private String access(long millis, String level) {
        int status = switch (level) {
            case "ERROR", "FATAL" -> random.nextBoolean() ? 500 : 503;
            case "WARN" -> new int[] {400, 401, 404, 429}[random.nextInt(4)];
            default -> random.nextInt(10) == 0 ? 304 : 200;
        };
        String path = String.format(Locale.ROOT, PATHS[random.nextInt(PATHS.length)], 1000 + random.nextInt(9000));
        int duration = level.equals("WARN") && random.nextBoolean() ? 2000 + random.nextInt(8000)
                : 3 + random.nextInt(250);
        return ip() + " - - [" + ACCESS_TIME.format(Instant.ofEpochMilli(millis)) + "] \""
                + (path.startsWith("/api/checkout") ? "POST " : "GET ") + path + " HTTP/1.1\" " + status + " "
                + (200 + random.nextInt(20_000)) + " \"https://shop.example.com/\" \""
                + AGENTS[random.nextInt(AGENTS.length)] + "\" " + duration
                + (requestContext ? " req_id=" + hex(16) + " upstream=" + ip() + ":8080" : "") + "\n";
    }

    private String plain(String service, long millis, String level) {
        String head = ISO.format(Instant.ofEpochMilli(millis)) + " " + level + " [" + service + "] ";
        String orderId = "o-" + (100_000 + random.nextInt(900_000));
        String message = switch (level) {
            case "ERROR", "FATAL" -> switch (service) {
                case "payments" -> "payment declined for order " + orderId + " card " + card() + " customer "
                        + email() + ": upstream timeout after 3 retry attempts";
                case "checkout" -> "checkout failed for " + email() + " order " + orderId
                        + ": payment service timeout";
                default -> "request failed for " + email() + ": " + EXCEPTIONS[random.nextInt(EXCEPTIONS.length)];
            };
            case "WARN" -> random.nextBoolean()
                    ? "slow request POST /api/" + service + " took " + (1500 + random.nextInt(9000)) + " ms (limit "
                            + "1000 ms), retry scheduled"
                    : "cache miss ratio high (" + (50 + random.nextInt(50)) + "%), falling back to database";
            case "DEBUG" -> "cache lookup key=" + service + ":" + orderId + " hit=" + random.nextBoolean()
                    + " took " + random.nextInt(5) + " ms";
            case "TRACE" -> "entering " + service + "Handler.handle with session token tok_test_" + hex(24);
            default -> switch (service) {
                case "payments" -> "payment authorised for order " + orderId + " amount "
                        + (5 + random.nextInt(495)) + "." + random.nextInt(10) + "0 EUR card ending "
                        + (1000 + random.nextInt(9000));
                case "notifications" -> "sent order confirmation " + orderId + " to " + email();
                case "search" -> "query \"" + new String[] {"shoes", "jacket", "lamp", "desk"}[random.nextInt(4)]
                        + "\" returned " + random.nextInt(300) + " hits in " + random.nextInt(80) + " ms";
                default -> "order " + orderId + " placed by " + email() + " total " + (5 + random.nextInt(495))
                        + ".00 EUR, items reserved";
            };
        };
        String line = head + message + context(service) + "\n";
        boolean newProblem = service.equals("search") && millis >= newProblemSince;
        if ((level.equals("ERROR") || level.equals("FATAL")) && (newProblem || random.nextInt(3) == 0)) {
            line += stackTrace(service, millis);
        }
        return line;
    }

    /**
     * A few recurring problems, so the Problems view has groups to show: each belongs to one service, carries
     * emails and ids in its messages (for masking to hide), and moves between two "deploys" (line numbers and lambda
     * numbers change every other hour) without becoming a new group. One starts only at {@link #newProblemSince}.
     */
    private String stackTrace(String service, long millis) {
        boolean deployB = (millis / 3_600_000L) % 2 == 1;
        String order = "o-" + (100_000 + random.nextInt(900_000));
        return switch (service) {
            case "checkout" -> "java.lang.IllegalStateException: cart " + order + " of " + email()
                    + " is already checked out\n"
                    + "\tat com.example.shop.checkout.Cart.checkout(Cart.java:" + (deployB ? 151 : 142) + ")\n"
                    + "\tat com.example.shop.checkout.CheckoutService.lambda$placeOrder$" + (deployB ? 5 : 3)
                    + "(CheckoutService.java:" + (deployB ? 93 : 88) + ")\n"
                    + "\tat com.example.shop.checkout.CheckoutService$$SpringCGLIB$$0.placeOrder(<generated>)\n"
                    + "\tat com.example.shop.checkout.CheckoutController.submit(CheckoutController.java:57)\n"
                    + "\tat jdk.internal.reflect.GeneratedMethodAccessor" + (80 + random.nextInt(200))
                    + ".invoke(Unknown Source)\n"
                    + "\tat org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:885)\n";
            case "payments" -> random.nextBoolean()
                    ? (random.nextBoolean()
                            ? "com.example.shop.payments.PaymentFailedException: capture of " + order + " failed\n"
                                    + "\tat com.example.shop.payments.CaptureJob.run(CaptureJob.java:44)\n"
                            : "org.springframework.web.util.NestedServletException: Request processing failed\n"
                                    + "\tat com.example.shop.payments.PaymentController.capture(PaymentController.java:"
                                    + (deployB ? 61 : 58) + ")\n")
                            + "\tat java.base/java.lang.Thread.run(Thread.java:1583)\n"
                            + "Caused by: java.net.SocketTimeoutException: Read timed out after "
                            + (3000 + random.nextInt(2000)) + " ms\n"
                            + "\tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:278)\n"
                            + "\tat com.example.shop.payments.GatewayClient.capture(GatewayClient.java:"
                            + (deployB ? 120 : 117) + ")\n"
                            + "\tat com.example.shop.payments.PaymentService.capture(PaymentService.java:73)\n"
                            + "\t... 42 more\n"
                    : "java.lang.NullPointerException: Cannot invoke \"Customer.email()\" because \"customer\" is null\n"
                            + "\tat com.example.shop.payments.ReceiptMailer.send(ReceiptMailer.java:"
                            + (deployB ? 35 : 31) + ")\n"
                            + "\tat com.example.shop.payments.PaymentService.lambda$afterCapture$"
                            + (deployB ? 2 : 1) + "(PaymentService.java:90)\n"
                            + "\tat java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1144)\n";
            case "search" -> millis >= newProblemSince
                    ? "java.lang.ArrayIndexOutOfBoundsException: Index " + (5 + random.nextInt(20))
                            + " out of bounds for length " + (5 + random.nextInt(20)) + "\n"
                            + "\tat com.example.shop.search.Ranker.score(Ranker.java:77)\n"
                            + "\tat com.example.shop.search.SearchService.rank(SearchService.java:52)\n"
                            + "\tat com.example.shop.search.SearchController.search(SearchController.java:30)\n"
                    : "com.example.shop.search.IndexUnavailableException: index products-" + hex(6)
                            + " is not available\n"
                            + "\tat com.example.shop.search.IndexClient.query(IndexClient.java:64)\n"
                            + "\tat com.example.shop.search.SearchService.rank(SearchService.java:48)\n"
                            + "\tat com.example.shop.search.SearchController.search(SearchController.java:30)\n";
            case "notifications" -> "Traceback (most recent call last):\n"
                    + "  File \"/srv/notify/worker/receipts.py\", line " + (deployB ? 58 : 54)
                    + ", in send_receipt\n"
                    + "    smtp.send_message(msg)\n"
                    + "  File \"/usr/lib/python3.12/smtplib.py\", line 887, in sendmail\n"
                    + "    raise SMTPRecipientsRefused(senderrs)\n"
                    + "notify.errors.ReceiptDeliveryError: receipt for " + order + " not delivered to " + email()
                    + "\n";
            default -> EXCEPTIONS[random.nextInt(EXCEPTIONS.length)] + "\n"
                    + "\tat com.example.shop." + service + ".Worker.process(Worker.java:" + (40 + random.nextInt(200))
                    + ")\n"
                    + "\tat java.base/java.lang.Thread.run(Thread.java:1583)\n";
        };
    }

    /** Start the problem that is new in the demo from this time on. */
    public void newProblemSince(long millis) {
        this.newProblemSince = millis;
    }

    private String json(String service, long millis, String level) {
        String user = "u-" + (1000 + random.nextInt(9000));
        StringBuilder sb = new StringBuilder(320);
        sb.append("{\"@timestamp\":\"").append(ISO.format(Instant.ofEpochMilli(millis))).append("\",\"level\":\"")
                .append(level).append("\",\"service\":\"").append(service).append("\",\"message\":\"");
        if (service.equals("orders")) {
            String order = "o-" + (100_000 + random.nextInt(900_000));
            sb.append(switch (level) {
                case "ERROR", "FATAL" -> "order " + order + " could not be saved: database timeout, retry later";
                case "WARN" -> "order " + order + " total changed after refund recalculation";
                default -> "order " + order + " created";
            }).append("\",\"order\":{\"id\":\"").append(order).append("\",\"total\":")
                    .append(5 + random.nextInt(495)).append('.').append(random.nextInt(100))
                    .append(",\"items\":").append(1 + random.nextInt(6)).append(",\"currency\":\"EUR\"}");
        } else {
            sb.append(switch (level) {
                case "ERROR", "FATAL" -> "login failed for user " + user + ": password check timeout";
                case "WARN" -> "password reset requested, token rst_test_" + hex(20);
                default -> "user signed in";
            }).append("\"");
        }
        if ((level.equals("ERROR") || level.equals("FATAL")) && random.nextInt(3) == 0) {
            sb.append(service.equals("orders")
                    // A Node.js pricing worker writes these orders events.
                    ? ",\"error\":{\"type\":\"TypeError\",\"stack\":\"TypeError: Cannot read properties of undefined"
                            + " (reading 'price')\\n    at lineTotal (/srv/orders/src/pricing.js:41:23)\\n"
                            + "    at Array.map (<anonymous>)\\n    at orderTotal (/srv/orders/src/pricing.js:18:30)\\n"
                            + "    at processTicksAndRejections (node:internal/process/task_queues:95:5)\"}"
                    : ",\"stack_trace\":\"org.springframework.mail.MailSendException: Failed messages: invalid address "
                            + email() + "\\n\\tat org.springframework.mail.javamail.JavaMailSenderImpl.doSend"
                            + "(JavaMailSenderImpl.java:485)\\n\\tat com.example.shop.users.ResetMailer.send"
                            + "(ResetMailer.java:29)\\n\\tat com.example.shop.users.PasswordResetService.request"
                            + "(PasswordResetService.java:66)\\n\"");
        }
        sb.append(",\"user\":{\"id\":\"").append(user).append("\",\"email\":\"").append(email())
                .append("\"},\"client\":{\"ip\":\"").append(ip()).append("\"},\"trace\":{\"id\":\"")
                .append(hex(16)).append("\"},\"duration_ms\":").append(random.nextInt(400));
        if (requestContext) {
            sb.append(",\"span\":{\"id\":\"").append(hex(16)).append("\"},\"host\":\"").append(service)
                    .append("-7c9f").append(hex(5)).append("\"");
        }
        sb.append("}\n");
        return sb.toString();
    }

    private String logfmt(String service, long millis, String level) {
        String msg = switch (level) {
            case "ERROR", "FATAL" -> service.equals("inventory") ? "stock sync failed: warehouse timeout"
                    : "label printing failed: carrier api timeout";
            case "WARN" -> "slow carrier response, retry scheduled";
            default -> service.equals("inventory") ? "stock reserved" : "parcel handed to carrier";
        };
        return "ts=" + ISO.format(Instant.ofEpochMilli(millis)) + " level=" + level.toLowerCase(Locale.ROOT)
                + " service=" + service + " msg=\"" + msg + "\" sku=SKU-" + (10_000 + random.nextInt(90_000))
                + " qty=" + (1 + random.nextInt(5)) + " warehouse=" + WAREHOUSES[random.nextInt(WAREHOUSES.length)]
                + " duration_ms=" + random.nextInt(300) + " api_key=key_test_" + hex(12) + context(service) + "\n";
    }

    private String email() {
        return FIRST[random.nextInt(FIRST.length)] + "." + LAST[random.nextInt(LAST.length)]
                + (random.nextInt(5) == 0 ? Integer.toString(random.nextInt(100)) : "") + "@example.com";
    }

    private String card() {
        return CARDS[random.nextInt(CARDS.length)];
    }

    private String ip() {
        String[] ranges = {"192.0.2.", "198.51.100.", "203.0.113."};
        return ranges[random.nextInt(3)] + (1 + random.nextInt(254));
    }

    private String hex(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(Character.forDigit(random.nextInt(16), 16));
        }
        return sb.toString();
    }
}
