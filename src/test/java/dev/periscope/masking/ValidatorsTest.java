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
    void iban_refuses_mixed_case_unknown_countries_and_wrong_lengths_and_accepts_lower_case() {
        assertThat(Validators.iban("de89 3704 0044 0532 0130 00")).isTrue();
        assertThat(Validators.iban("De89 3704 0044 0532 0130 00")).isFalse();
        assertThat(Validators.iban("ZZ89 3704 0044 0532 0130 00")).isFalse();
        assertThat(Validators.iban("GB82WEST12345698765432")).isTrue();
        assertThat(Validators.iban("GB82WEST123456987654320")).isFalse();
        assertThat(Validators.iban("GB82WEST1234569876543é")).isFalse();
        assertThat(Validators.ibanPrefix("GB82-WEST-1234-5698-7654-32")).isEqualTo(27);
        assertThat(Validators.ibanPrefix("GB82 WEST 1234 5698 7654 32AB")).isEqualTo(-1);
        assertThat(Validators.ibanPrefix("X")).isEqualTo(-1);
    }

    /**
     * The IBAN and email checks read their input in place; this compares them with a plain reading of the same rules
     * (strip, upper-case, look up, mod 97; replace %40, split at @ and at the last dot) on many near-miss candidates.
     */
    @Test
    void the_iban_and_email_checks_agree_with_a_plain_reading_of_their_rules() {
        long seed = Long.getLong("masking.seed", System.nanoTime());
        java.util.Random random = new java.util.Random(seed);
        String[] ibans = {"DE89 3704 0044 0532 0130 00", "GB82 WEST 1234 5698 7654 32", "NO9386011117947",
            "FR14 2004 1010 0505 0001 3M02 606", "MT84 MALT 0110 0001 2345 MTLC AST0 01S"};
        String spacing = " -.x@%4";
        for (int i = 0; i < 50_000; i++) {
            StringBuilder b = new StringBuilder(ibans[random.nextInt(ibans.length)]);
            for (int k = random.nextInt(3); k > 0; k--) {
                int at = random.nextInt(b.length() + 1);
                switch (random.nextInt(4)) {
                    case 0 -> b.insert(at, spacing.charAt(random.nextInt(spacing.length())));
                    case 1 -> b.deleteCharAt(Math.min(at, b.length() - 1));
                    case 2 -> b.setCharAt(Math.min(at, b.length() - 1), (char) ('0' + random.nextInt(10)));
                    default -> b.append(" AB");
                }
            }
            String v = random.nextInt(4) == 0 ? b.toString().toLowerCase(java.util.Locale.ROOT) : b.toString();
            assertThat(Validators.ibanPrefix(v)).as("%s (seed %d)", v, seed).isEqualTo(plainIbanPrefix(v));
        }
        String[] emails = {"jane.doe@example.com", "a%40b.co", "x@xn--bcher-kva.example", "bob@localhost",
            "@example.com", "%40example.com", "a.b@com", "a@b.c", "a@b.c1", "a%40b@c.org", "a@.com"};
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder(emails[random.nextInt(emails.length)]);
            for (int k = random.nextInt(3); k > 0; k--) {
                int at = random.nextInt(b.length() + 1);
                b.insert(at, "@.%40x9".charAt(random.nextInt(7)));
            }
            String v = b.toString();
            assertThat(Validators.email(v)).as("%s (seed %d)", v, seed).isEqualTo(plainEmail(v));
        }
    }

    private static int plainIbanPrefix(String v) {
        for (int end = v.length(); end >= 15; end--) {
            if (end < v.length() && v.charAt(end) != ' ' && v.charAt(end) != '-') {
                continue;
            }
            if (plainIban(v.substring(0, end))) {
                return end;
            }
        }
        return -1;
    }

    private static boolean plainIban(String v) {
        String ascii = v.replaceAll("[^A-Za-z0-9]", "");
        StringBuilder all = new StringBuilder();
        v.chars().filter(Character::isLetterOrDigit).forEach(c -> all.append((char) Character.toUpperCase(c)));
        String s = all.toString();
        if (s.length() < 15 || s.length() > 34) {
            return false;
        }
        if (!s.equals(ascii) && !ascii.equals(ascii.toLowerCase(java.util.Locale.ROOT))) {
            return false;
        }
        java.util.Map<String, Integer> lengths = java.util.Map.of("DE", 22, "GB", 22, "NO", 15, "FR", 27, "MT", 31);
        if (!java.util.Objects.equals(lengths.get(s.substring(0, 2)), s.length())) {
            return false;
        }
        java.math.BigInteger n = new java.math.BigInteger((s.substring(4) + s.substring(0, 4)).chars()
                .mapToObj(c -> Character.isDigit(c) ? String.valueOf((char) c) : String.valueOf(c - 'A' + 10))
                .reduce("", String::concat));
        return n.mod(java.math.BigInteger.valueOf(97)).intValue() == 1;
    }

    private static boolean plainEmail(String v) {
        String s = v.replace("%40", "@");
        int at = s.lastIndexOf('@');
        if (at <= 0) {
            return false;
        }
        String domain = s.substring(at + 1);
        int dot = domain.lastIndexOf('.');
        if (dot <= 0) {
            return false;
        }
        String tld = domain.substring(dot + 1);
        return tld.length() >= 2 && (tld.chars().allMatch(Character::isLetter) || tld.startsWith("xn--"));
    }

    @Test
    void checks_national_id_check_digits() {
        assertThat(Validators.usSsn("078-05-1123")).isTrue();
        assertThat(Validators.usSsn("666-05-1123")).isFalse();
        assertThat(Validators.usSsn("078 05 1123")).isTrue();
        assertThat(Validators.usSsn("078-05 1123")).as("two kinds of separator").isFalse();
        assertThat(Validators.abaRouting("121000358")).isTrue();
        assertThat(Validators.ukNino("AA 12 34 56 B")).isTrue();
        assertThat(Validators.ukNino("BG 12 34 56 B")).isFalse();
        assertThat(Validators.plPesel("44051401458")).isTrue();
        assertThat(Validators.inAadhaar("312345678909")).isTrue();
        assertThat(Validators.fiHetu("131052-308T")).isTrue();
        assertThat(Validators.fiHetu("310289-211C")).isFalse();
    }

    @Test
    void checks_swedish_personnummer_dates_luhn_and_spellings() {
        for (String ok : new String[] {"811218-9876", "811218+9876", "8112189876", "198112189876", "19811218-9876",
            "701063-2391", "000229-0005"}) {
            assertThat(Validators.sePersonnummer(ok)).as(ok).isTrue();
        }
        // Wrong Luhn, month 13, day 32, day 92, a century of 21, "+" in the long form, two separators.
        for (String bad : new String[] {"811218-9875", "811318-9875", "811232-9878", "811292-9875", "218112189876",
            "19811218+9876", "8112-18-9876", "0000000000"}) {
            assertThat(Validators.sePersonnummer(bad)).as(bad).isFalse();
        }
    }

    @Test
    void checks_the_french_nir_key_fields_and_spacing() {
        for (String ok : new String[] {"184127645108946", "1 84 12 76 451 089 46", "1841276451089 46",
            "2 93 02 2A 012 345 74", "193062B123456 72", "293022a01234574"}) {
            assertThat(Validators.frNir(ok)).as(ok).isTrue();
        }
        // Wrong key, sex 5, month 13, department 00, order number 000, odd groups, Corsica with the wrong key.
        for (String bad : new String[] {"184127645108947", "584127645108940", "184137645108962", "184120045108961",
            "184127645100038", "18 41 27 64 51 08 94 6", "2 93 02 2B 012 345 74"}) {
            assertThat(Validators.frNir(bad)).as(bad).isFalse();
        }
    }

    @Test
    void checks_the_irish_pps_check_letter_with_and_without_a_second_letter() {
        for (String ok : new String[] {"1234567T", "1234567FA", "1234567TW", "7654321G", "1234567t"}) {
            assertThat(Validators.iePpsn(ok)).as(ok).isTrue();
        }
        for (String bad : new String[] {"1234567A", "1234567TA", "1234567Ta", "0000000W", "123456T"}) {
            assertThat(Validators.iePpsn(bad)).as(bad).isFalse();
        }
    }

    @Test
    void checks_the_danish_cpr_date_in_the_century_its_serial_gives() {
        assertThat(Validators.dkCpr("010190-1234")).isTrue();
        assertThat(Validators.dkCpr("0101901234")).isTrue();
        assertThat(Validators.dkCpr("290200-4234")).as("29 Feb 2000").isTrue();
        assertThat(Validators.dkCpr("290200-1234")).as("29 Feb 1900").isFalse();
        assertThat(Validators.dkCpr("320190-1234")).isFalse();
        assertThat(Validators.dkCpr("011390-1234")).isFalse();
        assertThat(Validators.dkCpr("010190+1234")).isFalse();
    }

    @Test
    void checks_the_german_pension_insurance_numbers_birth_date_and_check_digit() {
        assertThat(Validators.deRvnr("15070649C103")).isTrue();
        assertThat(Validators.deRvnr("65 170839 J 003")).isTrue();
        assertThat(Validators.deRvnr("38551285K051")).as("day plus 50").isTrue();
        assertThat(Validators.deRvnr("15070649C100")).as("check digit").isFalse();
        assertThat(Validators.deRvnr("15071349C103")).as("month 13").isFalse();
        assertThat(Validators.deRvnr("15850649C103")).as("day 35").isFalse();
        assertThat(Validators.deRvnr("150706491103")).as("no letter").isFalse();
        assertThat(Validators.deRvnr("15070649C10")).isFalse();
    }

    @Test
    void checks_the_german_tax_ids_check_digit_and_repeated_digits() {
        assertThat(Validators.deIdnr("12345678903")).isTrue();
        assertThat(Validators.deIdnr("12 345 678 903")).isTrue();
        assertThat(Validators.deIdnr("12345678901")).as("check digit").isFalse();
        assertThat(Validators.deIdnr("02345678903")).as("leading zero").isFalse();
        assertThat(Validators.deIdnr("11112345678")).as("a digit four times").isFalse();
        assertThat(Validators.deIdnr("12-345-678-903")).as("dashes").isFalse();
        assertThat(Validators.deIdnr("1234567890")).isFalse();
    }

    @Test
    void checks_the_german_health_insurance_numbers_check_digit_in_either_case() {
        assertThat(Validators.deKvnr("A123456780")).isTrue();
        assertThat(Validators.deKvnr("M123456785")).isTrue();
        assertThat(Validators.deKvnr("a123456780")).isTrue();
        assertThat(Validators.deKvnr("A123456787")).as("check digit").isFalse();
        assertThat(Validators.deKvnr("1123456780")).as("no letter").isFalse();
        assertThat(Validators.deKvnr("A12345678")).isFalse();
    }

    @Test
    void checks_the_thai_ids_province_and_check_digit() {
        assertThat(Validators.thId("3-9149-22690-82-1")).isTrue();
        assertThat(Validators.thId("1220000000007")).isTrue();
        assertThat(Validators.thId("1234567890123")).as("check digit").isFalse();
        assertThat(Validators.thId("1984567890124")).as("province 98").isFalse();
        assertThat(Validators.thId("0234567890124")).as("first digit 0").isFalse();
    }

    @Test
    void checks_the_korean_registration_numbers_date_in_the_century_its_seventh_digit_gives() {
        assertThat(Validators.krRrn("790208-2343995")).isTrue();
        assertThat(Validators.krRrn("0005053637892")).as("2000, digit 3").isTrue();
        assertThat(Validators.krRrn("001332-1234567")).as("month 13").isFalse();
        assertThat(Validators.krRrn("760413-5212134")).as("a foreigner's number").isFalse();
    }

    @Test
    void checks_the_check_digits_of_japanese_czech_and_romanian_numbers() {
        assertThat(Validators.jpMyNumber("7722 1703 3511")).isTrue();
        assertThat(Validators.jpMyNumber("772217033512")).isFalse();
        assertThat(Validators.czBirthNumber("680603/6897")).isTrue();
        assertThat(Validators.czBirthNumber("685603/6897")).as("a woman's month, not a multiple of 11").isFalse();
        assertThat(Validators.czBirthNumber("681303/6897")).as("month 13").isFalse();
        assertThat(Validators.czBirthNumber("480603/123")).as("nine digits before 1954").isTrue();
        assertThat(Validators.roCnp("2940516236233")).isTrue();
        assertThat(Validators.roCnp("2940516236234")).isFalse();
        assertThat(Validators.roCnp("2941316236233")).as("month 13").isFalse();
    }

    @Test
    void checks_the_three_check_digits_of_a_passports_machine_readable_line() {
        assertThat(Validators.mrzTd3("L898902C36UTO7408122F1204159ZE184226B<<<<<10")).isTrue();
        assertThat(Validators.mrzTd3("L898902C36UTO7408123F1204159ZE184226B<<<<<10")).as("birth date").isFalse();
        assertThat(Validators.mrzTd3("L898902C37UTO7408122F1204159ZE184226B<<<<<10")).as("number").isFalse();
        assertThat(Validators.mrzTd3("L898902C36UTO7408122F1204158ZE184226B<<<<<10")).as("expiry").isFalse();
    }

    @Test
    void takes_an_imeisv_with_any_software_version_but_the_reserved_one() {
        assertThat(Validators.imeisv("4901542032375101")).isTrue();
        assertThat(Validators.imeisv("49-015420-323751-01")).isTrue();
        assertThat(Validators.imeisv("4901542032375199")).isFalse();
        assertThat(Validators.imeisv("0000000000000001")).isFalse();
        assertThat(Validators.imeisv("490154203237510")).isFalse();
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
        assertThat(Validators.placeholder("\"changeme\"")).isTrue();
        assertThat(Validators.placeholder("x-x-x-x")).as("one letter repeated").isTrue();
        assertThat(Validators.placeholder("***")).isTrue();
        assertThat(Validators.placeholder("YOUR_API_KEY")).isTrue();
        assertThat(Validators.secret("Zq8vT3xLm9Pw2Ks7")).isTrue();
        assertThat(Validators.secret("aabbaabbaabb")).as("too little entropy").isFalse();
        assertThat(Validators.entropy("abcd")).isEqualTo(2.0);
        assertThat(Validators.entropy("\u00e9\u00e9ab")).isEqualTo(1.5);
    }

    @Test
    void takes_mac_addresses_with_one_kind_of_separator() {
        assertThat(Validators.mac("3c:22:fb:9a:10:7e")).isTrue();
        assertThat(Validators.mac("3C-22-FB-9A-10-7E")).isTrue();
        assertThat(Validators.mac("3c:22-fb:9a:10:7e")).isFalse();
        assertThat(Validators.mac("00:00:00:00:00:00")).isFalse();
        assertThat(Validators.mac("ff:FF:ff:ff:ff:ff")).isFalse();
        assertThat(Validators.mac("3c:22:fb:9a:10")).isFalse();
    }

    @Test
    void recognises_phone_numbers_but_not_dates_or_addresses() {
        assertThat(Validators.phone("415-555-0132")).isTrue();
        assertThat(Validators.phone("2026-11-22")).isFalse();
        assertThat(Validators.phone("192.168.100.200")).isFalse();
    }
}
