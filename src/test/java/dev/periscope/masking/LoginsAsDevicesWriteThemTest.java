package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Network devices, RADIUS, directories, web servers and VPNs each write the user their own way; the login is masked
 * in all of them, and what only looks like one (a word of the sentence, a system account, a group) stays.
 */
class LoginsAsDevicesWriteThemTest {

    private final MaskingService masker = MaskingFixtures.service(new FastEngine());
    private final MaskingContext strict = MaskingContext.strict("edge");

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        %ASA-6-722051: Group <GP-Remote> User <tnguyen> IP <73.162.44.201> | tnguyen
        %ASA-5-111008: User 'netadmin-kl' executed the 'show run' command. | netadmin-kl
        AAA user authentication Successful : server =  10.5.0.10 : user = tnguyen | tnguyen
        %PARSER-5-CFGLOG_LOGGEDCMD: User:rvega  logged command:snmp-server | rvega
        url: /rest/api/2/issue; user: jsullivan INFO [c.a.jira.event] Issue created | jsullivan
        Login attempt failed for mvandenberg. | mvandenberg
        42 failed logins for tnguyen from 73.162.44.201 | tnguyen
        authenticate: basic auth user 'ljones' password 'Mabinogi#88' | ljones
        radius: Login incorrect (mschap: MS-CHAP2-Response is incorrect): [lhughes/<via Auth-Type = eap>] (from client ap) | lhughes
        radius: Login OK: [jnguyen/hZ9oZGrp27YmBnBZ7HAOtEsx] (from client bras-07 port 2003) | jnguyen
        slapd[1184]: conn=10412 op=0 BIND dn="uid=jmurphy,ou=people,dc=brightwater,dc=co,dc=uk" method=128 | jmurphy
        member CN=John Smith,CN=Users,DC=corp,DC=local added | John Smith
        middlewareType=BasicAuth users="[ehartmann:$apr1$H6uskkkW$IgXLP6ewTrSuBkTrqE8wj/]" | ehartmann
        openvpn[8812]: 86.44.219.3:51994 [kowen] Peer Connection Initiated with [AF_INET]86.44.219.3:51994 | kowen
        """)
    void the_login_is_masked(String line, String login) {
        String masked = masker.mask(strict, line).text();
        assertThat(masked).doesNotContain(login).contains("‹user:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"auth: Login failed for the third time", "User-Agent: curl/8.0 user: root",
        "user: Unknown", "member cn=developers,ou=groups,dc=corp added", "session opened (uid=1004)",
        "Login failed for root from 10.0.0.1"})
    void what_only_looks_like_a_login_stays(String line) {
        String masked = masker.mask(strict, line).text();
        assertThat(masked).doesNotContain("‹user:");
    }
}
