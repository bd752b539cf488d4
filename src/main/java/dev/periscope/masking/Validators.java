package dev.periscope.masking;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Validators confirm what a pattern can only suggest: checksums (Luhn, mod-97, ABA, national IDs), address ranges,
 * and whether a secret-looking value is a placeholder. Each takes the matched value and answers yes or no.
 */
final class Validators {

    @FunctionalInterface
    interface Validator {
        boolean valid(String value);

        /**
         * How many leading characters of the match are the value: the whole match, -1 for none, or fewer when the
         * validator trims a match that ran into the following words (an IBAN followed by "ALL CAPS").
         */
        default int accept(String value) {
            return valid(value) ? value.length() : -1;
        }
    }

    static final Validator NONE = v -> true;

    private final Map<String, Validator> byName;

    /**
     * @param ipScope which addresses the IP validators accept: {@code IDENTIFYING} turns away loopback and unspecified
     *     addresses, {@code PUBLIC} every address that is not public, {@code ALL} none
     */
    Validators(MaskingProperties.IpScope ipScope) {
        Validator v4 = switch (ipScope) {
            case ALL -> Validators::ipv4;
            case IDENTIFYING -> v -> ipv4(v) && !localIpv4(v);
            case PUBLIC -> v -> ipv4(v) && publicIpv4(v);
        };
        Validator v6 = switch (ipScope) {
            case ALL -> Validators::ipv6;
            case IDENTIFYING -> v -> ipv6(v) && !localIpv6(v);
            case PUBLIC -> v -> ipv6(v) && publicIpv6(v);
        };
        this.byName = Map.ofEntries(
                Map.entry("none", NONE),
                Map.entry("luhn", v -> luhn(digits(v))),
                Map.entry("card", Validators::card),
                Map.entry("iban", new Validator() {
                    @Override
                    public boolean valid(String value) {
                        return iban(value);
                    }

                    @Override
                    public int accept(String value) {
                        return ibanPrefix(value);
                    }
                }),
                Map.entry("aba-routing", Validators::abaRouting),
                Map.entry("us-ssn", Validators::usSsn),
                Map.entry("us-itin", Validators::usItin),
                Map.entry("uk-nino", Validators::ukNino),
                Map.entry("uk-nhs", Validators::ukNhs),
                Map.entry("es-nif", Validators::esNif),
                Map.entry("es-nie", Validators::esNie),
                Map.entry("pl-pesel", Validators::plPesel),
                Map.entry("fi-hetu", Validators::fiHetu),
                Map.entry("in-aadhaar", Validators::inAadhaar),
                Map.entry("ca-sin", Validators::caSin),
                Map.entry("za-id", Validators::zaId),
                Map.entry("tr-id", Validators::trId),
                Map.entry("au-abn", Validators::auAbn),
                Map.entry("au-tfn", Validators::auTfn),
                Map.entry("se-personnummer", Validators::sePersonnummer),
                Map.entry("fr-nir", Validators::frNir),
                Map.entry("ie-ppsn", Validators::iePpsn),
                Map.entry("dk-cpr", Validators::dkCpr),
                Map.entry("de-rvnr", Validators::deRvnr),
                Map.entry("de-idnr", Validators::deIdnr),
                Map.entry("de-kvnr", Validators::deKvnr),
                Map.entry("th-id", Validators::thId),
                Map.entry("kr-rrn", Validators::krRrn),
                Map.entry("jp-my-number", Validators::jpMyNumber),
                Map.entry("cz-birth-number", Validators::czBirthNumber),
                Map.entry("ro-cnp", Validators::roCnp),
                Map.entry("mrz-td3", Validators::mrzTd3),
                Map.entry("imeisv", Validators::imeisv),
                Map.entry("ipv4", v4),
                Map.entry("ipv6", v6),
                // A licence number: five digits or more, and no version (a software licence is "MIT", "GPL-3.0").
                Map.entry("licence-number", v -> v.chars().filter(Character::isDigit).count() >= 5
                        && !OtherKeys.isDottedNumber(v)),
                // A person's name field's value: anything but a machine's name (kubernetes-payments-ledger).
                Map.entry("person-name-value", v -> !machineName(v) && !machineAccount(v)),
                // An address field's value: anything but an address the scope leaves visible (127.0.0.1 under the
                // default scope), which is masked as text instead and so stays as it does in a message.
                Map.entry("ip-field-value", v -> {
                    // With its port (10.0.0.5:443, [::1]:51822) an address is still the address it holds.
                    String host = hostOf(v);
                    return !(ipv4(host) && !v4.valid(host)) && !(ipv6(host) && !v6.valid(host));
                }),
                Map.entry("mac", Validators::mac),
                Map.entry("phone", Validators::phone),
                Map.entry("phone-spaced", Validators::phoneSpaced),
                Map.entry("email", Validators::email),
                Map.entry("jwt", Validators::jwt),
                Map.entry("secret", Validators::secret),
                Map.entry("aws-key", Validators::awsKey),
                Map.entry("password", Validators::password),
                Map.entry("login-name", Validators::loginName),
                Map.entry("user-name", Validators::userName),
                Map.entry("high-entropy", Validators::highEntropy),
                Map.entry("date-of-birth", Validators::dateOfBirth),
                Map.entry("high-entropy-letters", Validators::highEntropyLetters),
                Map.entry("user-password", Validators::userPassword),
                Map.entry("basic-credentials", Validators::basicCredentials),
                Map.entry("bitcoin", Validators::bitcoin),
                Map.entry("postal-address", Validators::postalAddress),
                Map.entry("connection-string", Validators::connectionString),
                Map.entry("credential-header", Validators::credentialHeader),
                Map.entry("cookie-header", Validators::cookieHeader),
                Map.entry("session-id", Validators::sessionId),
                Map.entry("secret-value", Validators::secretValue),
                Map.entry("password-in-text", Validators::plausibleInText),
                Map.entry("not-a-parameter", Validators::notAParameter),
                // An email field's value in text: an address, not a word after "Mail:" (Job 'Mail: Email Queue').
                Map.entry("email-field-value", v -> notAParameter(v) && (v.indexOf('@') > 0
                        || v.toLowerCase(Locale.ROOT).contains("%40"))),
                Map.entry("pin-code", Validators::pinCode),
                Map.entry("person-name", Validators::personName),
                Map.entry("card-track", Validators::cardTrack),
                Map.entry("it-fiscal-code", Validators::itFiscalCode),
                Map.entry("geo-coordinates", Validators::geoCoordinates),
                Map.entry("identifier", Validators::identifier),
                Map.entry("password-in-prose", Validators::passwordInProse),
                Map.entry("ipv4-dashed", v -> ipv4Dashed(v) && v4.valid(v.replace('-', '.'))));
    }

    Optional<Validator> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    Set<String> names() {
        return byName.keySet();
    }

    static String digits(String v) {
        StringBuilder b = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c >= '0' && c <= '9') {
                b.append(c);
            }
        }
        return b.toString();
    }

    static boolean luhn(String digits) {
        if (digits.isEmpty()) {
            return false;
        }
        int sum = 0;
        boolean dbl = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (dbl) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }

    private static boolean allSame(String s) {
        for (int i = 1; i < s.length(); i++) {
            if (s.charAt(i) != s.charAt(0)) {
                return false;
            }
        }
        return true;
    }

    static boolean card(String v) {
        String d = digits(v);
        return d.length() >= 12 && d.length() <= 19 && !allSame(d) && knownIssuer(d) && luhn(d);
    }

    /**
     * Whether the number starts with an issuer prefix that allows its length. This is what keeps 13-digit epoch
     * milliseconds, 16-digit microseconds and most numeric ids from passing as cards one time in ten.
     */
    static boolean knownIssuer(String d) {
        int len = d.length();
        int p2 = Integer.parseInt(d.substring(0, 2));
        int p4 = Integer.parseInt(d.substring(0, 4));
        return switch (d.charAt(0)) {
            case '1' -> len == 15; // UATP, and JCB 1800
            case '2' -> (p4 >= 2221 && p4 <= 2720 && len == 16) || (p4 >= 2200 && p4 <= 2204 && len >= 16)
                    || (p4 == 2131 && len == 15);
            case '3' -> ((p2 == 34 || p2 == 37) && len == 15) || (p2 == 36 && len >= 14)
                    || ((p4 >= 3000 && p4 <= 3059) || p4 == 3095 || p2 == 38 || p2 == 39) && len >= 14
                    || (p4 >= 3528 && p4 <= 3589 && len >= 16) || (p2 == 35 && len >= 16);
            case '4' -> len == 13 || len >= 16;
            case '5' -> len >= 12;
            case '6' -> len >= 12;
            case '8' -> (p2 == 81 || p2 == 82) && len == 16;
            default -> false;
        };
    }

    /** IBAN length by country, indexed by the code's two capitals ({@code (c0 - 'A') * 26 + c1 - 'A'}); 0 if none. */
    private static final int[] IBAN_LENGTHS = ibanLengths();

    private static int[] ibanLengths() {
        String spec = "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27 DK18 "
                + "DO28 EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IQ23 IS26 "
                + "IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 MK19 MN20 MR27 MT31 MU30 NI28 "
                + "NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24 RS22 RU33 SA24 SC31 SD18 SE24 SI19 SK24 SM27 SO23 ST25 "
                + "SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30";
        int[] lengths = new int[26 * 26];
        for (String s : spec.split(" ")) {
            lengths[(s.charAt(0) - 'A') * 26 + s.charAt(1) - 'A'] = Integer.parseInt(s.substring(2));
        }
        return lengths;
    }

    /** The IBAN length of the country whose code is {@code c0 c1} (either case); 0 for no such country. */
    private static int ibanLength(char c0, char c1) {
        int a = Character.toUpperCase(c0) - 'A';
        int b = Character.toUpperCase(c1) - 'A';
        return a < 0 || a >= 26 || b < 0 || b >= 26 ? 0 : IBAN_LENGTHS[a * 26 + b];
    }

    static boolean iban(String v) {
        return ibanUpTo(v, v.length());
    }

    /**
     * Whether {@code v[0, end)} is an IBAN. Its letters and digits are the IBAN, anything else is spacing. Runs on
     * every candidate a page holds, so it reads the characters in place.
     */
    private static boolean ibanUpTo(String v, int end) {
        char[] s = new char[34];
        int n = 0;
        boolean upper = false;
        boolean lower = false;
        for (int i = 0; i < end; i++) {
            char c = v.charAt(i);
            if (c >= 'a' && c <= 'z') {
                lower = true;
                c = (char) (c - ('a' - 'A'));
            } else if (c >= 'A' && c <= 'Z') {
                upper = true;
            } else if (c < '0' || c > '9') {
                if (Character.isLetterOrDigit(c)) {
                    return false; // letters and digits beyond ASCII are never part of an IBAN
                }
                continue;
            }
            if (n == s.length) {
                return false;
            }
            s[n++] = c;
        }
        // Either all capitals or all lower case: "LV80 bANK ..." is a typo, not an IBAN.
        if (n < 15 || upper && lower || ibanLength(s[0], s[1]) != n) {
            return false;
        }
        int mod = 0;
        for (int k = 0; k < n; k++) {
            char c = s[(k + 4) % n]; // the country code and check digits move to the end
            if (c >= '0' && c <= '9') {
                mod = (mod * 10 + (c - '0')) % 97;
            } else if (c >= 'A' && c <= 'Z') {
                mod = (mod * 100 + (c - 'A' + 10)) % 97;
            } else {
                return false;
            }
        }
        return mod == 1;
    }

    /**
     * The longest prefix of {@code v} that ends before a separator (or at the end) and is a valid IBAN; -1 if none.
     * The pattern may run on into the next words ("... 8901 X in a sentence"); the check finds where the IBAN ends.
     * Only one prefix can be right: the one holding exactly as many letters and digits as its country's IBANs.
     */
    static int ibanPrefix(String v) {
        int seen = 0;
        int expected = 0;
        char first = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (!asciiLetterOrDigit(c)) {
                continue;
            }
            seen++;
            if (seen == 1) {
                first = c;
            } else if (seen == 2) {
                expected = ibanLength(first, c);
                if (expected == 0) {
                    return -1;
                }
            } else if (seen == expected) {
                // It may end after its last character or after the spacing that follows it, before a separator.
                int next = i + 1;
                while (next < v.length() && !asciiLetterOrDigit(v.charAt(next))) {
                    next++;
                }
                for (int end = next; end > i; end--) {
                    boolean atSeparator = end == v.length() || v.charAt(end) == ' ' || v.charAt(end) == '-';
                    if (atSeparator && ibanUpTo(v, end)) {
                        return end;
                    }
                }
                return -1;
            }
        }
        return -1;
    }

    private static boolean asciiLetterOrDigit(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    static boolean abaRouting(String v) {
        String d = digits(v);
        if (d.length() != 9 || allSame(d)) {
            return false;
        }
        int p = Integer.parseInt(d.substring(0, 2));
        if (!((p <= 12) || (p >= 21 && p <= 32) || (p >= 61 && p <= 72) || p == 80)) {
            return false;
        }
        int[] n = d.chars().map(c -> c - '0').toArray();
        int sum = 3 * (n[0] + n[3] + n[6]) + 7 * (n[1] + n[4] + n[7]) + (n[2] + n[5] + n[8]);
        return sum % 10 == 0;
    }

    private static final Set<String> INVALID_SSNS = Set.of("078051120", "123456789", "219099999", "457555462");

    static boolean usSsn(String v) {
        String d = digits(v);
        if (d.length() != 9 || INVALID_SSNS.contains(d) || allSame(d)) {
            return false;
        }
        if (!oneKindOfSeparator(v)) {
            return false;
        }
        int area = Integer.parseInt(d.substring(0, 3));
        return area != 0 && area != 666 && area < 900 && !d.startsWith("00", 3) && !d.startsWith("0000", 5);
    }

    /** Whether every character that is not an ASCII digit is the same one: "123-45-6789", not "123-45 6789". */
    private static boolean oneKindOfSeparator(String v) {
        char separator = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                if (separator == 0) {
                    separator = c;
                } else if (c != separator) {
                    return false;
                }
            }
        }
        return true;
    }

    static boolean usItin(String v) {
        String d = digits(v);
        if (d.length() != 9 || d.charAt(0) != '9') {
            return false;
        }
        int g = Integer.parseInt(d.substring(3, 5));
        return (g >= 50 && g <= 65) || (g >= 70 && g <= 88) || (g >= 90 && g <= 92) || (g >= 94 && g <= 99);
    }

    static boolean ukNino(String v) {
        String s = v.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (s.length() != 9) {
            return false;
        }
        String prefix = s.substring(0, 2);
        if (Set.of("BG", "GB", "NK", "KN", "TN", "NT", "ZZ").contains(prefix)) {
            return false;
        }
        if ("DFIQUV".indexOf(s.charAt(0)) >= 0 || "DFIQUVO".indexOf(s.charAt(1)) >= 0) {
            return false;
        }
        return "ABCD".indexOf(s.charAt(8)) >= 0 && !s.substring(2, 8).equals("000000");
    }

    static boolean ukNhs(String v) {
        String d = digits(v);
        if (d.length() != 10 || allSame(d)) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (d.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - sum % 11;
        if (check == 11) {
            check = 0;
        }
        return check != 10 && check == d.charAt(9) - '0';
    }

    private static final String NIF_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";

    static boolean esNif(String v) {
        String s = v.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (s.length() < 2 || s.length() > 9) {
            return false;
        }
        String num = s.substring(0, s.length() - 1);
        if (!num.chars().allMatch(Character::isDigit)) {
            return false;
        }
        return NIF_LETTERS.charAt((int) (Long.parseLong(num) % 23)) == s.charAt(s.length() - 1);
    }

    static boolean esNie(String v) {
        String s = v.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (s.length() != 9 || "XYZ".indexOf(s.charAt(0)) < 0) {
            return false;
        }
        return esNif("XYZ".indexOf(s.charAt(0)) + s.substring(1));
    }

    static boolean plPesel(String v) {
        String d = digits(v);
        if (d.length() != 11) {
            return false;
        }
        int[] w = {1, 3, 7, 9, 1, 3, 7, 9, 1, 3};
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += w[i] * (d.charAt(i) - '0');
        }
        int month = Integer.parseInt(d.substring(2, 4)) % 20;
        int day = Integer.parseInt(d.substring(4, 6));
        return (10 - sum % 10) % 10 == d.charAt(10) - '0' && month >= 1 && month <= 12 && day >= 1 && day <= 31;
    }

    static boolean fiHetu(String v) {
        String s = v.toUpperCase(Locale.ROOT);
        if (s.length() != 11) {
            return false;
        }
        String dd = s.substring(0, 6) + s.substring(7, 10);
        if (!dd.chars().allMatch(Character::isDigit) || "+-ABCDEFUVWXY".indexOf(s.charAt(6)) < 0) {
            return false;
        }
        char sign = s.charAt(6);
        int century = sign == '+' ? 1800 : "ABCDEF".indexOf(sign) >= 0 ? 2000 : 1900;
        try {
            LocalDate.of(century + Integer.parseInt(s.substring(4, 6)), Integer.parseInt(s.substring(2, 4)),
                    Integer.parseInt(s.substring(0, 2)));
        } catch (DateTimeException e) {
            return false;
        }
        return "0123456789ABCDEFHJKLMNPRSTUVWXY".charAt(Integer.parseInt(dd) % 31) == s.charAt(10);
    }

    private static final int[][] VERHOEFF_D = {
        {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5}, {2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
        {3, 4, 0, 1, 2, 8, 9, 5, 6, 7}, {4, 0, 1, 2, 3, 9, 5, 6, 7, 8}, {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
        {6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3}, {8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
        {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}};
    private static final int[][] VERHOEFF_P = {
        {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 5, 7, 6, 2, 8, 3, 0, 9, 4}, {5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
        {8, 9, 1, 6, 0, 4, 3, 5, 2, 7}, {9, 4, 5, 3, 1, 2, 6, 8, 7, 0}, {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
        {2, 7, 9, 3, 8, 0, 6, 4, 1, 5}, {7, 0, 4, 6, 9, 1, 3, 2, 5, 8}};

    static boolean inAadhaar(String v) {
        String d = digits(v);
        if (d.length() != 12 || d.charAt(0) < '2' || new StringBuilder(d).reverse().toString().equals(d)) {
            return false;
        }
        int c = 0;
        for (int i = 0; i < 12; i++) {
            c = VERHOEFF_D[c][VERHOEFF_P[i % 8][d.charAt(11 - i) - '0']];
        }
        return c == 0;
    }

    static boolean caSin(String v) {
        String d = digits(v);
        return d.length() == 9 && d.charAt(0) != '0' && d.charAt(0) != '8' && !allSame(d) && luhn(d);
    }

    static boolean zaId(String v) {
        String d = digits(v);
        if (d.length() != 13 || !luhn(d)) {
            return false;
        }
        int month = Integer.parseInt(d.substring(2, 4));
        int day = Integer.parseInt(d.substring(4, 6));
        return month >= 1 && month <= 12 && day >= 1 && day <= 31 && d.charAt(10) >= '0' && d.charAt(10) <= '2';
    }

    static boolean trId(String v) {
        String d = digits(v);
        if (d.length() != 11 || d.charAt(0) == '0') {
            return false;
        }
        int[] n = d.chars().map(c -> c - '0').toArray();
        int odd = n[0] + n[2] + n[4] + n[6] + n[8];
        int even = n[1] + n[3] + n[5] + n[7];
        int d10 = ((odd * 7 - even) % 10 + 10) % 10;
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += n[i];
        }
        return d10 == n[9] && sum % 10 == n[10];
    }

    static boolean auAbn(String v) {
        String d = digits(v);
        if (d.length() != 11) {
            return false;
        }
        int[] w = {10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19};
        int sum = 0;
        for (int i = 0; i < 11; i++) {
            int n = d.charAt(i) - '0' - (i == 0 ? 1 : 0);
            sum += n * w[i];
        }
        return sum % 89 == 0;
    }

    static boolean auTfn(String v) {
        String d = digits(v);
        if (d.length() != 9) {
            return false;
        }
        int[] w = {1, 4, 3, 7, 5, 8, 6, 9, 10};
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (d.charAt(i) - '0') * w[i];
        }
        return sum % 11 == 0;
    }

    /**
     * Swedish personnummer or samordningsnummer (day plus 60): YYMMDD-NNNN, YYMMDD+NNNN (a hundred years old or
     * more), YYYYMMDD-NNNN, YYYYMMDDNNNN or YYMMDDNNNN. Luhn over the ten digits from YYMMDD on, and a real date:
     * in the century the long forms give, in either of the last two for the short ones.
     */
    static boolean sePersonnummer(String v) {
        String d = digits(v);
        int separators = v.length() - d.length();
        if (d.length() != 10 && d.length() != 12 || separators > 1) {
            return false;
        }
        if (separators == 1) {
            char c = v.charAt(v.length() - 5);
            if (c != '-' && !(c == '+' && d.length() == 10)) {
                return false;
            }
        }
        String ten = d.length() == 12 ? d.substring(2) : d;
        if (!luhn(ten) || allSame(ten)) {
            return false;
        }
        int yy = Integer.parseInt(ten.substring(0, 2));
        int month = Integer.parseInt(ten.substring(2, 4));
        int day = Integer.parseInt(ten.substring(4, 6));
        if (day > 60) {
            day -= 60;
        }
        if (d.length() == 12) {
            int century = Integer.parseInt(d.substring(0, 2));
            return century >= 18 && century <= 20 && realDate(century * 100 + yy, month, day);
        }
        return realDate(1900 + yy, month, day) || realDate(2000 + yy, month, day);
    }

    private static boolean realDate(int year, int month, int day) {
        try {
            LocalDate.of(year, month, day);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    /**
     * French NIR (numéro de sécurité sociale): sex (1, 2; 3, 4 for people being registered; 7, 8 for temporary
     * numbers), year, month (01-12, or 20, 30-42 and 50 and over when it is not known), department (2A and 2B for
     * Corsica), commune, order number and a key of 97 minus the number mod 97. Written bare, in the groups of the
     * Carte Vitale (1 84 12 76 451 089 46) or with only the key apart.
     */
    static boolean frNir(String v) {
        if (v.indexOf(' ') >= 0) {
            String groups = groupLengths(v);
            if (!groups.equals("1,2,2,2,3,3,2") && !groups.equals("13,2")) {
                return false;
            }
        }
        String s = v.replace(" ", "").toUpperCase(Locale.ROOT);
        if (s.length() != 15 || "123478".indexOf(s.charAt(0)) < 0) {
            return false;
        }
        String department = s.substring(5, 7);
        String number = switch (department) {
            case "2A" -> s.substring(0, 5) + "19" + s.substring(7, 13);
            case "2B" -> s.substring(0, 5) + "18" + s.substring(7, 13);
            default -> s.substring(0, 13);
        };
        String key = s.substring(13);
        if (!(number + key).chars().allMatch(c -> c >= '0' && c <= '9') || department.equals("00")) {
            return false;
        }
        int month = Integer.parseInt(s.substring(3, 5));
        if (!(month >= 1 && month <= 12 || month == 20 || month >= 30 && month <= 42 || month >= 50)) {
            return false;
        }
        if (s.startsWith("000", 10)) {
            return false; // no order number 000
        }
        return Integer.parseInt(key) == 97 - Long.parseLong(number) % 97;
    }

    /** The lengths of the space-separated groups of {@code v}, comma-separated: "1,2,2,2,3,3,2". */
    private static String groupLengths(String v) {
        StringBuilder b = new StringBuilder();
        for (String g : v.split(" ", -1)) {
            b.append(b.isEmpty() ? "" : ",").append(g.length());
        }
        return b.toString();
    }

    /**
     * Irish PPS number: seven digits, a check letter and, since 2013 (or for a spouse, W), a second letter. The check
     * is the digits weighted 8 to 2 plus the second letter weighted 9 (A = 1 ... W = 0), mod 23, as a letter (A = 1
     * ... W = 0). Upper or lower case, not both.
     */
    static boolean iePpsn(String v) {
        if (v.length() < 8 || v.length() > 9 || !v.equals(v.toUpperCase(Locale.ROOT))
                && !v.equals(v.toLowerCase(Locale.ROOT))) {
            return false;
        }
        String s = v.toUpperCase(Locale.ROOT);
        int sum = 0;
        for (int i = 0; i < 7; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            sum += (c - '0') * (8 - i);
        }
        if (s.length() == 9) {
            char second = s.charAt(8);
            if (second < 'A' || second > 'Z') {
                return false;
            }
            sum += (second - 'A' + 1) % 23 * 9;
        }
        int check = sum % 23;
        return s.charAt(7) == (check == 0 ? 'W' : (char) ('A' + check - 1)) && !allSame(s.substring(0, 7));
    }

    /**
     * Danish CPR number, DDMMYY-SSSS: a real date, in the century that the first digit of SSSS gives. The mod-11 check
     * is not asked: numbers issued since 2007 need not pass it.
     */
    static boolean dkCpr(String v) {
        String d = digits(v);
        if (d.length() != 10 || v.length() > 11 || v.length() == 11 && v.charAt(6) != '-') {
            return false;
        }
        int day = Integer.parseInt(d.substring(0, 2));
        int month = Integer.parseInt(d.substring(2, 4));
        int yy = Integer.parseInt(d.substring(4, 6));
        int century = switch (d.charAt(6)) {
            case '0', '1', '2', '3' -> 1900;
            case '4', '9' -> yy <= 36 ? 2000 : 1900;
            default -> yy <= 57 ? 2000 : 1800;
        };
        return realDate(century + yy, month, day);
    }

    /**
     * Thai national id: thirteen digits, the first 1 to 8, then a province code (10-27, 30-49, 50-58, 60-67, 70-77,
     * 80-86, 90-96), the last a mod-11 check digit; bare or 1-2345-67890-12-3.
     */
    static boolean thId(String v) {
        String d = digits(v);
        if (d.length() != 13 || d.charAt(0) < '1' || d.charAt(0) > '8' || v.length() != 13 && v.length() != 17) {
            return false;
        }
        int province = Integer.parseInt(d.substring(1, 3));
        boolean knownProvince = switch (province / 10) {
            case 1, 3, 4 -> true;
            case 2 -> province <= 27;
            case 5 -> province <= 58;
            case 6 -> province <= 67;
            case 7 -> province <= 77;
            case 8 -> province <= 86;
            case 9 -> province <= 96;
            default -> false;
        };
        if (!knownProvince) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (d.charAt(i) - '0') * (13 - i);
        }
        return (11 - sum % 11) % 10 == d.charAt(12) - '0';
    }

    /**
     * Korean resident registration number: birth date YYMMDD, then a digit for sex and century (1 to 4 for citizens)
     * and six more. Numbers issued since October 2020 carry no check digit, so only the date and that digit are
     * checked.
     */
    static boolean krRrn(String v) {
        String d = digits(v);
        if (d.length() != 13 || v.length() - d.length() > 1 || d.charAt(6) < '1' || d.charAt(6) > '4') {
            return false;
        }
        int century = d.charAt(6) <= '2' ? 1900 : 2000;
        return realDate(century + Integer.parseInt(d.substring(0, 2)), Integer.parseInt(d.substring(2, 4)),
                Integer.parseInt(d.substring(4, 6)));
    }

    /** Japanese individual number (My Number): twelve digits, the last a check digit over the other eleven. */
    static boolean jpMyNumber(String v) {
        String d = digits(v);
        if (d.length() != 12 || allSame(d)) {
            return false;
        }
        int sum = 0;
        for (int n = 1; n <= 11; n++) {
            sum += (d.charAt(11 - n) - '0') * (n <= 6 ? n + 1 : n - 5);
        }
        int r = sum % 11;
        return (r <= 1 ? 0 : 11 - r) == d.charAt(11) - '0';
    }

    /**
     * Czech and Slovak birth number (rodné číslo): YYMMDD (the month plus 50 for women, plus 20 or 70 when a day's
     * numbers ran out) and a serial; since 1954 four digits, the whole number a multiple of eleven.
     */
    static boolean czBirthNumber(String v) {
        String d = digits(v);
        if (d.length() != 9 && d.length() != 10 || v.length() - d.length() > 1) {
            return false;
        }
        int month = Integer.parseInt(d.substring(2, 4)) % 50;
        if (month > 20) {
            month -= 20;
        }
        int day = Integer.parseInt(d.substring(4, 6));
        if (month < 1 || month > 12 || day < 1 || day > 31) {
            return false;
        }
        if (d.length() == 9) {
            return Integer.parseInt(d.substring(0, 2)) < 54;
        }
        long number = Long.parseLong(d);
        return number % 11 == 0 || Long.parseLong(d.substring(0, 9)) % 11 == 10 && d.charAt(9) == '0';
    }

    /**
     * The second line of a passport's machine-readable zone (ICAO 9303 TD3): document number, nationality, birth date,
     * sex and expiry date, each number followed by its check digit; the three must hold.
     */
    static boolean mrzTd3(String v) {
        return v.length() == 44 && mrzCheck(v, 0, 9) && mrzCheck(v, 13, 6) && mrzCheck(v, 21, 6);
    }

    private static final int[] MRZ_WEIGHTS = {7, 3, 1};

    /** Whether the ICAO 9303 check digit (weights 7, 3, 1) after {@code v[from, from + length)} holds. */
    private static boolean mrzCheck(String v, int from, int length) {
        int sum = 0;
        for (int i = 0; i < length; i++) {
            char c = v.charAt(from + i);
            int value = c == '<' ? 0 : Character.isDigit(c) ? c - '0' : c - 'A' + 10;
            sum += value * MRZ_WEIGHTS[i % 3];
        }
        return sum % 10 == v.charAt(from + length) - '0';
    }

    /** Romanian personal numeric code (CNP): sex and century, YYMMDD, county, serial and a check digit. */
    static boolean roCnp(String v) {
        String d = digits(v);
        if (d.length() != 13 || v.length() != 13 || d.charAt(0) == '0') {
            return false;
        }
        int month = Integer.parseInt(d.substring(3, 5));
        int day = Integer.parseInt(d.substring(5, 7));
        if (month < 1 || month > 12 || day < 1 || day > 31) {
            return false;
        }
        String weights = "279146358279";
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (d.charAt(i) - '0') * (weights.charAt(i) - '0');
        }
        int r = sum % 11;
        return (r == 10 ? 1 : r) == d.charAt(12) - '0';
    }

    /**
     * German pension insurance number (Rentenversicherungsnummer, the number on the social insurance card): area,
     * birth date DDMMYY (the day plus 50 when the date's numbers ran out), the initial of the birth name, a serial
     * and a check digit. Written bare (15070649C103) or in its groups (15 070649 C 103).
     */
    static boolean deRvnr(String v) {
        String s = v.replace(" ", "").toUpperCase(Locale.ROOT);
        if (s.length() != 12 || !s.substring(0, 8).chars().allMatch(Character::isDigit)
                || s.charAt(8) < 'A' || s.charAt(8) > 'Z' || !s.substring(9).chars().allMatch(Character::isDigit)) {
            return false;
        }
        int day = Integer.parseInt(s.substring(2, 4));
        int month = Integer.parseInt(s.substring(4, 6));
        if (day > 50) {
            day -= 50;
        }
        if (day < 1 || day > 31 || month < 1 || month > 12) {
            return false;
        }
        int letter = s.charAt(8) - 'A' + 1;
        String weighed = s.substring(0, 8) + (letter < 10 ? "0" : "") + letter + s.substring(9, 11);
        int[] weights = {2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1};
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            int product = (weighed.charAt(i) - '0') * weights[i];
            sum += product / 10 + product % 10;
        }
        return sum % 10 == s.charAt(11) - '0';
    }

    /**
     * German tax identification number (steuerliche Identifikationsnummer): eleven digits, no leading zero, no digit
     * more than three times among the first ten, and an ISO 7064 MOD 11,10 check digit. Written bare or in the
     * groups of the tax office's letters (12 345 678 903).
     */
    static boolean deIdnr(String v) {
        String d = digits(v);
        if (d.length() != 11 || v.length() - d.length() != v.chars().filter(c -> c == ' ').count()
                || d.charAt(0) == '0') {
            return false;
        }
        int[] seen = new int[10];
        int product = 10;
        for (int i = 0; i < 10; i++) {
            int digit = d.charAt(i) - '0';
            if (++seen[digit] > 3) {
                return false;
            }
            int sum = (digit + product) % 10;
            product = (sum == 0 ? 10 : sum) * 2 % 11;
        }
        int check = 11 - product;
        return (check == 10 ? 0 : check) == d.charAt(10) - '0';
    }

    /**
     * German health insurance number (Krankenversichertennummer, on the electronic health card): a letter and nine
     * digits, the last a check digit over the letter's place in the alphabet and the eight digits before it.
     */
    static boolean deKvnr(String v) {
        String s = v.toUpperCase(Locale.ROOT);
        if (s.length() != 10 || s.charAt(0) < 'A' || s.charAt(0) > 'Z'
                || !s.substring(1).chars().allMatch(Character::isDigit)) {
            return false;
        }
        int letter = s.charAt(0) - 'A' + 1;
        String weighed = (letter < 10 ? "0" : "") + letter + s.substring(1, 9);
        int sum = 0;
        for (int i = 0; i < weighed.length(); i++) {
            int product = (weighed.charAt(i) - '0') * (i % 2 == 0 ? 1 : 2);
            sum += product / 10 + product % 10;
        }
        return sum % 10 == s.charAt(9) - '0';
    }

    /**
     * IMEISV: the IMEI's type allocation code and serial number, then a two-digit software version, which has no
     * check digit; 99 is reserved and never issued.
     */
    static boolean imeisv(String v) {
        String d = digits(v);
        return d.length() == 16 && !d.endsWith("99") && !allSame(d.substring(0, 14));
    }

    /** Four dot-separated octets 0-255 without leading zeros; read in place, since every IPv4 candidate comes here. */
    static boolean ipv4(String v) {
        return firstTwoOctets(v) >= 0;
    }

    static boolean publicIpv4(String v) {
        int o = firstTwoOctets(v);
        if (o < 0) {
            return false;
        }
        int a = o >> 8;
        int b = o & 0xff;
        return !(a == 10 || a == 127 || a == 0 || a >= 224 || (a == 172 && b >= 16 && b <= 31)
                || (a == 192 && b == 168) || (a == 169 && b == 254) || (a == 100 && b >= 64 && b <= 127));
    }

    /**
     * A loopback (127.0.0.0/8) or unspecified (0.0.0.0/8) address of a well-formed IPv4 address: it names this host
     * or no host, so it identifies nobody.
     */
    static boolean localIpv4(String v) {
        int a = firstTwoOctets(v) >> 8;
        return a == 127 || a == 0;
    }

    /** The first two octets of a well-formed IPv4 address as {@code first << 8 | second}, or -1. */
    private static int firstTwoOctets(String v) {
        int n = v.length();
        int i = 0;
        int first = 0;
        int second = 0;
        for (int part = 0; part < 4; part++) {
            int start = i;
            int value = 0;
            while (i < n && i - start < 4) {
                char c = v.charAt(i);
                if (c < '0' || c > '9') {
                    break;
                }
                value = value * 10 + (c - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || digits > 3 || (digits > 1 && v.charAt(start) == '0') || value > 255) {
                return -1;
            }
            if (part == 0) {
                first = value;
            } else if (part == 1) {
                second = value;
            }
            if (part < 3) {
                if (i >= n || v.charAt(i) != '.') {
                    return -1;
                }
                i++;
            }
        }
        return i == n ? first << 8 | second : -1;
    }

    /** Parses an IPv6 address (optional zone, optional trailing IPv4) into 8 groups, or returns null. */
    static int @org.jspecify.annotations.Nullable [] parseIpv6(String raw) {
        String v = raw;
        int zone = v.indexOf('%');
        if (zone >= 0) {
            v = v.substring(0, zone);
        }
        int[] tail = new int[0];
        int lastColon = v.lastIndexOf(':');
        if (lastColon >= 0 && v.indexOf('.', lastColon) > 0) {
            String v4 = v.substring(lastColon + 1);
            if (!ipv4(v4)) {
                return null;
            }
            String[] o = v4.split("\\.");
            tail = new int[] {Integer.parseInt(o[0]) << 8 | Integer.parseInt(o[1]),
                Integer.parseInt(o[2]) << 8 | Integer.parseInt(o[3])};
            v = v.substring(0, lastColon + 1) + (v.endsWith("::" + v4) ? "" : "0");
            if (v.endsWith(":0")) {
                v = v.substring(0, v.length() - 2);
            }
        }
        int dbl = v.indexOf("::");
        if (dbl >= 0 && v.indexOf("::", dbl + 1) >= 0) {
            return null;
        }
        String[] head;
        String[] rest;
        if (dbl >= 0) {
            String h = v.substring(0, dbl);
            String r = v.substring(dbl + 2);
            head = h.isEmpty() ? new String[0] : h.split(":", -1);
            rest = r.isEmpty() ? new String[0] : r.split(":", -1);
        } else {
            head = v.split(":", -1);
            rest = new String[0];
        }
        int total = head.length + rest.length + tail.length;
        if ((dbl < 0 && total != 8) || (dbl >= 0 && total > 7)) {
            return null;
        }
        int[] groups = new int[8];
        int i = 0;
        for (String g : head) {
            if (g.isEmpty() || g.length() > 4) {
                return null;
            }
            groups[i++] = Integer.parseInt(g, 16);
        }
        i = 8 - rest.length - tail.length;
        for (String g : rest) {
            if (g.isEmpty() || g.length() > 4) {
                return null;
            }
            groups[i++] = Integer.parseInt(g, 16);
        }
        for (int t : tail) {
            groups[i++] = t;
        }
        return groups;
    }

    static boolean ipv6(String v) {
        try {
            return parseIpv6(v) != null;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static boolean publicIpv6(String v) {
        int[] g = parseIpv6(v);
        if (g == null) {
            return false;
        }
        boolean zeroHead = g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0;
        if (zeroHead && g[5] == 0xffff) {
            return publicIpv4((g[6] >> 8) + "." + (g[6] & 0xff) + "." + (g[7] >> 8) + "." + (g[7] & 0xff));
        }
        if (zeroHead && g[5] == 0 && g[6] == 0 && g[7] <= 1) {
            return false;
        }
        return (g[0] & 0xffc0) != 0xfe80 && (g[0] & 0xfe00) != 0xfc00 && !(g[0] == 0x2001 && g[1] == 0xdb8);
    }

    /** The loopback (::1) or unspecified (::) address, also mapped from IPv4 (::ffff:127.0.0.1, ::ffff:0.0.0.0). */
    static boolean localIpv6(String v) {
        int[] g;
        try {
            g = parseIpv6(v);
        } catch (NumberFormatException e) {
            return false;
        }
        if (g == null || (g[0] | g[1] | g[2] | g[3] | g[4]) != 0) {
            return false;
        }
        if (g[5] == 0xffff) {
            int a = g[6] >> 8;
            return a == 127 || a == 0;
        }
        return g[5] == 0 && g[6] == 0 && g[7] <= 1;
    }

    static boolean mac(String v) {
        int hexDigits = 0;
        boolean allZero = true;
        boolean allF = true;
        char separator = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (Character.digit(c, 16) >= 0 && c < 128) {
                hexDigits++;
                allZero &= c == '0';
                allF &= c == 'f' || c == 'F';
            } else if (separator == 0) {
                separator = c;
            } else if (c != separator) {
                return false;
            }
        }
        return hexDigits == 12 && !allZero && !allF;
    }

    private static final java.util.regex.Pattern NON_DIGITS = java.util.regex.Pattern.compile("[^0-9]+");

    /** A phone number: 7 to 15 digits that are not a date, a time or an IPv4 address. */
    static boolean phone(String v) {
        // Drop an extension ("x123") before counting digits.
        int x = v.lastIndexOf('x');
        String main = x > 0 ? v.substring(0, x) : v;
        int digitCount = 0;
        int groups = 0;
        int dots = 0;
        boolean inGroup = false;
        int[] lengths = new int[8];
        for (int i = 0; i < main.length(); i++) {
            char c = main.charAt(i);
            if (c >= '0' && c <= '9') {
                digitCount++;
                if (!inGroup) {
                    inGroup = true;
                    groups++;
                }
                if (groups <= 8) {
                    lengths[groups - 1]++;
                }
            } else {
                inGroup = false;
                if (c == '.') {
                    dots++;
                }
            }
        }
        if (digitCount < 7 || digitCount > 15 || allSame(Validators.digits(main))) {
            return false;
        }
        // "00" dials abroad only before a country code and a whole national number: nine digits at the least
        // (Iceland's +354 and seven). Eight digits that start with 00 are a code, such as a DICOM tag (00100010).
        if (main.startsWith("00") && digitCount < 11) {
            return false;
        }
        if (groups == 4 && dots == 3 && lengths[0] <= 3 && lengths[1] <= 3 && lengths[2] <= 3 && lengths[3] <= 3) {
            return false; // an IPv4 address
        }
        if (holdsYearAndMonth(main)) {
            return false;
        }
        if (groups == 3) {
            String[] p = NON_DIGITS.split(main);
            if (p.length == 3 && p[0].length() == 4 && p[1].length() == 2 && p[2].length() == 2) {
                return !isDate(p[0], p[1], p[2]);
            }
            if (p.length == 3 && p[2].length() == 4 && p[0].length() == 2 && p[1].length() == 2) {
                return !isDate(p[2], p[1], p[0]) && !isDate(p[2], p[0], p[1]);
            }
        }
        return true;
    }

    /**
     * Whether groups of the number read as a year and a month: an id by month ({@code 2026-11-0042}), a date inside
     * a key ({@code 42-2026-11-23}), Go's zero time ({@code 0001-01-01}). No phone number has a group of four digits
     * from 1900 to 2100 (or 0001) followed by a group of two from 01 to 12.
     */
    private static boolean holdsYearAndMonth(String number) {
        // A number with a country code, or in groups of spaces, is a phone's way of writing: +49 2041 12 34 56 is
        // Bottrop. Dates and ids by month are joined by -, . or /.
        if (number.indexOf('+') >= 0) {
            return false;
        }
        java.util.regex.Matcher m = YEAR_THEN_MONTH.matcher(number);
        while (m.find()) {
            int year = Integer.parseInt(m.group(1));
            int month = Integer.parseInt(m.group(2));
            if ((year >= 1900 && year <= 2100 || year == 1) && month >= 1 && month <= 12) {
                return true;
            }
        }
        return false;
    }

    private static final java.util.regex.Pattern YEAR_THEN_MONTH =
            java.util.regex.Pattern.compile("(?<![0-9])([0-9]{4})[./-]([0-9]{2})(?![0-9])");

    /**
     * A national number in spaced groups, not a row of a table or a dump: after the first group, groups that stay the
     * same or count up by one or by ten ({@code 01 02 03 04 05}, {@code 05 10 20 30 40}, {@code 01 10 10 10 10}) are
     * counts, not a phone, and so are two equal groups of three digits or more ({@code 0644 1001 1001}). Other runs
     * with a common step stay phones: {@code 06 12 34 56 78}.
     */
    static boolean phoneSpaced(String v) {
        if (!phone(v)) {
            return false;
        }
        String[] g = v.strip().split(" ");
        for (int i = 2; i < g.length; i++) {
            if (g[i].length() >= 3 && g[i].equals(g[i - 1])) {
                return false; // "0644 1001 1001": a file mode, a user and a group
            }
        }
        if (g.length < 4) {
            return true;
        }
        int step = Integer.parseInt(g[2]) - Integer.parseInt(g[1]);
        if (step != 0 && step != 1 && step != 10) {
            return true;
        }
        for (int i = 3; i < g.length; i++) {
            if (Integer.parseInt(g[i]) - Integer.parseInt(g[i - 1]) != step) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDate(String y, String m, String d) {
        try {
            LocalDate.of(Integer.parseInt(y), Integer.parseInt(m), Integer.parseInt(d));
            return Integer.parseInt(y) >= 1900 && Integer.parseInt(y) <= 2100;
        } catch (DateTimeException | NumberFormatException e) {
            return false;
        }
    }

    /** A variable's name as scripts write one: a letter or underscore first, then one case of letters, digits, _. */
    private static boolean variableName(String v) {
        if (v.isEmpty() || !(isAsciiLetterOrUnderscore(v.charAt(0)))) {
            return false;
        }
        boolean upper = false;
        boolean lower = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (!(isAsciiLetterOrUnderscore(c) || c >= '0' && c <= '9')) {
                return false;
            }
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
        }
        return !(upper && lower);
    }

    private static boolean isAsciiLetterOrUnderscore(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
    }

    static boolean email(String v) {
        // The domain follows the last @, written plain or URL-encoded (%40); it needs a dot and a top-level domain
        // of letters (or an internationalised xn-- one). Read in place: every address on a page comes through here.
        if (v.startsWith("git@") || messageId(v)) {
            return false; // git@github.com:org/repo.git is an SSH remote; <20240522.4VkR2m@mx1> a message's id
        }
        int at = v.lastIndexOf('@');
        int encoded = v.lastIndexOf("%40");
        int twice = v.lastIndexOf("%2540"); // encoded twice, as a parameter of an encoded redirect
        int separator = Math.max(at, Math.max(encoded, twice));
        if (separator <= 0) {
            return false;
        }
        int domain = separator == at ? at + 1 : separator == encoded ? encoded + 3 : twice + 5;
        int dot = v.lastIndexOf('.');
        if (dot <= domain) {
            return false;
        }
        int tld = dot + 1;
        if (v.length() - tld < 2) {
            return false;
        }
        if (v.startsWith("xn--", tld)) {
            return true;
        }
        for (int i = tld; i < v.length(); i++) {
            if (!Character.isLetter(v.charAt(i))) {
                return false;
            }
        }
        // An asset named for a screen density (logo@2x.png) ends in a file's extension, and a systemd unit's
        // instance (getty@tty1.service) in the unit's type, which no domain does.
        String suffix = v.substring(tld).toLowerCase(Locale.ROOT);
        return !FILE_EXTENSIONS.contains(suffix) && !SYSTEMD_UNIT_TYPES.contains(suffix);
    }

    private static final Set<String> SYSTEMD_UNIT_TYPES = Set.of("service", "socket", "timer", "mount", "target",
            "slice", "scope", "device", "swap", "automount");

    private static final Set<String> FILE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "svg", "webp", "avif",
            "ico", "bmp", "tif", "tiff", "css", "js", "mjs", "json", "htm", "html", "txt", "pdf", "woff", "woff2",
            "ttf", "otf", "eot", "map", "wasm");

    static boolean jwt(String v) {
        int dot = v.indexOf('.');
        if (dot < 0) {
            return false;
        }
        try {
            String header = new String(Base64.getUrlDecoder().decode(v.substring(0, dot).replace("=", "")),
                    StandardCharsets.UTF_8);
            return header.startsWith("{") && (header.contains("\"alg\"") || header.contains("\"typ\""));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** True for values that stand for a secret without being one: {@code xxxx}, {@code ${VAR}}, {@code <token>}. */
    /** Values that stand for a secret in examples and templates, compared in lower case. */
    private static final Set<String> PLACEHOLDER_WORDS = Set.of("null", "none", "nil", "true", "false", "undefined",
            "redacted", "masked", "hidden", "secret", "password", "changeme", "your_password", "your-password",
            "yourpassword", "example", "placeholder", "string", "required", "optional", "empty", "n/a", "na", "todo",
            "xxx", "env", "value");
    /** A constant's name in place of its value: ACCESS_TOKEN, YOUR_API_KEY. */
    private static final java.util.regex.Pattern CONSTANT_NAME =
            java.util.regex.Pattern.compile("[A-Z]{2,20}(?:_[A-Z]{2,20}){1,5}");

    // Runs for every candidate of the secret rules, so it neither compiles patterns nor builds strings it can avoid.
    static boolean placeholder(String raw) {
        String v = unquoted(raw);
        if (v.isEmpty()) {
            return true;
        }
        String lower = v.toLowerCase(Locale.ROOT);
        if (v.startsWith("${") || v.startsWith("{{") || v.startsWith("<") || v.startsWith("%(") || v.startsWith("$(")
                || v.startsWith("[") || v.startsWith("{") || v.startsWith("`") || v.startsWith("‹")
                || lower.startsWith("[redacted") || starsBeforeAtMostFour(lower)) {
            return true;
        }
        if (v.charAt(0) == '$' && variableName(v.substring(1))) {
            return true; // $DB_PASSWORD, $password: a shell or PHP variable; $Xk9!pQ and $Summer2024 are passwords
        }
        if (PLACEHOLDER_WORDS.contains(lower)) {
            return true;
        }
        if (lettersAndDigitsAllSame(lower)) {
            return true;
        }
        // Mostly x or * with a few fixed characters: a template, not a value ("xoxb-xxxxxxxx", "glpat-XXXX").
        int filler = 0;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (c == 'x' || c == '*' || c == '.') {
                filler++;
            }
        }
        if (filler * 2 >= lower.length() && v.length() >= 6) {
            return true;
        }
        if (CONSTANT_NAME.matcher(v).matches()) {
            return true;
        }
        if (v.endsWith("...") || v.endsWith("…") || hasSequentialRun(lower, 8)) {
            return true;
        }
        return lower.contains("example") || lower.contains("your_") || lower.contains("your-")
                || endsWithWord(lower, "here") || lower.contains("redacted") || lower.contains("placeholder")
                || lower.contains("dummy");
    }

    /**
     * Stars shown for a value, with at most four characters kept ({@code ****}, {@code ********1111}); not
     * {@code ****Hunter2}, a value behind stars.
     */
    private static boolean starsBeforeAtMostFour(String lower) {
        if (!lower.startsWith("***")) {
            return false;
        }
        int i = 0;
        while (i < lower.length() && "* -".indexOf(lower.charAt(i)) >= 0) {
            i++;
        }
        return lower.length() - i <= 4;
    }

    /** Whether {@code lower} ends with {@code word} as a word of its own: "paste-key-here", not "12 Hereford Road". */
    private static boolean endsWithWord(String lower, String word) {
        return lower.endsWith(word) && (lower.length() == word.length()
                || !Character.isLetter(lower.charAt(lower.length() - word.length() - 1)));
    }

    /**
     * Whether the ASCII letters and digits of a lower-case value are none, or one character repeated: {@code "***"},
     * {@code "x-x-x"}.
     */
    private static boolean lettersAndDigitsAllSame(String lower) {
        char first = 0;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                if (first == 0) {
                    first = c;
                } else if (c != first) {
                    return false;
                }
            }
        }
        return true;
    }

    /** "12345678", "abcdefgh": typed by a person writing an example, not produced by a key generator. */
    static boolean hasSequentialRun(String s, int length) {
        int run = 1;
        for (int i = 1; i < s.length(); i++) {
            char a = s.charAt(i - 1);
            char b = s.charAt(i);
            if (b == a + 1 && Character.isLetterOrDigit(a) && Character.isLetterOrDigit(b)) {
                run++;
                if (run >= length) {
                    return true;
                }
            } else {
                run = 1;
            }
        }
        return false;
    }

    /**
     * Accounts that every Unix host, database or image has: naming them says nothing about a person, and on-call
     * engineers need to see that it was root who ran a command, or a scanner trying "admin".
     */
    private static final Set<String> SYSTEM_ACCOUNTS = Set.of("root", "admin", "administrator", "daemon", "bin",
            "sys", "sync", "nobody", "nogroup", "www-data", "www", "http", "httpd", "apache", "nginx", "postgres",
            "postgresql", "mysql", "redis", "mongodb", "elasticsearch", "kafka", "zookeeper", "rabbitmq", "sshd",
            "systemd", "messagebus", "syslog", "git", "ubuntu", "debian", "centos", "ec2-user", "fedora", "alpine",
            "guest", "test", "user", "oracle", "jenkins", "deploy", "deployer", "ansible", "app", "service", "backup",
            "operator", "ftp", "mail", "postfix", "dovecot", "news", "proxy", "list", "irc", "gnats", "man", "lp",
            "games", "uucp", "pi", "vagrant", "docker", "runner", "gitlab-runner", "node", "ci", "build", "system",
            "unknown", "invalid", "none", "null", "anonymous", "anon", "default", "localhost", "sa", "dbo",
            // SendGrid's SMTP login is the word apikey for every customer.
            "apikey",
            // Amazon ECR's registry login: docker login --username AWS.
            "aws",
            // Folders beside the users' own under /Users and C:\Users.
            "shared", "public", "localservice", "networkservice",
            // CI runners, cloud images and the services of a data platform, as their home directories show them.
            "circleci", "travis", "vsts", "buildkite", "buildkite-agent", "teamcity", "bamboo", "azureuser", "opc",
            "core", "rocky", "almalinux", "appuser", "nonroot", "worker", "airflow", "spark", "hadoop", "hdfs",
            "yarn", "hive", "grafana", "prometheus", "consul", "vault", "nomad", "minio", "tomcat", "jetty",
            "wildfly", "jboss", "weblogic", "www-run", "mongod", "memcache", "elastic", "kibana", "logstash",
            "gdm", "lightdm", "nagios", "zabbix", "healthcheck", "monitoring", "linuxbrew", "semaphore", "appveyor",
            "seluser", "pptruser", "vcap", "gradle", "dependabot", "jovyan", "vscode", "codespace", "gitpod",
            "bitnami", "coder", "builder", "site", "logfiles", "readonly", "replicator", "pgbouncer", "metabase",
            "sonar", "sonarqube", "renovate", "github-actions", "actions");

    /**
     * Parts of an account's name that make it a service's: {@code orders_app}, {@code report_ro},
     * {@code metabase_svc}, {@code prometheus-exporter}, {@code ci-deployer}.
     */
    private static final Set<String> SERVICE_NAME_PARTS = Set.of("app", "svc", "service", "ro", "rw", "readonly",
            "readwrite", "reader", "writer", "admin", "bot", "ci", "cd", "exporter", "consumer", "producer", "worker",
            "agent", "monitor", "monitoring", "backup", "replica", "replicator", "replication", "etl", "batch", "cron",
            "job", "api", "client", "sync", "owner", "migrator", "migration", "deployer", "deploy", "runner",
            "daemon", "system", "sys", "healthcheck", "probe", "scanner", "robot", "automation", "integration");

    /**
     * A login name: not a system or service account ({@link #SYSTEM_ACCOUNTS}, {@code systemd-*}, {@code svc-*},
     * {@code *-bot}), not a number (a uid), not a placeholder.
     */
    static boolean loginName(String v) {
        String lower = v.toLowerCase(Locale.ROOT);
        if (v.isEmpty() || placeholder(v) || SYSTEM_ACCOUNTS.contains(lower) || lower.startsWith("systemd-")
                || OtherKeys.isSystemPrincipal(v)
                || lower.startsWith("svc") || lower.endsWith("-bot") || lower.endsWith("[bot]")
                // A value read to a closing bracket keeps its opening one: dependabot[bot] read as dependabot[bot.
                || lower.endsWith("[bot")
                // A crypt hash or a variable ($6$..., $USER), or a word of the sentence after "for" (Login failed
                // for the third time).
                || v.charAt(0) == '$' || EmbeddedFields.PROSE_WORDS.contains(lower)
                // Cisco's privilege levels log in as enable_1 to enable_15.
                || lower.startsWith("enable_")
                // A key and its value read after a label (new user: name=tbergstrom): the login is the value's.
                || v.indexOf('=') >= 0
                || lower.startsWith("_")) {
            return false;
        }
        for (String part : NAME_PARTS.split(lower)) {
            if (SERVICE_NAME_PARTS.contains(part)) {
                return false;
            }
        }
        for (int i = 0; i < v.length(); i++) {
            if (Character.isLetter(v.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static final java.util.regex.Pattern NAME_PARTS = java.util.regex.Pattern.compile("[._-]");

    /** A value under a user name's key in text: not a placeholder, and not a Kubernetes system principal. */
    static boolean userName(String v) {
        return password(v) && !OtherKeys.isSystemPrincipal(unquoted(v)) && !systemAccount(v);
    }

    /** The address in "host:port" or "[v6]:port", else the value itself. */
    static String hostOf(String v) {
        if (v.startsWith("[")) {
            int close = v.indexOf(']');
            return close > 1 && (close == v.length() - 1 || v.charAt(close + 1) == ':') ? v.substring(1, close) : v;
        }
        int colon = v.indexOf(':');
        return colon > 0 && colon == v.lastIndexOf(':') ? v.substring(0, colon) : v;
    }

    /** Words of the system accounts that are also surnames or stand-ins for a missing name: a name field keeps them. */
    private static final Set<String> ACCOUNTS_THAT_ARE_NAMES_TOO = Set.of("null", "none", "unknown", "invalid",
            "default", "test", "user", "guest", "anonymous", "anon", "list", "man", "news", "mail", "games", "proxy",
            "service", "build", "node", "app", "backup", "deploy", "operator");

    /** A machine's own account in a name field (root, SYSTEM, www-data): it names no person. */
    static boolean machineAccount(String v) {
        return systemAccount(v) && !ACCOUNTS_THAT_ARE_NAMES_TOO.contains(accountWord(v));
    }

    /** An account every machine has (root, SYSTEM, postgres...), in any case: it names no person. */
    static boolean systemAccount(String v) {
        return SYSTEM_ACCOUNTS.contains(accountWord(v));
    }

    private static String accountWord(String v) {
        return unquoted(v).strip().toLowerCase(Locale.ROOT);
    }

    static boolean password(String v) {
        // "PASSWORD(" is SQL's function, as in SET PASSWORD = PASSWORD('x'): the value is inside it.
        return !placeholder(v) && !path(unquoted(v)) && !yesOrNo(v) && !sqlPasswordFunction(v);
    }

    /**
     * A mail's Message-ID rather than a mailbox: its local part opens with a long run of digits (a timestamp) before
     * a dot or a dollar sign, or is a UUID, as mail servers and libraries make them.
     */
    private static boolean messageId(String v) {
        int digits = 0;
        while (digits < v.length() && Character.isDigit(v.charAt(digits))) {
            digits++;
        }
        if (digits >= 10 && digits < v.length() && (v.charAt(digits) == '.' || v.charAt(digits) == '$')) {
            return true;
        }
        int at = v.indexOf('@');
        if (at >= 24 && hexOnly(v, 0, at)) {
            return true; // a SIP Call-ID or a Message-ID: 3496e52b725d5e60f87c3ea4a2c993ed@sbc01.example.io
        }
        return at == 36 && UUID_LIKE.matcher(v.substring(0, at)).matches();
    }

    private static boolean hexOnly(String v, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }

    private static final java.util.regex.Pattern UUID_LIKE = java.util.regex.Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /**
     * A password under a password's key in text, where the key is a guess: not a status ({@code password: YES}) and
     * not a path ({@code PWD=/opt/app}), not a template or nothing ({@link #templateOrNothing}). Whatever else it
     * holds is masked, stars included.
     */
    static boolean plausibleInText(String v) {
        return !yesOrNo(v) && !path(unquoted(v).strip()) && !sqlPasswordFunction(v) && !templateOrNothing(v);
    }

    /** Whether a field's whole value stands in for one: what masking wrote, a template, a placeholder. */
    static boolean standsInForAValue(String v) {
        return EmbeddedFields.maskedAlready(v, 0, v.length()) || STAND_IN.matcher(v).matches();
    }

    /**
     * What a program writes in place of a value it keeps out of sight: an expansion of a variable
     * ({@code ${DB_PASSWORD}}, {@code {{ .Values.token }}}) or a word in angle brackets ({@code <redacted>}).
     */
    private static final java.util.regex.Pattern STAND_IN = java.util.regex.Pattern.compile(
            "\\$\\{[A-Za-z0-9_.:-]{1,100}}|\\{\\{[^{}]{1,100}}}"
            + "|<(?i:redacted|filtered|masked|hidden|removed|scrubbed|omitted|sensitive|secret|none|empty|nil|null)>");

    /**
     * A value that is plainly not a password, even in a configuration dump where a weak one ({@code changeme},
     * {@code secret}) must still be masked: a template or an expansion ({@code ${DB_PASSWORD}}, {@code {{ .pw }}},
     * {@code $(vault read ...)}, {@code <from secret x>}, {@code %(pw)s}), or nothing at all ({@code null}).
     */
    static boolean templateOrNothing(String raw) {
        String v = unquoted(raw).strip();
        if (v.startsWith("${") || v.startsWith("{{") || v.startsWith("$(") || v.startsWith("%(")
                || v.startsWith("<") && v.length() > 2) {
            return true;
        }
        String lower = v.toLowerCase(Locale.ROOT);
        return lower.equals("null") || lower.equals("nil") || lower.equals("undefined");
    }

    /**
     * Words that tell how something went, not what it holds: {@code token: expired}, {@code phone: not provided},
     * {@code (using password: YES)}, {@code Address: Pending verification}.
     */
    private static final Set<String> STATUS_WORDS = Set.of("yes", "no", "not", "none", "null", "nil", "n/a", "true",
            "false", "ok", "okay", "valid", "invalid", "expired", "granted", "denied", "changed", "rotated", "reset",
            "set", "unset", "missing", "required", "present", "absent", "empty", "accepted", "rejected", "include",
            "omit", "same-origin", "enabled", "disabled", "failed", "failure", "success", "successful", "succeeded",
            "anonymous", "started", "stopped", "pending", "unknown", "unavailable", "provided", "sent", "verified",
            "unverified", "updated", "created", "deleted", "found", "forbidden", "allowed", "mismatch", "matched",
            "refreshed", "revoked", "issued", "generated", "loaded", "saved", "cleared", "removed", "added", "skipped",
            "ignored", "hidden", "masked", "redacted", "undefined", "off", "on", "unexpected", "malformed",
            "unauthorized", "error", "refused", "received", "requested", "timeout");

    /** Words that follow a status word in a status phrase: "not provided", "not set yet", "pending verification". */
    private static final Set<String> STATUS_FILLERS = Set.of("yet", "in", "by", "at", "for", "the", "a", "an", "to",
            "verification", "configured", "supplied", "given", "request", "available", "applicable", "known");

    /**
     * Whether a value (quotes and final punctuation aside) is a status phrase and nothing more: a
     * {@link #STATUS_WORDS status word}, then at most three more words of such words and fillers, no digit anywhere.
     * A value that only opens with one ({@code password=no1canGuess}, {@code "not my real password"},
     * {@code full_name=Nil Yilmaz}) is a value.
     */
    static boolean isStatusPhrase(String value) {
        String v = unquoted(value).strip();
        while (!v.isEmpty() && ".,;!)]}".indexOf(v.charAt(v.length() - 1)) >= 0) {
            v = v.substring(0, v.length() - 1);
        }
        if (v.isEmpty() || v.length() > 48) {
            return false;
        }
        // Written all lower-case or all capitals ("not provided", "YES"): "Null" and "Present" are surnames too.
        if (!v.equals(v.toLowerCase(Locale.ROOT)) && !v.equals(v.toUpperCase(Locale.ROOT))) {
            return false;
        }
        if (unquoted(value).strip().regionMatches(true, 0, "no.", 0, 3)) {
            return false; // "No. 12345678": a number
        }
        String[] words = BLANKS.split(v.toLowerCase(Locale.ROOT));
        if (words.length > 4) {
            return false;
        }
        boolean status = false;
        for (String w : words) {
            if (!STATUS_WORDS.contains(w) && !STATUS_FILLERS.contains(w)) {
                return false;
            }
            status |= STATUS_WORDS.contains(w);
        }
        return status;
    }

    /**
     * Whether a password's value is a yes or a no ({@code (using password: YES)}, MySQL's note of whether one was
     * sent). Other words stay values: {@code password=okay} is a weak password, not a status.
     */
    static boolean yesOrNo(String value) {
        String v = unquoted(value).strip();
        return v.equalsIgnoreCase("yes") || v.equalsIgnoreCase("no");
    }

    private static String unquoted(String v) {
        return v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.charAt(v.length() - 1) == v.charAt(0)
                ? v.substring(1, v.length() - 1) : v;
    }

    // Compiled once: these run for every value found under a key in text.
    private static final java.util.regex.Pattern BLANKS = java.util.regex.Pattern.compile("[ \t]+");
    private static final java.util.regex.Pattern PATH_SEGMENT =
            java.util.regex.Pattern.compile("[a-z][a-z0-9._-]{0,31}");
    private static final java.util.regex.Pattern UNIT_LABEL =
            java.util.regex.Pattern.compile("(?i)(?:unit|apt|suite|flat|no|box)");
    private static final java.util.regex.Pattern QUERY_PARAMETER = java.util.regex.Pattern.compile(
            "\\$\\d{1,3}|\\?|:[A-Za-z_][A-Za-z0-9_]{0,40}|%[sdv]|\\{\\d{0,2}}|-?1");

    /** Where paths of a host's file system begin; a value under one of them is a path, not a secret. */
    private static final List<String> PATH_ROOTS = List.of("/home/", "/opt/", "/var/", "/etc/", "/usr/", "/tmp/",
            "/srv/", "/run/", "/root/", "/mnt/", "/data/", "/app/", "/workspace/", "~/", "./");

    /**
     * A file system path ({@code PWD=/opt/app}, {@code credentials=/var/secrets/google/key.json}), not a secret: under
     * a usual root, each segment a lower-case word (a letter, then letters, digits, {@code ._-}). {@code /letmein1}
     * and a base64 secret that starts with a slash are not.
     */
    private static boolean path(String v) {
        String root = PATH_ROOTS.stream().filter(v::startsWith).findFirst().orElse(null);
        if (root == null && !PATH_ROOTS.contains(v + "/")) {
            return false;
        }
        String rest = root == null ? "" : v.substring(root.length());
        for (String seg : rest.split("/", -1)) {
            if (!seg.isEmpty() && !PATH_SEGMENT.matcher(seg).matches()) {
                return false;
            }
        }
        return true;
    }
    /** SQL's password function, {@code PASSWORD(} in {@code SET PASSWORD = PASSWORD('x')}: the value is inside it. */
    private static boolean sqlPasswordFunction(String v) {
        return v.length() == 9 && v.regionMatches(true, 0, "password(", 0, 9);
    }

    /**
     * A postal address under an address key in text, not a network one: {@code address: 0.0.0.0:8080},
     * {@code address=redis-master:6379}, {@code fault address=0x7f3a2c001234}, {@code [::]:50051}.
     */
    static boolean postalAddress(String value) {
        if (isStatusPhrase(value) || !plausibleInText(value)
                || PLACEHOLDER_WORDS.contains(unquoted(value).toLowerCase(Locale.ROOT))) {
            return false;
        }
        String v = unquoted(value).strip();
        if (v.startsWith("-") && (v.length() == 1 || Character.isWhitespace(v.charAt(1)))) {
            // A dash for nothing, then the next label's words: "Source Network Address: -   Source Port".
            return false;
        }
        if (v.indexOf(' ') >= 0 || v.indexOf(',') >= 0) {
            return true; // words: "127.0.0.1 Evergreen Terrace" is no network address
        }
        // A URL or socket to listen on or reach (http://[::]:8080, unix:/run/app.sock), [::]:443: no one lives there.
        if (v.startsWith("0x") || v.startsWith("[") || v.startsWith(":") || v.contains("://")
                || v.startsWith("unix:")) {
            return false;
        }
        // One word with a call's parenthesis or a host's dots: Str(checkout.shop.svc.cluster.local),
        // db.prod.internal.
        if (v.indexOf('(') >= 0 || v.chars().filter(c -> c == '.').count() >= 2) {
            return false;
        }
        // host:port, an IPv4 address, an IPv6 address, [::1]:8080.
        int colon = v.lastIndexOf(':');
        if (colon > 0 && colon < v.length() - 1 && v.substring(colon + 1).chars().allMatch(Character::isDigit)
                && !UNIT_LABEL.matcher(v.substring(0, colon)).matches()) {
            return false;
        }
        return !(ipv4(v) || v.indexOf(':') >= 0 && ipv6(v));
    }

    /**
     * Whether a value is a machine's name written as one: lower-case words and digits joined by dashes, underscores
     * or dots, one of them a word for a thing or a number ({@code kubernetes-payments-ledger}, {@code ci_runner_02}).
     * A person's name has capitals or spaces, or two parts at most ({@code jean-pierre}).
     */
    static boolean machineName(String v) {
        if (v.length() > 80 || v.isEmpty()) {
            return false;
        }
        String[] parts = v.split("[-_.]", -1);
        if (parts.length < 3) {
            return false;
        }
        boolean thing = false;
        for (String part : parts) {
            if (part.isEmpty() || !part.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= '0' && c <= '9')) {
                return false;
            }
            thing |= THING_WORDS.contains(part) || MACHINE_WORDS.contains(part)
                    || part.chars().anyMatch(Character::isDigit);
        }
        return thing;
    }

    /** Words of machines' names that are not in {@link #THING_WORDS}. */
    private static final Set<String> MACHINE_WORDS = Set.of("kubernetes", "k8s", "svc", "bot", "ci", "cd", "prod",
            "dev", "stg", "qa", "runner", "agent", "daemon", "cron", "lambda", "function", "operator", "controller");

    /**
     * Words that name things in software and commerce, not people: under a key called just "name", a value with one
     * of them ("Order Service", "Default Pool", "Summer Sale") names a service, a job or a product.
     */
    private static final Set<String> THING_WORDS = Set.of("support", "desk", "helpdesk", "help", "care", "billing",
            "payroll", "noreply", "reception", "frontdesk", "hotline", "service", "services", "server", "client",
            "worker", "job", "jobs", "task", "tasks", "queue", "topic", "pool", "cluster", "node", "group", "team", "role", "policy",
            "bucket", "table", "index", "default", "test", "tests", "demo", "api", "app", "application", "gateway",
            "proxy", "manager", "handler", "controller", "processor", "scheduler", "consumer", "producer", "listener",
            "database", "cache", "store", "shop", "order", "orders", "payment", "payments", "checkout", "cart", "user",
            "users", "admin", "account", "accounts", "customer", "customers", "product", "products", "item", "items",
            "plan", "premium", "basic", "standard", "free", "pro", "enterprise", "new", "old", "main", "primary",
            "secondary", "backup", "daily", "weekly", "monthly", "yearly", "report", "reports", "export", "import",
            "sync", "batch", "rule", "rules", "alert", "alerts", "dashboard", "project", "release", "build", "deploy",
            "deployment", "pipeline", "stage", "production", "staging", "development", "central", "europe", "america",
            "asia", "africa", "pacific", "global", "public", "private", "internal", "external", "region", "zone",
            "data", "file", "files", "event", "events", "log", "logs", "metric", "metrics", "health", "check", "status",
            "system", "platform", "engine", "core", "base", "common", "shared", "general", "unknown", "card", "cards",
            "google", "apple", "microsoft", "amazon", "chrome", "firefox", "safari", "edge", "windows", "linux",
            "android", "device", "mobile", "desktop", "web", "portal", "center", "centre", "office", "warehouse", "hub",
            "sale", "sales", "offer", "discount", "coupon", "gift", "holiday", "red", "blue", "gold", "silver",
            "bronze", "platinum", "small", "medium", "large", "top", "best", "high", "low", "fast", "slow", "hello",
            "world", "sample", "example", "the", "of", "and", "for", "with", "to", "in", "on", "at", "by", "my", "our",
            "your", "key", "connect", "boot", "studio", "code", "cloud", "kafka", "redis", "docker", "kubernetes",
            "lambda", "function", "stream", "streams", "bridge", "agent", "exporter", "collector", "operator", "plugin",
            "extension", "console", "visual", "jenkins", "grafana", "prometheus", "kibana", "azure", "oracle", "java",
            "python", "react", "angular", "django", "flask", "laravel", "spring", "token", "secret", "config",
            "settings", "network", "storage", "volume", "disk", "backend", "frontend", "module", "package", "library",
            "feature", "flag", "experiment", "campaign", "channel", "list", "view", "form", "button", "menu", "tab",
            "window", "screen", "error", "errors", "warning", "info", "debug", "trace", "request", "response",
            "session", "login", "logout", "signup", "search", "home", "profile", "shipping", "invoice",
            "invoices", "tax", "refund", "refunds", "subscription", "trial", "monday", "tuesday", "wednesday",
            "thursday", "friday", "saturday", "sunday", "january", "february", "march", "july", "september", "october",
            "november", "december", "corp", "inc", "ltd", "llc", "gmbh", "company", "labs", "systems", "technologies",
            "solutions", "bank", "university", "school", "hospital", "hotel", "airlines", "airport", "created",
            "updated", "deleted", "failed", "completed", "started", "finished", "succeeded", "received", "sent",
            "processed", "cancelled", "canceled", "webhook", "notification", "email", "message", "cron",
            // Organisations, places, things and software that a role key (holder, recipient) also names.
            "department", "dept", "division", "unit", "committee", "board", "foundation", "initiative", "institute",
            "association", "society", "agency", "authority", "ministry", "council", "partners", "holdings",
            "industries", "corporation", "limited", "plc", "ag", "sa", "bv", "traders", "trading", "widgets",
            "software", "consulting", "enterprises", "international", "ventures", "capital", "finance", "financial",
            "insurance", "room", "hall", "building", "floor", "thread", "process", "speaker", "printer", "camera",
            "sensor", "probe", "balancer", "bot", "robot", "monitoring", "automation", "workflows", "workflow",
            "escalation", "encrypt", "certificate", "ca", "root", "intermediate", "issuer", "signing", "lock",
            "mutex", "semaphore", "writer", "reader", "debian", "ubuntu", "bookworm", "bullseye", "centos", "fedora",
            "alpine", "smart", "source", "open", "duty", "pager", "slack", "teams", "jira", "github", "gitlab",
            "sectigo", "digicert", "verisign", "godaddy",
            // Words of a heading or a status that a role word in a sentence can be followed by.
            "address", "record", "records", "details", "information", "invalid", "locked", "checklist", "onboarding",
            "tracking", "verification", "confirmation", "pending", "approved", "rejected", "missing", "number");

    /** Two or three capitalised words that read as a person's name, none of them a word of software or commerce. */
    static boolean personName(String value) {
        for (String word : BLANKS.split(unquoted(value).strip())) {
            String w = word.endsWith(".") ? word.substring(0, word.length() - 1) : word;
            if (THING_WORDS.contains(w.toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }

    /**
     * A latitude (-90 to 90) and a longitude (-180 to 180), not both under two in size: a pair of scores or an
     * exchange rate (1.09451,1.09512), not a place.
     */
    static boolean geoCoordinates(String v) {
        int comma = v.indexOf(',');
        try {
            double lat = Double.parseDouble(v.substring(0, comma).strip());
            double lon = Double.parseDouble(v.substring(comma + 1).strip());
            return Math.abs(lat) <= 90 && Math.abs(lon) <= 180 && (Math.abs(lat) >= 2 || Math.abs(lon) >= 2);
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            return false;
        }
    }

    /** An identifier under its key: not a placeholder or a path ({@link #password}), and not a status word. */
    static boolean identifier(String v) {
        return password(v) && !isStatusPhrase(v);
    }

    private static final java.util.regex.Pattern HYPHENATED_WORD =
            java.util.regex.Pattern.compile("[a-z0-9]+-[a-z]+[.,;]?");

    /** Letters that stand for digits 0-9 in a fiscal code made unique (omocodia). */
    private static final String OMOCODIA = "LMNPQRSTUV";

    /** An Italian fiscal code whose day of birth (plus 40 for women) is a day: 1-31 or 41-71. */
    static boolean itFiscalCode(String v) {
        if (v.length() != 16) {
            return false;
        }
        int day = 0;
        for (int i = 9; i <= 10; i++) {
            char c = v.charAt(i);
            int digit = c >= '0' && c <= '9' ? c - '0' : OMOCODIA.indexOf(c);
            if (digit < 0) {
                return false;
            }
            day = day * 10 + digit;
        }
        return day >= 1 && day <= 31 || day >= 41 && day <= 71;
    }

    /** Magnetic stripe data whose card number (its first run of digits) passes the card check. */
    static boolean cardTrack(String value) {
        int start = 0;
        while (start < value.length() && !Character.isDigit(value.charAt(start))) {
            start++;
        }
        int end = start;
        while (end < value.length() && Character.isDigit(value.charAt(end))) {
            end++;
        }
        return card(value.substring(start, end));
    }

    /**
     * A password told in a sentence holds a digit or a symbol: "is hunter2" and "set to Winter2024!" are passwords,
     * "is incorrect", "was changed" and "is required" are not.
     */
    static boolean passwordInProse(String value) {
        if (value.indexOf('=') >= 0 || HYPHENATED_WORD.matcher(value).matches()) {
            return false; // "password length=16", "password is sha256-hashed": a setting, a description
        }
        boolean marked = false;
        for (int i = 0; i < value.length() && !marked; i++) {
            char c = value.charAt(i);
            marked = c >= '0' && c <= '9' || "!@#$%^&*?~+=_".indexOf(c) >= 0;
        }
        return marked && !path(value) && !placeholder(value);
    }

    /**
     * A PIN or a one-time code under its key in text holds a digit, or is long (a YubiKey's 44 letters): not
     * {@code pin=main}, {@code otp=disabled}.
     */
    static boolean pinCode(String value) {
        String v = unquoted(value);
        return (v.length() >= 8 || v.chars().anyMatch(c -> c >= '0' && c <= '9')) && plausibleInText(value);
    }

    /** An IPv4 address written with dashes, as in a cloud host name ({@code ip-10-0-5-21}). */
    static boolean ipv4Dashed(String value) {
        return value.indexOf('.') < 0 && ipv4(value.replace('-', '.'));
    }

    /**
     * A connection string or DSN holds a scheme, a user, or settings: not {@code dsn=2.0.0} (a mail status). One whose
     * only secret is a password where the content rules find it is not masked whole: a URL's
     * ({@code postgres://app:pw@db:5432/app?sslmode=require}: {@code url-credentials}) or a {@code Password=} setting
     * of ADO.NET and ODBC ({@code password-key}), so that its host, port and database stay.
     */
    static boolean connectionString(String value) {
        String v = unquoted(value.strip());
        return (v.contains(":") || v.contains("@") || v.contains("=") || v.contains(";") || v.contains("%"))
                && !urlWithItsPasswordFound(v) && !settingsWithTheirPasswordFound(v);
    }

    private static final java.util.regex.Pattern DSN_URL = java.util.regex.Pattern.compile(
            "(?i)[a-z][a-z0-9+.-]{1,20}://(?:(?<user>[^\\s:/?#@'\"]{0,128})(?::(?<password>[^\\s/?#@'\"]{1,256}))?@)?"
                    + "[A-Za-z0-9\\[][A-Za-z0-9.:,\\[\\]_-]{0,511}(?:/[^\\s?#@'\"]{0,512})?"
                    + "(?:\\?(?<query>[^\\s#@'\"]{0,2048}))?");
    /** Words of a parameter's name that say it holds a credential; such a connection string is masked whole. */
    private static final java.util.regex.Pattern CREDENTIAL_NAME = java.util.regex.Pattern.compile(
            "(?i).{0,64}(?:pass|pwd|secret|token|key|auth|sig|cred|cert|session|sas).{0,64}");
    private static final java.util.regex.Pattern SETTING = java.util.regex.Pattern.compile(
            "(?i)(?<name>[A-Za-z][A-Za-z0-9 _.-]{0,40})=(?<value>[^;=\"'\\s]{0,512}|[^;=\"']{0,512})");
    /** The settings of an ADO.NET or ODBC connection string that name no secret. */
    private static final Set<String> PLAIN_SETTINGS = Set.of("server", "data source", "datasource", "address",
            "addr", "network address", "host", "hostname", "port", "database", "initial catalog", "dbname",
            "user id", "userid", "uid", "user", "user name", "username", "encrypt", "trustservercertificate",
            "trust server certificate", "connection timeout", "connect timeout", "timeout", "command timeout",
            "multipleactiveresultsets", "persist security info", "integrated security", "pooling",
            "min pool size", "max pool size", "application name", "applicationintent", "multisubnetfailover",
            "driver", "provider", "dsn", "sslmode", "ssl mode", "charset", "protocol", "service name",
            "servicename", "sid", "authentication");
    private static final Set<String> PASSWORD_SETTINGS = Set.of("password", "pwd");

    /**
     * A URL whose only secret is its user-info password, which {@code url-credentials} masks: one {@code @} at most,
     * a password that is no placeholder, and no query parameter named for a credential.
     */
    private static boolean urlWithItsPasswordFound(String v) {
        java.util.regex.Matcher m = DSN_URL.matcher(v);
        if (!m.matches()) {
            return false;
        }
        String password = m.group("password");
        if (password != null && !password(password)) {
            return false;
        }
        String query = m.group("query");
        if (query != null) {
            for (String parameter : query.split("&", -1)) {
                int eq = parameter.indexOf('=');
                if (CREDENTIAL_NAME.matcher(eq < 0 ? parameter : parameter.substring(0, eq)).matches()) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * {@code key=value;} settings (one or more) of which each is a plain setting (server, database, user...) or a
     * password that {@code password-key} masks up to its semicolon.
     */
    private static boolean settingsWithTheirPasswordFound(String v) {
        if (v.indexOf('=') < 0) {
            return false;
        }
        for (String part : v.split(";", -1)) {
            String setting = part.strip();
            if (setting.isEmpty()) {
                continue;
            }
            java.util.regex.Matcher m = SETTING.matcher(setting);
            if (!m.matches()) {
                return false;
            }
            String name = m.group("name").strip().toLowerCase(Locale.ROOT);
            String settingValue = m.group("value").strip();
            if (PASSWORD_SETTINGS.contains(name)) {
                // password-key reads a value without spaces, quotes or other separators.
                if (!settingValue.isEmpty() && (!PASSWORD_VALUE.matcher(settingValue).matches()
                        || !password(settingValue))) {
                    return false;
                }
            } else if (!PLAIN_SETTINGS.contains(name)) {
                return false;
            }
        }
        return true;
    }

    private static final java.util.regex.Pattern PASSWORD_VALUE = java.util.regex.Pattern.compile(
            "[^\\s\"'&,;<>\\\\)}\\]]{1,512}");

    /**
     * A credential header not masked whole, because the content rules mask its credential and keep its scheme: a
     * scheme and one credential ({@code Bearer eyJ...}, {@code Basic dXNl...}, {@code SSWS 00x...}:
     * {@code authorization-header}), or AWS's signature whose key id and signature {@code aws-access-key-id} and
     * {@code secret-key} find ({@code AWS4-HMAC-SHA256 Credential=AKIA.../20240611/eu-west-1/s3/aws4_request,
     * SignedHeaders=host;x-amz-date, Signature=<64 hex>}). Any other header is masked whole.
     */
    static boolean credentialHeader(String value) {
        String v = unquoted(value.strip()).strip();
        java.util.regex.Matcher m = SCHEME_AND_CREDENTIAL.matcher(v);
        if (m.matches()) {
            return !password(m.group(1));
        }
        if (v.equals("AWS4-HMAC-SHA256")) {
            return false; // in text, the scheme alone: Credential= and Signature= are keys of their own
        }
        m = AWS_SIGNATURE.matcher(v);
        return !(m.matches() && awsKey(m.group(1)));
    }

    private static final java.util.regex.Pattern SCHEME_AND_CREDENTIAL = java.util.regex.Pattern.compile(
            "(?i)(?:bearer|basic|token|ssws|apikey|api-token|key|sso-key|splunk|negotiate|ntlm|hmac)[ \t]{1,3}"
                    + "(?!(?:bearer|basic|token|digest|negotiate)\\b)([A-Za-z0-9._~+/=:@%-]{6,4096})[,;]?");
    private static final java.util.regex.Pattern AWS_SIGNATURE = java.util.regex.Pattern.compile(
            "AWS4-HMAC-SHA256[ \t]{1,3}Credential=((?:AKIA|ASIA)[A-Z2-7]{16})/[0-9]{8}/[a-z0-9-]{1,32}/[a-z0-9-]{1,32}"
                    + "/aws4_request,[ \t]{0,3}SignedHeaders=[A-Za-z0-9;-]{1,1024},[ \t]{0,3}Signature=[0-9a-f]{64}[,;]?");

    /**
     * A cookie header not masked whole, because {@link CookieValues} masks each cookie's value and keeps names and
     * attributes: {@code name=value} pairs parted by semicolons, and the attributes of a {@code Set-Cookie}
     * ({@code Expires=Tue, 25 Jun 2024 10:00:00 GMT; HttpOnly; Path=/}). Anything else is masked whole.
     */
    static boolean cookieHeader(String value) {
        String v = value.strip();
        return v.length() > CookieValues.MAX_HEADER - 8 || !COOKIE_HEADER.matcher(v).matches();
    }

    /**
     * As {@link CookieValues} reads one: cookies and attributes parted by semicolons, a
     * cookie's value without separators or quotes.
     */
    private static final java.util.regex.Pattern COOKIE_HEADER;

    static {
        String part = "(?:(?i:secure|httponly|partitioned|expires=[A-Za-z0-9 ,:-]{1,40})"
                + "|[!#$%&*+.^_`|~0-9A-Za-z-]{1,128}=[^;\\s,\"'\\\\]{0,4096})";
        COOKIE_HEADER = java.util.regex.Pattern.compile(
                "([\"']?)" + part + "(?:;[ \t]{0,64}" + part + "){0,255};?\\1");
    }

    /** A session id, not a Windows security identifier ({@code sid=S-1-5-21-...}). */
    static boolean sessionId(String value) {
        String v = unquoted(value);
        return !v.startsWith("S-1-") && plausibleInText(v);
    }

    /** A secret under a secret's key in text: not a placeholder, not a path, not a status phrase. */
    static boolean secretValue(String value) {
        String v = unquoted(value).strip();
        int space = v.indexOf(' ');
        String first = space < 0 ? v : v.substring(0, space);
        // A value needs a letter or a digit: "auth=(" opens a tuple (auth=('api', 'key-...')), no secret.
        return plausibleInText(v) && v.chars().anyMatch(Character::isLetterOrDigit) && !path(first)
                && !PLACEHOLDER_WORDS.contains(v.toLowerCase(Locale.ROOT)) && !twoWordSetting(v) && !shortWord(v);
    }

    /**
     * One short capitalised word, as a sentence after a component's name starts: "auth: Login failed", "auth: Account
     * locked". A lower-case word stays a value ("secret: opensesame for prod"), as secrets are written.
     */
    private static boolean shortWord(String v) {
        if (v.length() < 2 || v.length() > 12 || v.charAt(0) < 'A' || v.charAt(0) > 'Z') {
            return false;
        }
        return lowerLetters(v, 1, v.length());
    }

    /** Two lower-case words joined by a dash name a mode or a feature ("auth: remember-me", "read-only"). */
    private static boolean twoWordSetting(String v) {
        int dash = v.indexOf('-');
        return dash >= 2 && dash <= 12 && v.length() - dash - 1 >= 2 && v.length() - dash - 1 <= 12
                && lowerLetters(v, 0, dash) && lowerLetters(v, dash + 1, v.length());
    }

    private static boolean lowerLetters(String v, int from, int to) {
        for (int i = from; i < to; i++) {
            if (v.charAt(i) < 'a' || v.charAt(i) > 'z') {
                return false;
            }
        }
        return true;
    }

    /**
     * What a template or a query writes where a value goes, not a value: {@code $1}, {@code ?}, {@code :email},
     * {@code %s}, {@code {}}, and a sort or index direction ({@code { email: 1 }}).
     */
    static boolean notAParameter(String value) {
        String v = unquoted(value).strip();
        return plausibleInText(v) && !QUERY_PARAMETER.matcher(v).matches();
    }

    /** A secret value found next to a secret-ish key: not a placeholder, and not obviously a plain word. */
    static boolean secret(String v) {
        if (placeholder(v) || v.length() < 10 || path(unquoted(v))) {
            return false;
        }
        return entropy(v) >= 2.5;
    }

    /**
     * An AWS key, the documentation's own examples included ({@code AKIAIOSFODNN7EXAMPLE},
     * {@code wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY}): logs and configuration copy them where real keys go, and a
     * reader cannot tell the one from the other. Templates ({@code AKIAXXXXXXXXXXXXXXXX}) still are not keys.
     */
    static boolean awsKey(String v) {
        return secret(v.replace("EXAMPLE", "Ex4mpLe"));
    }

    static boolean highEntropy(String v) {
        if (placeholder(v) || v.length() < 16) {
            return false;
        }
        return v.chars().anyMatch(Character::isDigit) && v.chars().anyMatch(Character::isLetter) && entropy(v) >= 3.2 && longestLowerRun(v) < 6;
    }

    /**
     * The longest run of lower-case letters that could be part of a word. A run of hex letters alone (a to f, as in
     * "eeadbf" inside a random hex id) is not counted: one hex token in ten has six in a row, and the words it is
     * meant to catch (camelCase names) are not made of a to f alone.
     */
    private static int longestLowerRun(String v) {
        int run = 0;
        int max = 0;
        boolean onlyHex = true;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (Character.isLowerCase(c)) {
                onlyHex = (run == 0 || onlyHex) && c >= 'a' && c <= 'f';
                run++;
                if (!onlyHex) {
                    max = Math.max(max, run);
                }
            } else {
                run = 0;
            }
        }
        return max;
    }

    static boolean dateOfBirth(String v) {
        return !placeholder(v) && v.chars().anyMatch(Character::isDigit);
    }

    /** Shannon entropy in bits per character. */
    static double entropy(String s) {
        if (s.isEmpty()) {
            return 0;
        }
        // Counted in an array for ASCII (nearly every secret), summed in character order.
        int[] ascii = new int[128];
        Map<Integer, Integer> other = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 128) {
                ascii[c]++;
            } else {
                if (other == null) {
                    other = new java.util.TreeMap<>();
                }
                other.merge((int) c, 1, Integer::sum);
            }
        }
        double e = 0;
        for (int n : ascii) {
            if (n > 0) {
                e -= entropyTerm(n, s.length());
            }
        }
        if (other != null) {
            for (int n : other.values()) {
                e -= entropyTerm(n, s.length());
            }
        }
        return e;
    }

    private static double entropyTerm(int count, int length) {
        double p = (double) count / length;
        return p * Math.log(p) / Math.log(2);
    }

    /** A token made of letters only (no digits to require), random enough not to be an identifier in code. */
    static boolean highEntropyLetters(String v) {
        String body = v.substring(v.indexOf('_') + 1);
        if (placeholder(body) || entropy(body) < 3.5) {
            return false;
        }
        // camelCase words ("requiredCharacteristicTypes") have long lower-case runs; random tokens rarely do.
        int run = 0;
        for (int i = 0; i < body.length(); i++) {
            run = Character.isLowerCase(body.charAt(i)) ? run + 1 : 0;
            if (run >= 8) {
                return false;
            }
        }
        return true;
    }

    /** {@code user:password} as given to curl -u: the secret half must be present and not a placeholder. */
    static boolean userPassword(String raw) {
        String v = raw.replace("\"", "").replace("'", "");
        int colon = v.indexOf(':');
        if (colon < 0) {
            return false;
        }
        String user = v.substring(0, colon);
        String pass = v.substring(colon + 1);
        String secret = pass.isEmpty() ? user : pass;
        if (secret.isEmpty() || secret.equals(user) && !pass.isEmpty()) {
            return false;
        }
        if (secret.startsWith("$") || secret.startsWith("<") || secret.startsWith("[") || secret.startsWith("{{")
                || secret.startsWith("%")) {
            return false;
        }
        String lower = secret.toLowerCase(Locale.ROOT);
        return !Set.of("password", "pass", "passwd", "secret", "test", "changeme", "xxx", "token", "apikey")
                .contains(lower) && !placeholderWord(lower);
    }

    private static boolean placeholderWord(String lower) {
        String core = lower.replaceAll("[^a-z0-9]", "");
        return core.isEmpty() || allSame(core) || lower.contains("password") && lower.length() < 12;
    }

    /** Base64 that decodes to printable {@code user:password}. */
    static boolean basicCredentials(String v) {
        try {
            String decoded = new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            long odd = decoded.chars().filter(c -> c < 0x20 || c == 0x7f || c == 0xfffd).count();
            return colon >= 0 && odd <= 2 && !decoded.startsWith("{");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    /** Bitcoin address: base58check with version 0 or 5, or bech32/bech32m with the bc1 prefix. */
    static boolean bitcoin(String v) {
        if (v.startsWith("bc1")) {
            return bech32(v);
        }
        java.math.BigInteger n = java.math.BigInteger.ZERO;
        for (char c : v.toCharArray()) {
            int d = BASE58.indexOf(c);
            if (d < 0) {
                return false;
            }
            n = n.multiply(java.math.BigInteger.valueOf(58)).add(java.math.BigInteger.valueOf(d));
        }
        byte[] raw = n.toByteArray();
        byte[] b = new byte[25];
        int leadingOnes = 0;
        while (leadingOnes < v.length() && v.charAt(leadingOnes) == '1') {
            leadingOnes++;
        }
        int off = raw.length > 1 && raw[0] == 0 ? 1 : 0;
        int len = raw.length - off;
        if (len + leadingOnes > 25) {
            return false;
        }
        System.arraycopy(raw, off, b, 25 - len, len);
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            byte[] h = sha.digest(sha.digest(java.util.Arrays.copyOf(b, 21)));
            for (int i = 0; i < 4; i++) {
                if (h[i] != b[21 + i]) {
                    return false;
                }
            }
            return b[0] == 0 || b[0] == 5;
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean bech32(String v) {
        String charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
        String s = v.toLowerCase(Locale.ROOT);
        int pos = s.lastIndexOf('1');
        if (pos < 1 || pos + 7 > s.length()) {
            return false;
        }
        int[] values = new int[s.length() - pos - 1];
        for (int i = 0; i < values.length; i++) {
            values[i] = charset.indexOf(s.charAt(pos + 1 + i));
            if (values[i] < 0) {
                return false;
            }
        }
        String hrp = s.substring(0, pos);
        int chk = 1;
        int[] gen = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
        int[] expanded = new int[hrp.length() * 2 + 1 + values.length];
        int k = 0;
        for (char c : hrp.toCharArray()) {
            expanded[k++] = c >> 5;
        }
        expanded[k++] = 0;
        for (char c : hrp.toCharArray()) {
            expanded[k++] = c & 31;
        }
        System.arraycopy(values, 0, expanded, k, values.length);
        for (int x : expanded) {
            int top = chk >>> 25;
            chk = (chk & 0x1ffffff) << 5 ^ x;
            for (int i = 0; i < 5; i++) {
                if ((top >>> i & 1) != 0) {
                    chk ^= gen[i];
                }
            }
        }
        return chk == 1 || chk == 0x2bc830a3;
    }
}
