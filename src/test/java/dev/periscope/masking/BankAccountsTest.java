package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bank account numbers, sort codes and routing numbers under plain keys: {@code account} alone counts only next to a
 * word of banking, since AWS accounts and customers' numbers are written the same way. Also the parties of an MT940
 * statement line and of a Fedwire transfer, and what stays: a URL's numbered parameter, a customs tariff code.
 */
class BankAccountsTest {

    private final MaskingService masker = MaskingFixtures.service(new FastEngine());
    private final MaskingContext strict = MaskingContext.strict("payroll");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "payroll for Emily NI number PX002037D tax code 1257L sort code 37-51-16 account 85028265 | 37-51-16,85028265",
        "ACH entry created: routing=137620829 account=75596807 amount=1520.00 | 137620829,75596807",
        "payout {\"bank\":{\"routing\":\"181104883\",\"account\":963368436134}} | 181104883,963368436134",
        "beneficiary bank details sort_code=401276 acct: 31926819 | 401276,31926819",
        "wire to ABA routing number 021000021 | 021000021",
    })
    void an_account_a_sort_code_or_a_routing_number_next_to_banking_words_is_masked(String line, String values) {
        String masked = masker.mask(strict, line).text();
        for (String value : values.split(",")) {
            assertThat(masked).as(line).doesNotContain(value);
        }
        if (line.contains("amount=")) {
            assertThat(masked).contains("amount=1520.00");
        }
    }

    @Test
    void an_account_under_a_bank_object_of_a_structured_event_is_masked() {
        Map<String, MaskedText> masked = masker.mask(strict, Map.of("employee.bank.routing", "181104883",
                "employee.bank.account", "11927128", "detail.routing", "round-robin", "account", "123456789012"))
                .asMap();
        assertThat(masked.get("employee.bank.routing").text()).startsWith("‹bank-account:");
        assertThat(masked.get("employee.bank.account").text()).startsWith("‹bank-account:");
        assertThat(masked.get("detail.routing").text()).isEqualTo("round-robin");
        assertThat(masked.get("account").text()).isEqualTo("123456789012");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "assumed role in account 970372057482",
        "AWS account 123456789012 in us-east-1, bank-sync job",
        "account=shop-eu routing=round-robin",
        "account 42 suspended after 3 attempts",
        "ACH batch account=1520.00 settled",
        "bank sync: accounts=123456 synced",
        "routing_key=order.created, routing table has 123456789 entries",
        "{\"account\":\"shop-eu\",\"bank\":\"ing\"}",
    })
    void an_account_id_a_count_an_amount_or_a_routing_key_stays(String line) {
        assertThat(masker.mask(strict, line).text()).isEqualTo(line);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        ":86:166?00GUTSCHRIFT?20INVOICE 4411?31DE89370400440532013000?32MUELLER HANS?33GMBH?3412 "
                + "| DE89370400440532013000,MUELLER HANS",
        ":86:?20INVOICE 4411?32MUELLER HANS?33GMBH?60DE89370400440532013000 | DE89370400440532013000,MUELLER",
        "{4200}D12345678*JOHN SMITH*12 MAIN ST*NEW YORK NY* | D12345678,JOHN SMITH,MAIN ST",
        "{5000}123456789*ACME CORP*1 HARBOR WAY* | 123456789,HARBOR",
    })
    void the_counterparty_of_a_statement_line_or_a_wire_transfer_is_masked(String line, String values) {
        String masked = masker.mask(strict, line).text();
        for (String value : values.split(",")) {
            assertThat(masked).as(line).doesNotContain(value.strip());
        }
        assertThat(masked).doesNotContain("?20‹");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET /search?31=abc&q=1", "HS code 8471.30.0100 declared", "tariff 8517.62.0090 applied"})
    void a_numbered_url_parameter_or_a_tariff_code_stays(String line) {
        assertThat(masker.mask(strict, line).text()).isEqualTo(line);
    }
}
