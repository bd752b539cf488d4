package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An IPv6 address with its port written after it: the address is masked, a port that cannot be a group stays. */
class AddressesWithPortsTest {

    private final MaskingService masker = MaskingFixtures.service(new FastEngine());
    private final MaskingContext strict = MaskingContext.strict("edge");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[error] [client 2001:c6d9:80d::b4d7:42274] File not found | 2001:c6d9:80d::b4d7 | :42274]",
        "AH01630: client denied [client 2a02:8108:1f40::12:51002] | 2a02:8108:1f40::12 | :51002]",
        "accepted from fe80::1%2:51234 | fe80::1%2 | :51234",
        "Connect to [2001:db8::1]:8080 | 2001:db8::1 | ]:8080",
    })
    void the_address_is_masked_and_a_port_after_it_stays(String line, String address, String port) {
        String masked = masker.mask(strict, line).text();
        assertThat(masked).doesNotContain(address).contains("‹ip:").contains(port);
    }

    @Test
    void four_digits_after_an_address_that_could_be_its_last_group_are_masked_with_it() {
        assertThat(masker.mask(strict, "[client 2001:db8::1:8080] denied").text())
                .doesNotContain("2001:db8").matches("\\[client ‹ip:[0-9a-f]{8}›\\] denied");
    }

    @Test
    void a_time_with_five_digits_after_it_is_no_address() {
        String line = "ts 12:34:56:12345 tick";
        assertThat(masker.mask(strict, line).text()).isEqualTo(line);
    }
}
