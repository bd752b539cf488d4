package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ValidatorsTest {

    @Test
    void checks_luhn_and_issuer_prefixes_of_cards() {
        assertThat(Validators.card("4012888888881881")).isTrue();
        assertThat(Validators.card("4012888888881882")).isFalse();
        assertThat(Validators.card("371449635398431")).isTrue();
        // Luhn-valid 13 digits starting with 1: epoch milliseconds, not a card.
        assertThat(Validators.card("1763800000006")).isFalse();
    }

    @Test
    void checks_iban_mod_97_and_country_length_and_trims_trailing_words() {
        assertThat(Validators.iban("DE89 3704 0044 0532 0130 00")).isTrue();
        assertThat(Validators.iban("DE89 3704 0044 0532 0130 01")).isFalse();
        assertThat(Validators.iban("DE89 3704 0044 0532 0130")).isFalse();
        assertThat(Validators.ibanPrefix("DE89 3704 0044 0532 0130 00 X")).isEqualTo(27);
    }

    @Test
    void checks_national_id_check_digits() {
        assertThat(Validators.usSsn("078-05-1123")).isTrue();
        assertThat(Validators.usSsn("666-05-1123")).isFalse();
        assertThat(Validators.abaRouting("121000358")).isTrue();
        assertThat(Validators.ukNino("AA 12 34 56 B")).isTrue();
        assertThat(Validators.ukNino("BG 12 34 56 B")).isFalse();
        assertThat(Validators.plPesel("44051401458")).isTrue();
        assertThat(Validators.inAadhaar("312345678909")).isTrue();
        assertThat(Validators.fiHetu("131052-308T")).isTrue();
        assertThat(Validators.fiHetu("310289-211C")).isFalse();
    }

    @Test
    void reads_ipv4_octets_in_place_and_rejects_near_misses() {
        for (String ok : new String[] {"1.2.3.4", "0.0.0.0", "255.255.255.255", "192.168.10.1", "8.8.8.8"}) {
            assertThat(Validators.ipv4(ok)).as(ok).isTrue();
        }
        for (String bad : new String[] {"", "1.2.3", "1.2.3.4.5", "1..2.3", "1.2.3.4.", ".1.2.3", "256.1.1.1",
            "1.2.3.256", "01.2.3.4", "1.2.3.04", "1234.1.1.1", "1.2.3.x", "1.2.3.4 "}) {
            assertThat(Validators.ipv4(bad)).as(bad).isFalse();
        }
        assertThat(Validators.publicIpv4("8.8.8.8")).isTrue();
        assertThat(Validators.publicIpv4("203.0.113.7")).isTrue();
        assertThat(Validators.publicIpv4("172.15.0.1")).isTrue();
        for (String internal : new String[] {"10.1.2.3", "127.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.0.1",
            "169.254.1.1", "100.64.0.1", "224.0.0.1", "0.1.2.3"}) {
            assertThat(Validators.publicIpv4(internal)).as(internal).isFalse();
        }
    }

    @Test
    void parses_ipv6_forms_and_rejects_near_misses() {
        assertThat(Validators.ipv6("2001:db8::1")).isTrue();
        assertThat(Validators.ipv6("::ffff:192.0.2.1")).isTrue();
        assertThat(Validators.ipv6("12:34:56")).isFalse();
        assertThat(Validators.ipv6("1::2::3")).isFalse();
    }

    @Test
    void tells_placeholders_from_secrets() {
        assertThat(Validators.placeholder("${DB_PASSWORD}")).isTrue();
        assertThat(Validators.placeholder("xxxxxxxxxxxx")).isTrue();
        assertThat(Validators.placeholder("ACCESS_TOKEN")).isTrue();
        assertThat(Validators.placeholder("abcdefgh12345678")).isTrue();
        assertThat(Validators.placeholder("hunter2")).isFalse();
        assertThat(Validators.secret("Zq8vT3xLm9Pw2Ks7")).isTrue();
    }

    @Test
    void recognises_phone_numbers_but_not_dates_or_addresses() {
        assertThat(Validators.phone("415-555-0132")).isTrue();
        assertThat(Validators.phone("2026-11-22")).isFalse();
        assertThat(Validators.phone("192.168.100.200")).isFalse();
    }
}
