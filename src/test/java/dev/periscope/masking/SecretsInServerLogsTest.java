package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Secrets that servers write into their own logs in their own shapes: Oracle's easy connect string, FreeRADIUS's
 * logged passwords, PHP's define() of a database password, a session store's keys and a password handed to a new
 * user. The secret goes; what tells a reader which user, host or key it was stays.
 */
class SecretsInServerLogsTest {

    private final BothEngines engines = new BothEngines("ops");

    private String mask(String raw) {
        return engines.mask(raw);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        ORA-01017: logon denied [connect string: SCOTT/Welcome144!@//ora-prod.corp:1521/ORCLPDB1] | ORA-01017: logon denied [connect string: SCOTT/[REDACTED:password]@//ora-prod.corp:1521/ORCLPDB1]
        pool url=app_user/s3cr#t@//10.0.0.5/XEPDB1 | pool url=app_user/[REDACTED:password]@//‹ip:
        define( 'DB_PASSWORD', 'AkS0B4Wg5U9wJAnVcs' ); define( 'DB_HOST', 'db1' ); | define( 'DB_PASSWORD', '[REDACTED:password]' ); define( 'DB_HOST', 'db1' );
        define("AUTH_SALT", "eV_%+t#dFh:1[2hn{rZ0TY/):8-p7"); | define("AUTH_SALT", "[REDACTED:password]");
        "SET" "session:6GN58OPDAtCpFZY6KWe2xHvE5or6JT2HKA88fImO" "{}" "EX" "3600" | "SET" "session:[REDACTED:session]" "{}" "EX" "3600"
        GET spring:session:sessions:3f1c2a9e-4b0a-41d2-8c3e-4f5a6b7c8d9e | GET spring:session:sessions:[REDACTED:session]
        temporary password for new user omoreau@fastmail.com is Sunshine274# (must change) | temporary password for new user ‹email:
        Found key 'cloud.aws.credentials.secret-key' with value 'SgLg91bUQ5u6ADVTN3lFuKkowLpFPPwmSVMmEExY' | Found key 'cloud.aws.credentials.secret-key' with value '[REDACTED:secret]'
        invalid api key {"key": "wAESV5nkthBGJd8xncwjxTZVcUOpdxfW", "path": "/v1"} | invalid api key {"key": "[REDACTED:secret]", "path": "/v1"}
        GET /v1/forecast?q=Berlin&appid=a36a4521a112c88e6943a66531f1243f&units=metric | GET /v1/forecast?q=Berlin&appid=[REDACTED:secret]&units=metric
        amqp uri=amqps://orders:a$b9Kq2@mq.internal:5671/%2Fprod | amqp uri=amqps://orders:[REDACTED:password]@mq.internal:5671/%2Fprod
        amqp uri=amqps://orders:$Xk9pQ2@mq.internal:5671/x | amqp uri=amqps://orders:[REDACTED:password]@mq.internal:5671/x
        Stripe-Signature: t=1718002336,v1=4b0b2a03738e1539a748a9a7bb604c3039b4b1f56ee62dd5a7618638bcdd0a13 | Stripe-Signature: t=1718002336,v1=[REDACTED:secret]
        INFO backup codes issued for bob: 5365-0072, 9045-3395 | INFO backup codes issued for bob: [REDACTED:pin]
        """)
    void the_secret_goes_and_its_user_host_or_key_stays(String line, String maskedStart) {
        assertThat(mask(line)).startsWith(maskedStart).doesNotContain("Welcome144", "s3cr#t", "hZ9o", "hunter2",
                "AkS0B4", "eV_%", "6GN58", "3f1c2a9e", "Sunshine274", "SgLg91", "wAESV5", "a36a4521", "b9Kq2", "Xk9pQ2", "4b0b2a", "5365-0072", "9045-3395");
    }

    @ParameterizedTest
    @ValueSource(strings = {"define( 'WP_DEBUG', false );", "define('AUTH_KEY', 'put your unique phrase here');",
        "define('DB_PASSWORD', getenv('DB_PASSWORD'));", "session:closed after 30s", "GET session:user:42",
        "DEL session:authentication_failed_events",
        "see https://docs.example.com/a/b@//c", "scheduled every 5/10@//",
        "cache evicted {\"key\": \"user_profile_settings_v2_by_id\"}", "GET /fb?appid=1234567890123456",
        "Found key 'server.port' with value '8080'", "failed to fetch oauth token: unexpected status: 401",
        "amqp uri=amqps://orders:$RABBIT_PASSWORD@mq.internal:5671/x", "auth: Account locked after 5 failed attempts",
        "auth: Login failed for the third time", "auth: remember-me cookie issued",
        "recovery codes: enabled for all users"})
    void what_holds_no_secret_in_those_shapes_stays(String line) {
        assertThat(mask(line)).isEqualTo(line);
    }
}
