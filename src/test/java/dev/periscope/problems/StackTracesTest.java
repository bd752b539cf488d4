package dev.periscope.problems;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;

class StackTracesTest {

    @Test
    void reads_a_spring_trace_with_jars_and_a_cause_whose_frames_are_partly_omitted() {
        StackTrace trace = Corpus.parse("java-spring-wrapped.txt");

        assertThat(trace.language()).isEqualTo("java");
        assertThat(trace.exceptions()).extracting(ThrownException::type).containsExactly(
                "org.springframework.web.util.NestedServletException", "java.lang.IllegalStateException");
        ThrownException root = trace.rootCause();
        assertThat(root.relation()).isEqualTo(ThrownException.Relation.CAUSED_BY);
        assertThat(root.message()).isEqualTo("cart 8812 is already checked out");
        assertThat(root.omitted()).isEqualTo(48);
        assertThat(root.frames()).hasSize(7);
        StackFrame top = root.frames().getFirst();
        assertThat(top.function()).isEqualTo("com.example.shop.checkout.Cart.checkout");
        assertThat(top.file()).isEqualTo("Cart.java");
        assertThat(top.line()).isEqualTo(142);
        assertThat(top.module()).isEqualTo("classes/:na");
        assertThat(trace.exceptions().getFirst().frames().get(4).module()).isEqualTo("java.base na:na");
        assertThat(trace.notes()).isEmpty();
    }

    @Test
    void reads_suppressed_exceptions_with_their_own_causes_apart_from_the_main_chain() {
        StackTrace trace = Corpus.parse("java-suppressed-and-causes.txt");

        assertThat(trace.exceptions()).extracting(ThrownException::relation, ThrownException::nested)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ThrownException.Relation.THROWN, 0),
                        org.assertj.core.groups.Tuple.tuple(ThrownException.Relation.SUPPRESSED, 1),
                        org.assertj.core.groups.Tuple.tuple(ThrownException.Relation.CAUSED_BY, 1),
                        org.assertj.core.groups.Tuple.tuple(ThrownException.Relation.CAUSED_BY, 0));
        assertThat(trace.exceptions().getFirst().frames().getFirst().module()).isEqualTo("app");
        assertThat(trace.exceptions().get(2).frames().getFirst().file()).isEqualTo("Native Method");
        assertThat(trace.rootCause().type()).isEqualTo("java.sql.SQLTransientConnectionException");
        assertThat(trace.mainChain()).hasSize(2);
    }

    @Test
    void keeps_what_a_cut_trace_has_and_the_cut_line_itself() {
        StackTrace trace = Corpus.parse("java-cut.txt");

        ThrownException root = trace.rootCause();
        assertThat(root.type()).isEqualTo("com.example.orders.OrderRejectedException");
        assertThat(root.message()).contains("ana.rossi@example.com");
        assertThat(root.frames()).hasSize(5);
        assertThat(root.frames().getLast().readable()).isFalse();
        assertThat(root.frames().getLast().raw()).endsWith("invokeOnMes");
        assertThat(trace.notes()).contains("unreadable lines");
    }

    @Test
    void keeps_garbled_lines_as_unreadable_frames_and_reads_on_after_them() {
        StackTrace trace = Corpus.parse("java-garbled.txt");

        assertThat(trace.exceptions()).hasSize(2);
        ThrownException first = trace.exceptions().getFirst();
        assertThat(first.type()).isEqualTo("com.example.payments.GatewayException");
        assertThat(first.frames()).hasSize(4);
        assertThat(first.frames().get(1).readable()).isFalse();
        assertThat(trace.rootCause().type()).isEqualTo("java.net.SocketTimeoutException");
        assertThat(trace.rootCause().message()).isEmpty();
        assertThat(trace.rootCause().omitted()).isEqualTo(3);
    }

    @Test
    void reads_kotlin_frames_and_jdk_proxy_modules() {
        StackTrace trace = Corpus.parse("kotlin-grpc.txt");

        assertThat(trace.rootCause().type()).isEqualTo("io.grpc.StatusRuntimeException");
        assertThat(trace.rootCause().frames()).extracting(StackFrame::file)
                .contains("StockClient.kt", "Unknown Source");
        assertThat(trace.rootCause().frames().getLast().module()).isEqualTo("jdk.proxy2");
    }

    @Test
    void reads_a_python_chain_root_cause_last_and_frames_innermost_first() {
        StackTrace trace = Corpus.parse("python-chained.txt");

        assertThat(trace.language()).isEqualTo("python");
        assertThat(trace.exceptions()).extracting(ThrownException::type)
                .containsExactly("users.storage.AvatarMissing", "google.api_core.exceptions.NotFound");
        assertThat(trace.rootCause().relation()).isEqualTo(ThrownException.Relation.CAUSED_BY);
        assertThat(trace.exceptions().getFirst().message()).isEqualTo("no avatar for li.chen@example.com");
        StackFrame innermost = trace.exceptions().getFirst().frames().getFirst();
        assertThat(innermost.function()).isEqualTo("load_avatar");
        assertThat(innermost.file()).isEqualTo("/srv/app/users/storage.py");
        assertThat(innermost.line()).isEqualTo(45);
        assertThat(trace.exceptions().getFirst().frames()).hasSize(3);
        assertThat(trace.rootCause().frames().getLast().function()).isEqualTo("load_avatar");
    }

    @Test
    void reads_an_exception_raised_while_handling_another() {
        StackTrace trace = Corpus.parse("python-during-handling.txt");

        assertThat(trace.exceptions()).extracting(ThrownException::type, ThrownException::relation)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("KeyError", ThrownException.Relation.THROWN),
                        org.assertj.core.groups.Tuple.tuple("smtplib.SMTPRecipientsRefused",
                                ThrownException.Relation.DURING_HANDLING));
        assertThat(trace.exceptions().getFirst().message()).isEqualTo("'attempts'");
    }

    @Test
    void reads_a_python_trace_cut_before_its_exception_line() {
        StackTrace trace = Corpus.parse("python-cut.txt");

        assertThat(trace.rootCause().type()).isEqualTo("unknown");
        assertThat(trace.rootCause().frames()).extracting(StackFrame::function)
                .containsExactly("iter_documents", "rebuild");
        assertThat(trace.notes()).contains("cut before the exception line");
    }

    @Test
    void reads_a_go_panic_with_the_panicking_goroutine_first_and_the_others_nested() {
        StackTrace trace = Corpus.parse("go-panic.txt");

        assertThat(trace.language()).isEqualTo("go");
        ThrownException panic = trace.rootCause();
        assertThat(panic.type()).isEqualTo("runtime error");
        assertThat(panic.message()).isEqualTo("invalid memory address or nil pointer dereference");
        assertThat(panic.frames()).hasSize(5);
        assertThat(panic.frames().getFirst().function())
                .isEqualTo("github.com/example/shipping/internal/labels.(*Printer).Render");
        assertThat(panic.frames().getFirst().file()).isEqualTo("/src/internal/labels/printer.go");
        assertThat(panic.frames().getFirst().line()).isEqualTo(57);
        assertThat(trace.exceptions()).hasSize(2);
        assertThat(trace.exceptions().get(1).relation()).isEqualTo(ThrownException.Relation.GOROUTINE);
        assertThat(trace.exceptions().get(1).message()).isEqualTo("IO wait");

        StackTrace index = Corpus.parse("go-index.txt");
        assertThat(index.rootCause().message()).isEqualTo("index out of range [5] with length 3");
        assertThat(index.rootCause().frames()).extracting(StackFrame::function).containsExactly(
                "github.com/example/inventory/stock.(*Ledger).Apply", "github.com/example/inventory/stock.Sync.func2",
                "github.com/example/inventory/stock.Sync");
    }

    @Test
    void reads_node_errors_and_their_causes() {
        StackTrace typeError = Corpus.parse("node-typeerror.txt");
        assertThat(typeError.language()).isEqualTo("node");
        assertThat(typeError.rootCause().type()).isEqualTo("TypeError");
        assertThat(typeError.rootCause().frames()).hasSize(5);
        assertThat(typeError.rootCause().frames().getFirst().function()).isEqualTo("buildReceipt");
        assertThat(typeError.rootCause().frames().getFirst().line()).isEqualTo(27);
        assertThat(typeError.rootCause().frames().get(2).function()).isEqualTo("<anonymous>");

        StackTrace withCause = Corpus.parse("node-cause.txt");
        assertThat(withCause.exceptions()).hasSize(2);
        assertThat(withCause.rootCause().message()).startsWith("connect ECONNREFUSED");
        assertThat(withCause.rootCause().frames()).hasSize(1);
        assertThat(withCause.notes()).isEmpty();
    }

    @Test
    void reads_a_dotnet_chain_and_gives_each_section_of_frames_to_its_exception() {
        StackTrace trace = Corpus.parse("dotnet-inner.txt");

        assertThat(trace.language()).isEqualTo("dotnet");
        assertThat(trace.exceptions()).extracting(ThrownException::type).containsExactly(
                "System.InvalidOperationException", "Npgsql.NpgsqlException", "System.TimeoutException");
        assertThat(trace.rootCause().frames()).hasSize(2);
        ThrownException outer = trace.exceptions().getFirst();
        assertThat(outer.frames()).hasSize(3);
        assertThat(outer.frames().get(1).file()).isEqualTo("/src/Loyalty/AccountService.cs");
        assertThat(outer.frames().get(1).line()).isEqualTo(49);
    }

    @Test
    void finds_traces_in_the_json_fields_structured_loggers_use() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<Map<String, String>> events = Corpus.read("logstash-json.ndjson").lines()
                .map(line -> flatten(json, line)).toList();

        Optional<StackTrace> logstash = StackTraces.find(events.get(0).get("message"), events.get(0));
        assertThat(logstash).get().extracting(t -> t.rootCause().type())
                .isEqualTo("org.springframework.mail.MailSendException");
        Optional<StackTrace> node = StackTraces.find(events.get(1).get("msg"), events.get(1));
        assertThat(node).get().extracting(StackTrace::language).isEqualTo("node");
        Optional<StackTrace> headerOnly = StackTraces.find(events.get(2).get("message"), events.get(2));
        assertThat(headerOnly).get().extracting(t -> t.rootCause().type())
                .isEqualTo("java.lang.ArithmeticException");
    }

    @Test
    void finds_nothing_in_ordinary_events() {
        assertThat(StackTraces.find("order o-1 placed by jane@example.com", Map.of())).isEmpty();
        assertThat(StackTraces.find("request failed: java.lang.IllegalStateException: boom", Map.of())).isEmpty();
        assertThat(StackTraces.find("two lines\nof plain text", Map.of())).isEmpty();
    }

    @Test
    void a_long_dotted_line_neither_overflows_the_stack_nor_hides_the_trace_around_it() {
        String dots = "a.".repeat(25_000); // 50 KB: one regex recursion per segment would overflow the stack
        assertThat(StackTraces.parse(dots, true)).isEmpty();
        assertThat(StackTraces.find("failed\n  " + dots, Map.of("stack_trace", dots))).isEmpty();

        StackTrace java = StackTraces.parse("com.example.OrderException: " + dots + "\n\tat com.example.A.b(A.java:1)\n"
                + "Caused by: " + dots + "X: boom\n\tat com.example.C.d(C.java:2)", false).orElseThrow();
        assertThat(java.exceptions()).extracting(ThrownException::type)
                .containsExactly("com.example.OrderException", dots + "X");

        StackTrace dotnet = StackTraces.parse("Unhandled exception. " + dots + "B: outer ---> System.TimeoutException: x\n"
                + "   at Api.Orders.Get(Int32 id) in /src/Orders.cs:line 42", false).orElseThrow();
        assertThat(dotnet.exceptions()).extracting(ThrownException::type)
                .containsExactly(dots + "B", "System.TimeoutException");
        assertThat(StackTraces.parse("x " + dots + " ---> y\n   at A.B() in x.cs:line 1", false)).isPresent();
    }

    @Test
    void lines_full_of_parentheses_are_read_in_one_pass_not_by_backtracking() {
        // Each of these 4,000-character lines took 50 to 170 ms with backtracking frame expressions, so a message of
        // a thousand of them held ingest for minutes. Now the whole message takes milliseconds.
        StringBuilder message = new StringBuilder("System.Exception: boom\n");
        for (String unit : java.util.List.of("(", " (", "()", " in ", ")", "at (", "a) in b:")) {
            for (int i = 0; i < 30; i++) {
                message.append("   at a(").append(unit.repeat(4_000 / unit.length())).append(") in \n");
            }
        }
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
                () -> StackTraces.find(message.toString(), Map.of()));
    }

    @Test
    void a_dotnet_header_after_a_log_prefix_starts_at_its_exception_type() {
        StackTrace trace = StackTraces.parse("2026-11-22 11:00:00 ERROR [api] System.InvalidOperationException. "
                + "Sequence contains no elements: order o-1\n"
                + "   at Api.Orders.Get(Int32 id) in /src/Orders.cs:line 42", false).orElseThrow();

        assertThat(trace.language()).isEqualTo("dotnet");
        assertThat(trace.rootCause().message())
                .isEqualTo("System.InvalidOperationException. Sequence contains no elements: order o-1");
    }

    private static Map<String, String> flatten(ObjectMapper json, String line) {
        Map<String, String> fields = new java.util.TreeMap<>();
        flatten("", json.readTree(line), fields);
        return fields;
    }

    private static void flatten(String prefix, tools.jackson.databind.JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            for (Map.Entry<String, tools.jackson.databind.JsonNode> e : node.properties()) {
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else {
            out.put(prefix, node.asString());
        }
    }
}
