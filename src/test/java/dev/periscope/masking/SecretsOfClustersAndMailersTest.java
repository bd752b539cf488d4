package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Secrets that clusters, mailers and chat servers print in their own shapes: an Erlang cookie, an ACL token's Secret
 * ID, SMTP's AUTH PLAIN, a Python auth tuple, a PagerDuty integration key, a Matrix access token, a recovery phrase,
 * and a hex token named in prose whatever runs of the letters a to f it happens to hold.
 */
class SecretsOfClustersAndMailersTest {

    private final MaskingService masker = MaskingFixtures.service(new FastEngine());
    private final MaskingContext strict = MaskingContext.strict("ops");

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        mailer: sending via Mailgun auth=('api', '312881b1150de58afa34b7652f77b242-5ada0d98-53bf119d') to=['x'] | 312881b1150de58afa34b7652f77b242
        POST /v2/enqueue {"routing_key":"4963511ddc98faba3f782a1b2f646a60","event_action":"trigger"} | 4963511ddc98faba3f782a1b2f646a60
        -home /var/lib/rabbitmq -- -setcookie RKYTIAXIYFTJPXUHBUDJ -sname rabbit@mq-2 | RKYTIAXIYFTJPXUHBUDJ
        Secret ID    = c5355f13-9d8c-495f-bb37-563ddb53319c | c5355f13-9d8c-495f-bb37-563ddb53319c
        send: 'AUTH PLAIN AGFsZXJ0c0BvYWtyaWRnZS1wbHVtYmluZy5jby51awBQbDBtYiEyMDI1' | AGFsZXJ0c0BvYWtyaWRnZS1wbHVtYmluZy5jby51awBQbDBtYiEyMDI1
        Invalid access token in request: syt_amFuLmRld29sZg_BqnGBxlqmdbsEsoEzNX9_Xq6uyb | BqnGBxlqmdbsEsoEzNX9
        signer config loaded: mnemonic="vivid lottery tragic zebra wagon cousin pilot empty ladder thunder salute width" | zebra
        entering checkoutHandler.handle with session token tok_test_2bf2fb9d626730eeadbf79a5 | 2bf2fb9d626730eeadbf79a5
        entering paymentsHandler.handle with session token tok_test_4debdabefdce30fc952ffd67 | 4debdabefdce30fc952ffd67
        """)
    void the_secret_is_redacted(String line, String secret) {
        String masked = masker.mask(strict, line).text();
        assertThat(masked).doesNotContain(secret).contains("[REDACTED:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"publish routing_key=orders.created exchange=events",
        "mailer: sending via Mailgun auth=('api', '312881b1150de58afa34b7652f77b242') ok"})
    void a_broker_s_routing_key_and_the_tuple_around_a_password_stay(String line) {
        String masked = masker.mask(strict, line).text();
        assertThat(masked).contains(line.contains("routing_key=") ? "routing_key=orders.created" : "auth=('api', '");
    }
}
