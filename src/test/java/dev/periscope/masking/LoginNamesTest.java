package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Login names as Unix services, sudo, PAM and web servers write them are tokenized; system and service accounts
 * stay, so that an on-call engineer still sees that root ran a command or a scanner tried "admin".
 */
class LoginNamesTest {

    private final MaskingService masker = MaskingFixtures.service(new FastEngine());
    private final MaskingContext strict = MaskingContext.strict("auth");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "sshd[43041]: Failed password for robert.martin from 203.0.113.7 port 4301 ssh2|robert.martin",
        "sshd[1]: Failed password for invalid user kjones from 203.0.113.7 port 22 ssh2|kjones",
        "sshd[41212]: Accepted publickey for jokafor from 203.0.113.7 port 13882 ssh2: ED25519|jokafor",
        "pam_unix(sshd:session): session opened for user nwilliams(uid=1045) by (uid=0)|nwilliams",
        "sshd[18342]: Connection closed by authenticating user jeanluc29 203.0.113.7 port 46429|jeanluc29",
        "systemd-logind[621]: New session 456 of user david.schmidt.|david.schmidt",
        "useradd[72505]: new user: name=martinezl, UID=1047, GID=1046, home=/home/martinezl|martinezl",
        "sudo: lopezm : TTY=pts/1 ; PWD=/home/lopezm ; USER=root ; COMMAND=/usr/bin/id|lopezm",
        "pam_unix(sudo:auth): authentication failure; logname=cheno uid=1085 euid=0 ruser=cheno user=cheno|cheno",
        "passwd[45715]: password changed for kivanova|kivanova",
        "AUDIT action=PASSWORD_CHANGE user=mary_sch49 result=SUCCESS|mary_sch49",
        "WAF act=login suser=hughesb src=203.0.113.7|hughesb",
        "ProviderManager - Authenticated user bjorn.cohen with authorities [ROLE_USER]|bjorn.cohen",
        "[auth_basic:error] [client 203.0.113.7:13234] AH01617: user mlee: authentication failure for \"/\"|mlee",
        "68.186.8.106 - kjohansson [23/Nov/2025:09:19:27 +0000] \"GET /admin HTTP/1.1\" 200 699|kjohansson",
        "{\"user\": \"emma_moo6\", \"action\": \"login\"}|emma_moo6",
        "\"arn\":\"arn:aws:iam::123456789012:user/nsato\"|nsato",
        "arn:aws:iam::123456789012:user/division/team/jdoe ok|jdoe",
        "An account failed to log on. Account Name:\t\temily.williams Account Domain: CORP|emily.williams",
    })
    void a_login_name_in_an_auth_log_is_tokenized(String line, String name) {
        String masked = masker.mask(strict, line).text();
        assertThat(masked).as(line).doesNotContain(name).contains("‹user:");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "sudo: root : TTY=pts/0 ; PWD=/opt/app ; USER=root ; COMMAND=/bin/ls",
        "sshd[9]: Invalid user admin from host-a port 5022",
        "sshd[9]: Failed password for root from host-a port 22 ssh2",
        "pam_unix(cron:session): session opened for user www-data(uid=33) by (uid=0)",
        "systemd-logind[621]: New session 12 of user systemd-timesync.",
        "127.0.0.1 - - [23/Nov/2025:09:19:27 +0000] \"GET /healthz HTTP/1.1\" 200 2",
        "connecting with user=postgres dbname=orders sslmode=require",
        "query user=42 returned 3 rows",
        "user=svc-billing rotated credentials",
        "logged in as user 1045 from the console", "dbname=orders user=orders_app sslmode=require",
        "user=github-actions[bot] pushed", "jdbc:postgresql://db:5432/bi?user=metabase_svc",
        "home=/home/site/wwwroot", "log_line_prefix user=grafana_reader,db=orders",
    })
    void a_system_or_service_account_or_a_numeric_id_stays(String line) {
        String expected = line.replace("127.0.0.1", "host-a");
        assertThat(masker.mask(strict, expected).text()).isEqualTo(expected);
    }
}
