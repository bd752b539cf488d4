package dev.periscope.problems;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FingerprintsTest {

    private final Fingerprints fingerprints = new Fingerprints(ProblemsProperties.defaults());

    @Test
    void the_same_bug_after_a_deploy_that_moved_lines_lambdas_and_proxies_stays_one_group() {
        Fingerprint before = fingerprints.of(Corpus.parse("java-spring-wrapped.txt"));
        Fingerprint after = fingerprints.of(Corpus.parse("java-spring-wrapped-after-deploy.txt"));

        assertThat(after.value()).isEqualTo(before.value());
        assertThat(before.value()).matches("[0-9a-f]{16}");
        assertThat(before.version()).isEqualTo(Fingerprints.VERSION);
        assertThat(before.basis()).containsExactly("java:java.lang.IllegalStateException",
                "com.example.shop.checkout.Cart.checkout",
                "com.example.shop.checkout.CheckoutService.lambda$placeOrder",
                "com.example.shop.checkout.CheckoutService.placeOrder");
    }

    @Test
    void wrapped_exceptions_group_by_their_root_cause() {
        String root = """
                Caused by: java.sql.SQLTransientConnectionException: Connection is not available after 30005ms.
                \tat com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:181)
                \tat com.example.billing.InvoiceRepository.save(InvoiceRepository.java:33)
                \tat com.example.billing.InvoiceService.issue(InvoiceService.java:71)
                \t... 12 more
                """;
        String byController = """
                org.springframework.web.util.NestedServletException: Request processing failed
                \tat org.springframework.web.servlet.FrameworkServlet.processRequest(FrameworkServlet.java:1014)
                \tat com.example.billing.InvoiceController.create(InvoiceController.java:30)
                """ + root;
        String byJob = """
                com.example.billing.JobFailedException: nightly invoices failed for account 77
                \tat com.example.billing.NightlyJob.run(NightlyJob.java:44)
                \tat java.base/java.lang.Thread.run(Thread.java:1583)
                """ + root.replace("30005ms", "30001ms").replace("InvoiceService.java:71", "InvoiceService.java:74");

        assertThat(fingerprint(byJob)).isEqualTo(fingerprint(byController));
    }

    @Test
    void a_different_root_cause_under_the_same_wrapper_is_a_different_group() {
        String wrapper = """
                org.springframework.web.util.NestedServletException: Request processing failed
                \tat com.example.billing.InvoiceController.create(InvoiceController.java:30)
                """;
        String pool = wrapper + """
                Caused by: java.sql.SQLTransientConnectionException: Connection is not available
                \tat com.example.billing.InvoiceRepository.save(InvoiceRepository.java:33)
                """;
        String constraint = wrapper + """
                Caused by: java.sql.SQLIntegrityConstraintViolationException: Duplicate entry
                \tat com.example.billing.InvoiceRepository.save(InvoiceRepository.java:33)
                """;

        assertThat(fingerprint(pool)).isNotEqualTo(fingerprint(constraint));
    }

    @Test
    void different_bugs_that_share_a_message_stay_apart() {
        String inCart = """
                java.lang.NullPointerException: Cannot invoke "Customer.email()" because "customer" is null
                \tat com.example.shop.checkout.Cart.owner(Cart.java:20)
                \tat com.example.shop.checkout.CheckoutService.placeOrder(CheckoutService.java:50)
                """;
        String inMailer = """
                java.lang.NullPointerException: Cannot invoke "Customer.email()" because "customer" is null
                \tat com.example.shop.mail.ReceiptMailer.send(ReceiptMailer.java:20)
                \tat com.example.shop.mail.MailJob.run(MailJob.java:50)
                """;

        assertThat(fingerprint(inCart)).isNotEqualTo(fingerprint(inMailer));
    }

    @Test
    void library_frames_do_not_split_a_group_but_in_app_frames_do() {
        String a = """
                java.lang.IllegalArgumentException: bad sku
                \tat java.base/java.util.Objects.requireNonNull(Objects.java:259)
                \tat com.example.inventory.Stock.reserve(Stock.java:40)
                """;
        String upgradedJdk = a.replace("Objects.requireNonNull(Objects.java:259)",
                "Objects.checkIndex(Objects.java:385)");

        assertThat(fingerprint(upgradedJdk)).isEqualTo(fingerprint(a));
    }

    @Test
    void configured_in_app_prefixes_decide_which_frames_count() {
        Fingerprints onlyBilling = new Fingerprints(new ProblemsProperties(List.of("com.example.billing."),
                List.of(), 3, 25, Duration.ofHours(24), Duration.ofDays(7)));
        StackTrace trace = Corpus.parse("java-suppressed-and-causes.txt");

        assertThat(onlyBilling.of(trace).basis()).containsExactly("java:java.sql.SQLTransientConnectionException",
                "com.example.billing.InvoiceRepository.save", "com.example.billing.BatchRunner.run");
        assertThat(onlyBilling.classify(trace).rootCause().frames()).extracting(StackFrame::inApp)
                .containsExactly(false, false, true, true);
    }

    @Test
    void generated_names_proxies_and_addresses_are_normalized_away() {
        assertThat(Fingerprints.normalizeFunction(
                "com.example.OrderListener$$Lambda$1421/0x0000000801a2c448.accept"))
                .isEqualTo("com.example.OrderListener$$Lambda.accept");
        assertThat(Fingerprints.normalizeFunction("jdk.proxy2.$Proxy134.reserve")).isEqualTo("jdk.proxy.$Proxy.reserve");
        assertThat(Fingerprints.normalizeFunction("com.example.Cart$$SpringCGLIB$$0.add"))
                .isEqualTo("com.example.Cart.add");
        assertThat(Fingerprints.normalizeFunction("com.example.StockClient$reserveAsync$1.invoke"))
                .isEqualTo("com.example.StockClient$reserveAsync$.invoke");
        assertThat(Fingerprints.normalizeFunction("Shop.Loyalty.AccountService.<>c__DisplayClass5_0.<GetAsync>b__0"))
                .isEqualTo("Shop.Loyalty.AccountService.<>c__DisplayClass.<GetAsync>b__");
        assertThat(Fingerprints.normalizeFunction("github.com/example/stock.Sync.func2"))
                .isEqualTo("github.com/example/stock.Sync.func");
    }

    @Test
    void variable_parts_of_messages_are_stripped() {
        assertThat(Fingerprints.normalizeMessage(
                "order o-123456 rejected for ana.rossi@example.com after 3 tries, id 9f8e7d6c5b4a"))
                .isEqualTo("order <id> rejected for <email> after <n> tries, id <hex>");
        assertThat(Fingerprints.normalizeMessage("no such key 'user:42'"))
                .isEqualTo(Fingerprints.normalizeMessage("no such key 'cart:17'"));
    }

    @Test
    void a_trace_without_frames_groups_by_type_and_stripped_message() {
        String a = "ERROR job\njava.lang.ArithmeticException: / by zero in batch 12";
        String b = "ERROR job\njava.lang.ArithmeticException: / by zero in batch 97";
        String c = "ERROR job\njava.lang.ArithmeticException: overflow";

        assertThat(fingerprint(a)).isEqualTo(fingerprint(b)).isNotEqualTo(fingerprint(c));
    }

    @Test
    void every_language_of_the_corpus_gets_a_fingerprint_from_its_own_code() {
        assertThat(fingerprints.of(Corpus.parse("python-chained.txt")).basis()).containsExactly(
                "python:google.api_core.exceptions.NotFound", "users/storage.py:load_avatar");
        assertThat(fingerprints.of(Corpus.parse("go-panic.txt")).basis()).containsExactly(
                "go:runtime error", "github.com/example/shipping/internal/labels.(*Printer).Render",
                "github.com/example/shipping/internal/api.(*Server).printLabel.func");
        assertThat(fingerprints.of(Corpus.parse("node-typeerror.txt")).basis()).containsExactly(
                "node:TypeError", "receipts/build.js:buildReceipt", "receipts/send.js:sendReceipt");
        assertThat(fingerprints.of(Corpus.parse("dotnet-inner.txt")).basis().getFirst())
                .isEqualTo("dotnet:System.TimeoutException");
    }

    @Test
    void the_enricher_adds_the_fields_only_to_events_with_a_trace() {
        ProblemEnricher enricher = new ProblemEnricher(fingerprints);

        Map<String, String> fields = enricher.enrich("checkout", Corpus.read("java-spring-wrapped.txt"), Map.of());
        assertThat(fields).containsEntry(ProblemFields.VERSION, "1")
                .containsEntry(ProblemFields.TYPE, "java.lang.IllegalStateException")
                .containsEntry(ProblemFields.LANGUAGE, "java")
                .containsKey(ProblemFields.FINGERPRINT);
        assertThat(enricher.enrich("checkout", "order placed", Map.of())).isEmpty();
    }

    private String fingerprint(String text) {
        return fingerprints.of(StackTraces.parse(text, false).orElseThrow()).value();
    }
}
