package dev.periscope.logs.store;

import dev.periscope.logs.query.LogFields;
import dev.periscope.logs.query.QueryNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The events and the query table the store contract asks every adapter about. Each case pairs a query with a plain
 * Java predicate over the events: the reference every store must agree with, event for event and in order.
 *
 * <p>The events straddle both daylight-saving switches of 2026 in Europe (29 March and 25 October, 01:00 UTC), ten
 * of them share one millisecond, messages and values are in German, Japanese and French, and structured fields are
 * nested ({@code http.request.method}), missing, colliding ({@code user} beside {@code user.id}) or longer than the
 * keyword limit.
 */
public final class ContractCorpus {

    static final Instant SPRING = Instant.parse("2026-03-28T22:00:00Z");
    static final Instant AUTUMN = Instant.parse("2026-10-24T23:00:00Z");
    static final long FROM = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    static final long TO = Instant.parse("2027-01-01T00:00:00Z").toEpochMilli();
    static final String[] EMAILS = {"alice@example.com", "bob@example.com", "carol@example.com", "dave@example.org"};
    static final String[] TAGS = {"café", "naïve", "Ærø"};
    static final String[] FINGERPRINTS = {"3f9a0c7d5e2b4a61", "b81e44c09d7f3a25", "0c5d7e9f1a2b3c4d"};

    private ContractCorpus() {
    }

    static List<LogEvent> events() {
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            long ts = i < 100
                    ? SPRING.toEpochMilli() + i * 150_000L
                    : AUTUMN.toEpochMilli() + (i - 100) * 300_000L;
            if (i >= 60 && i < 70) {
                ts = SPRING.toEpochMilli() + 60 * 150_000L; // ten events in the same millisecond
            }
            String service = i % 17 == 0 ? "payments-internal" : switch (i % 3) {
                case 0 -> "checkout";
                case 1 -> "payments";
                default -> "search";
            };
            String level = switch (i % 4) {
                case 0 -> "INFO";
                case 1 -> "WARN";
                case 2 -> "ERROR";
                default -> "";
            };
            String message = switch (i % 5) {
                case 0 -> "order placed id=" + i;
                case 1 -> "upstream timed out after " + (i % 60) + "s";
                case 2 -> "Grüße aus Köln: Bestellung " + i;
                case 3 -> "東京 サーバー エラー code " + i;
                default -> "user " + EMAILS[i % 4] + " signed in from 10.0.0." + (i % 9);
            };
            Map<String, String> fields = new LinkedHashMap<>();
            if (i % 6 != 5) {
                fields.put("duration_ms", Integer.toString(i * 7));
            }
            fields.put("http.request.method", i % 2 == 0 ? "GET" : "POST");
            fields.put("http.response.status_code", switch (i % 3) {
                case 0 -> "200";
                case 1 -> "404";
                default -> "500";
            });
            if (i % 2 == 0) {
                fields.put("user", "u" + (i % 5));
            }
            if (i % 3 == 0) {
                fields.put("user.id", "id-" + (i % 4));
            }
            fields.put("tag", TAGS[i % 3]);
            if (i % 10 == 9) {
                fields.put("long.value", "x".repeat(300));
            }
            fields.put("code", "E" + (i % 12));
            if (i % 4 == 0) {
                fields.put("email", EMAILS[(i / 4) % 4]);
            }
            if (level.equals("ERROR")) {
                // A stack-trace fingerprint as the Problems feature stores it: an ordinary structured keyword.
                fields.put("error.fingerprint", FINGERPRINTS[i % 3]);
            }
            String source = service + (i % 7 == 0 ? "-2.log" : ".log");
            events.add(new LogEvent(LogEvent.idOf(0xC0FFEE00L + i), ts, service, level, message, fields, source, i,
                    i * 80L, i % 25 == 24));
        }
        return events;
    }

    /** One query and the events it must find. */
    record Case(String name, QueryNode tree, Predicate<LogEvent> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Queries typed as text, parsed by the product's parser. */
    record Typed(String query, Predicate<LogEvent> expected) {
    }

    static List<Typed> typed() {
        long dstFrom = Instant.parse("2026-03-29T00:30:00Z").toEpochMilli();
        long dstTo = Instant.parse("2026-03-29T01:30:00Z").toEpochMilli();
        long backFrom = Instant.parse("2026-10-25T00:30:00Z").toEpochMilli();
        long backTo = Instant.parse("2026-10-25T01:30:00Z").toEpochMilli();
        String someId = LogEvent.idOf(0xC0FFEE00L + 42);
        return List.of(
                new Typed("", e -> true),
                new Typed("*", e -> true),
                new Typed("service:checkout", e -> e.service().equals("checkout")),
                new Typed("service:pay*", e -> e.service().startsWith("pay")),
                new Typed("service:p?yments", e -> e.service().equals("payments")),
                new Typed("level:error", e -> e.level().equals("ERROR")),
                new Typed("level:err*", e -> e.level().equals("ERROR")),
                new Typed("level:/err.*/", e -> e.level().equals("ERROR")),
                new Typed("level:/warn|Info/", e -> e.level().equals("WARN") || e.level().equals("INFO")),
                new Typed("NOT level:INFO", e -> !e.level().equals("INFO")),
                new Typed("_exists_:level", e -> !e.level().isEmpty()),
                new Typed("NOT _exists_:level", e -> e.level().isEmpty()),
                new Typed("timed", e -> e.message().contains("timed")),
                new Typed("\"timed out\"", e -> e.message().contains("timed out")),
                new Typed("\"upstream out\"~1", e -> e.message().contains("upstream timed out")),
                new Typed("\"out timed\"", e -> false),
                new Typed("Köln", e -> e.message().contains("Köln")),
                new Typed("grüße", e -> e.message().contains("Grüße")),
                new Typed("東京", e -> e.message().contains("東京")),
                new Typed("サーバー", e -> e.message().contains("サーバー")),
                new Typed("tag:café", e -> "café".equals(e.fields().get("tag"))),
                new Typed("tag:Ærø", e -> "Ærø".equals(e.fields().get("tag"))),
                new Typed("duration_ms:[100 TO 200]", e -> duration(e) >= 100 && duration(e) <= 200),
                new Typed("duration_ms:{100 TO 203}", e -> duration(e) > 100 && duration(e) < 203),
                new Typed("duration_ms:[500 TO *]", e -> duration(e) >= 500),
                new Typed("duration_ms:[* TO 50}", e -> duration(e) >= 0 && duration(e) < 50),
                new Typed("code:[E1 TO E2]", e -> e.fields().get("code").compareTo("E1") >= 0
                        && e.fields().get("code").compareTo("E2") <= 0),
                new Typed("http.response.status_code:500", e -> "500".equals(
                        e.fields().get("http.response.status_code"))),
                new Typed("http.request.method:GET AND http.response.status_code:404",
                        e -> "GET".equals(e.fields().get("http.request.method"))
                                && "404".equals(e.fields().get("http.response.status_code"))),
                new Typed("http.request.method:get", e -> false),
                new Typed("_exists_:user", e -> e.fields().containsKey("user")),
                new Typed("_exists_:user.id", e -> e.fields().containsKey("user.id")),
                new Typed("user:u0 AND user.id:id-0", e -> "u0".equals(e.fields().get("user"))
                        && "id-0".equals(e.fields().get("user.id"))),
                new Typed("NOT _exists_:duration_ms", e -> !e.fields().containsKey("duration_ms")),
                new Typed("_exists_:long.value", e -> e.fields().containsKey("long.value")),
                new Typed("long.value:" + "x".repeat(300), e -> false),
                new Typed("user.id:/id-[12]/", e -> e.fields().getOrDefault("user.id", "").matches("id-[12]")),
                new Typed("message:/tim.*/", e -> e.message().contains(" timed ")),
                // Lucene 10 reads ~ as a plain character: no service is spelt "~checkout".
                new Typed("service:/~(checkout)/", e -> false),
                new Typed("tim*", e -> e.message().contains(" timed ")),
                new Typed("TIM*", e -> e.message().contains(" timed ")),
                new Typed("\"alice@example.com\"", e -> e.message().contains("alice@example.com")),
                new Typed("unparsed:true", LogEvent::unparsed),
                new Typed("unparsed:false", e -> !e.unparsed()),
                new Typed("service:checkout OR service:search", e -> e.service().equals("checkout")
                        || e.service().equals("search")),
                new Typed("(service:checkout OR level:error) AND NOT tag:naïve",
                        e -> (e.service().equals("checkout") || e.level().equals("ERROR"))
                                && !"naïve".equals(e.fields().get("tag"))),
                new Typed("timestamp:[\"2026-03-29T01:30:00+01:00\" TO \"2026-03-29T03:30:00+02:00\"]",
                        e -> e.timestamp() >= dstFrom && e.timestamp() <= dstTo),
                new Typed("timestamp:{\"2026-10-25T02:30:00+02:00\" TO \"2026-10-25T02:30:00+01:00\"}",
                        e -> e.timestamp() > backFrom && e.timestamp() < backTo),
                new Typed("id:" + someId, e -> e.id().equals(someId)),
                new Typed("zzzznotthere", e -> false),
                new Typed("error.fingerprint:b81e44c09d7f3a25", e -> "b81e44c09d7f3a25".equals(
                        e.fields().get("error.fingerprint"))),
                new Typed("source:checkout-2.log", e -> e.source().equals("checkout-2.log")),
                new Typed("email:\"carol@example.com\"", e -> "carol@example.com".equals(e.fields().get("email"))));
    }

    /** Trees the access layer builds around a user's query: scopes and resolved tokens. */
    static List<Case> scoped() {
        QueryNode scope = new QueryNode.And(List.of(
                new QueryNode.Or(List.of(new QueryNode.Term(LogFields.SERVICE, "checkout"),
                        new QueryNode.Wildcard(LogFields.SERVICE, "pay*"))),
                new QueryNode.Not(new QueryNode.Term(LogFields.SERVICE, "payments-internal"))));
        Predicate<LogEvent> inScope = e -> e.service().equals("checkout") || e.service().equals("payments");
        return List.of(
                new Case("scope alone", scope, inScope),
                new Case("scope AND level:ERROR", new QueryNode.And(List.of(scope,
                        new QueryNode.Term(LogFields.LEVEL, "ERROR"))), inScope.and(e -> e.level().equals("ERROR"))),
                new Case("scope AND (anything OR service:search)", new QueryNode.And(List.of(scope,
                        new QueryNode.Or(List.of(new QueryNode.MatchAll(),
                                new QueryNode.Term(LogFields.SERVICE, "search"))))), inScope),
                new Case("scope that allows nothing", new QueryNode.MatchNone(), e -> false),
                // A token typed by the user reaches the store as the vault's raw value, on a field and in text.
                new Case("token resolved to a field value", new QueryNode.And(List.of(scope,
                        new QueryNode.Term("email", "alice@example.com"))),
                        inScope.and(e -> "alice@example.com".equals(e.fields().get("email")))),
                new Case("token resolved to words in the message", new QueryNode.And(List.of(scope,
                        new QueryNode.Term(LogFields.MESSAGE, "bob@example.com"))),
                        inScope.and(e -> e.message().contains("bob@example.com"))));
    }

    private static int duration(LogEvent e) {
        String d = e.fields().get("duration_ms");
        return d == null ? -1 : Integer.parseInt(d);
    }
}
