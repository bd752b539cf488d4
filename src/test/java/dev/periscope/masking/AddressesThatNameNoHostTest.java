package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Loopback and unspecified addresses (127.0.0.1, ::1, 0.0.0.0, ::) name this host or no host, so they identify
 * nobody: under the default {@code ip-scope: identifying} they stay, while private and public addresses are masked.
 */
class AddressesThatNameNoHostTest {

    private final MaskingService masker = MaskingFixtures.service(new FastEngine());
    private final MaskingContext strict = MaskingContext.strict("edge");

    @ParameterizedTest
    @ValueSource(strings = {
        "INFO:     127.0.0.1:57325 - \"GET /metrics HTTP/1.1\" 200 OK",
        "      Now listening on: http://[::]:8080",
        "::1 - - [10/Jun/2024:11:00:13 +0000] \"OPTIONS * HTTP/1.0\" 200 126 \"-\" \"Apache/2.4.58 (Debian)\"",
        "INFO:     Uvicorn running on http://0.0.0.0:8000 (Press CTRL+C to quit)",
        "listening on 127.0.0.1:15045 and [::1]:43435",
        "accepting AMQP connection <0.341.0> (127.0.0.1:42999 -> 127.0.0.1:5672)",
        "serving {\"addr\": \"[::]:9240\", \"version\": \"v1.58.7\"}",
        "::ffff:127.0.0.1 - - [23/Nov/2025:09:41:43 +0000] \"GET / HTTP/1.1\" 200 12",
        "route 0.0.0.0/0 via gateway, ::/0 via gateway",
        "Started GET \"/products?page=4\" for 127.0.0.1 at 2025-11-23 09:14:07 +0000",
    })
    void a_loopback_or_unspecified_address_stays(String line) {
        assertThat(masker.mask(strict, line).text()).isEqualTo(line);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.7", "192.168.1.20", "172.16.4.2", "203.0.113.9", "fe80::1", "2001:db8::1",
        "::ffff:10.0.0.1", "128.0.0.1", "::2"})
    void a_private_link_local_or_public_address_is_masked(String address) {
        String masked = masker.mask(strict, "connection from " + address + " refused").text();
        assertThat(masked).doesNotContain(address).contains("‹ip:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1", "0.0.0.0", "::ffff:127.0.0.1"})
    void ip_scope_all_masks_loopback_and_unspecified_addresses_too(String address) {
        CompiledRules all = MaskingFixtures.shippedRules(MaskingProperties.IpScope.ALL);
        MaskingService masking = new MaskingService(() -> all, new FastEngine(),
                new Tokenizer(List.of(MaskingFixtures.TEST_KEY), 8), null, TimeUnit.SECONDS.toNanos(5), 4 << 20);
        String masked = masking.mask(strict, "connection from " + address + " refused").text();
        assertThat(masked).doesNotContain(address).contains("‹ip:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "0.0.0.0", "::1", "::", "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1",
        "::ffff:0.0.0.0"})
    void the_default_scope_turns_away_only_loopback_and_unspecified_addresses(String address) {
        Validators validators = MaskingFixtures.validators();
        String rule = address.indexOf(':') >= 0 ? "ipv6" : "ipv4";
        assertThat(validators.find(rule).orElseThrow().valid(address)).isFalse();
        assertThat(new Validators(MaskingProperties.IpScope.ALL).find(rule).orElseThrow().valid(address)).isTrue();
    }

    @Test
    void dotted_numbers_under_a_version_field_are_a_version_and_an_address_field_is_still_masked() {
        Map<String, String> event = new LinkedHashMap<>();
        event.put("version", "1.2.3.4");
        event.put("app.osBuild", "10.0.19041.1");
        event.put("host", "1.2.3.4");

        Map<String, MaskedText> masked = masker.mask(strict, event).asMap();

        assertThat(masked.get("version").text()).isEqualTo("1.2.3.4");
        assertThat(masked.get("app.osBuild").text()).isEqualTo("10.0.19041.1");
        assertThat(masked.get("host").text()).startsWith("‹ip:");
    }

    @org.junit.jupiter.api.Test
    void an_address_field_keeps_a_loopback_address_and_masks_any_other_value() {
        MaskedFields masked = masker.mask(strict, java.util.Map.of("remote_addr", "127.0.0.1", "client.ip", "::1",
                "x_forwarded_for", "198.51.100.7", "ip", "10.1.2.3", "source.ip", "unknown-host.example"));
        assertThat(masked.asMap().get("remote_addr").text()).isEqualTo("127.0.0.1");
        assertThat(masked.asMap().get("client.ip").text()).isEqualTo("::1");
        assertThat(masked.asMap().get("x_forwarded_for").text()).startsWith("‹ip:");
        assertThat(masked.asMap().get("ip").text()).startsWith("‹ip:");
        assertThat(masked.asMap().get("source.ip").text()).startsWith("‹ip:");
        assertThat(masker.mask(strict, "remote_addr=127.0.0.1 client_ip=10.1.2.3").text())
                .startsWith("remote_addr=127.0.0.1 client_ip=‹ip:");
    }
}
