package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Credential headers, cookies and connection strings keep what tells a reader where a request went (the auth scheme,
 * the cookies' names and attributes, a database's host, port and name): only the credential inside is masked.
 * Whatever is not read so is masked whole.
 */
class HeadersAndConnectionStringsTest {

    private static final String JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMTgzNTciLCJpYXQiOjE3MTg4NTYwMzN9"
            + ".vYWCLLeL5tsuNPJAPw1vVQfeRf8jd3sCIbTS9x2Kq";

    private final MaskingService masker = MaskingFixtures.service(new FastEngine());
    private final MaskingContext strict = MaskingContext.strict("edge");

    private String mask(String raw) {
        return masker.mask(strict, raw).text();
    }

    private Map<String, String> mask(Map<String, String> event) {
        Map<String, String> out = new LinkedHashMap<>();
        masker.mask(strict, event).asMap().forEach((name, text) -> out.put(name, text.text()));
        return out;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        Authorization: Bearer %JWT%                        | Authorization: Bearer [REDACTED:authorization]
        okta-client Authorization: SSWS 00NCNVEVdeYCnDYuT7Yz0Vr2pfmLs-TWZwFdEKfb7K | okta-client Authorization: SSWS [REDACTED:authorization]
        Authorization: Basic dXNlcjpxOHZSMnRMbTQ=          | Authorization: Basic [REDACTED:authorization]
        "{Authorization=Bearer x9Zs2pQ7Lm4Kd8Rt, Accept=*/*}" | "{Authorization=Bearer [REDACTED:authorization], Accept=*/*}"
        Proxy-Authorization: Basic dXNlcjpxOHZSMnRMbTQ=    | Proxy-Authorization: Basic [REDACTED:authorization]
        """)
    void an_authorization_header_keeps_its_scheme_and_loses_its_credential(String line, String masked) {
        assertThat(mask(line.replace("%JWT%", JWT))).isEqualTo(masked);
    }

    @Test
    void an_aws_signature_keeps_its_scheme_and_signed_headers() {
        String masked = mask("Authorization: AWS4-HMAC-SHA256 Credential=AKIAZ4ZP7QR2XK3M5N6B/20240611/eu-west-1/s3/"
                + "aws4_request, SignedHeaders=host;x-amz-date, Signature="
                + "fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024");
        assertThat(masked).startsWith("Authorization: AWS4-HMAC-SHA256 Credential=[REDACTED:")
                .contains("SignedHeaders=host;x-amz-date, Signature=[REDACTED:")
                .doesNotContain("AKIAZ4ZP7QR2XK3M5N6B").doesNotContain("fe5f80f7");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Authorization: Digest username=\"bob\", realm=\"x\", response=\"6629fae4\"",
        "Authorization: SharedKey myaccount:ctzMq410TV3wS7upTBcunJTDLEJwMAZuFPfr0mrrA08=",
        "Authorization: Bearer ya29.a0AfH6 extra words",
    })
    void an_authorization_header_not_read_as_a_scheme_and_one_credential_is_masked_whole(String line) {
        assertThat(mask(line)).startsWith("Authorization: [REDACTED:authorization]").doesNotContain("6629fae4")
                .doesNotContain("ctzMq410").doesNotContain("ya29");
    }

    @Test
    void a_structured_authorization_header_keeps_its_scheme_as_in_a_line() {
        Map<String, String> event = new LinkedHashMap<>();
        event.put("req.headers.authorization", "Bearer " + JWT);
        event.put("req.headers.proxyAuthorization", "Basic dXNlcjpxOHZSMnRMbTQ=");
        event.put("x.authorization", "Digest username=\"bob\", response=\"6629fae4\"");
        assertThat(mask(event)).containsEntry("req.headers.authorization", "Bearer [REDACTED:authorization]")
                .containsEntry("req.headers.proxyAuthorization", "Basic [REDACTED:authorization]")
                .containsEntry("x.authorization", "[REDACTED:authorization]");
    }

    @Test
    void a_cookie_header_keeps_names_attributes_and_plain_settings_and_masks_every_other_value() {
        assertThat(mask("DEBUG Cookie: _shop_session=R5ROcXJSf7w8O3dziQXZ08DT%2F9ck; _ga=GA1.2.844991949.0201405801; "
                + "theme=dark; lang=en-US; consent=1"))
                .isEqualTo("DEBUG Cookie: _shop_session=[REDACTED:session]; _ga=[REDACTED:cookie]; theme=dark; "
                        + "lang=en-US; consent=1");
        assertThat(mask("< Set-Cookie: sessionid=60fn6zr6m2nw656u6xvtknri17txjjpv; expires=Tue, 25 Jun 2024 10:00:00 GMT;"
                + " HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax; Secure"))
                .isEqualTo("< Set-Cookie: sessionid=[REDACTED:session]; expires=Tue, 25 Jun 2024 10:00:00 GMT;"
                        + " HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax; Secure");
        assertThat(mask("headers: {cookie: 'connect.sid=s%3Aab12cd34.xyz9; prefs=Q2x4Vm9; a=b1', x: 1}"))
                .isEqualTo("headers: {cookie: 'connect.sid=[REDACTED:session]; prefs=[REDACTED:cookie]; "
                        + "a=[REDACTED:cookie]', x: 1}");
        assertThat(mask("Cookie: a=b12345;     c=d12345")).doesNotContain("b12345").doesNotContain("d12345");
    }

    @Test
    void a_structured_cookie_header_keeps_names_and_attributes() {
        Map<String, String> event = new LinkedHashMap<>();
        event.put("req.headers.cookie", "sid=Zk29xQ7pLm4; theme=dark");
        event.put("headers.Set-Cookie.0", "JSESSIONID=9A8B7C6D5E4F3A2B; Path=/; Secure; HttpOnly");
        event.put("res.setCookie", "token=Zk29xQ7pLm4Kd8Rt; Path=/");
        event.put("other.cookie", "not a cookie list, Zk29xQ7pLm4");
        assertThat(mask(event)).containsEntry("req.headers.cookie", "sid=[REDACTED:session]; theme=dark")
                .containsEntry("headers.Set-Cookie.0", "JSESSIONID=[REDACTED:session]; Path=/; Secure; HttpOnly")
                .hasEntrySatisfying("res.setCookie", v -> assertThat(v).startsWith("token=[REDACTED:")
                        .endsWith("]; Path=/"))
                .containsEntry("other.cookie", "[REDACTED:cookie]");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        env: DATABASE_URL=postgres://checkout:uStfbLJjTydZVy1HIPUN@checkout-db.svc:5432/checkout?sslmode=require | env: DATABASE_URL=postgres://checkout:[REDACTED:password]@checkout-db.svc:5432/checkout?sslmode=require
        REDIS_URL=redis://:FyIA8g7yCfqcrFfmEIHL@redis-master.cache.svc:6379/0 | REDIS_URL=redis://:[REDACTED:password]@redis-master.cache.svc:6379/0
        ConnectionString: Server=tcp:crm-sql.database.windows.net,1433;Initial Catalog=Crm;User ID=crmadmin;Password=TnqfgGm7E8yBwCe;Encrypt=True; | ConnectionString: Server=tcp:crm-sql.database.windows.net,1433;Initial Catalog=Crm;User ID=crmadmin;Password=[REDACTED:password];Encrypt=True;
        """)
    void a_connection_string_keeps_its_host_port_and_database_and_loses_its_password(String line, String masked) {
        assertThat(mask(line)).isEqualTo(masked);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "DATABASE_URL=postgres://checkout@db/checkout?sslpassword=Zk29xQ7pLm4",
        "DATABASE_URL=mysql://app:p@ss@Zk29xQ7pLm4@db/app",
    })
    void a_connection_string_with_another_credential_or_an_unclear_shape_is_masked_whole(String line) {
        assertThat(mask(line)).doesNotContain("Zk29xQ7pLm4").endsWith("[REDACTED:secret]");
        assertThat(mask("ConnectionString: Server=db;Database=app;AccountKey=Zk29xQ7pLm4Kd8Rt;"))
                .doesNotContain("Zk29xQ7pLm4");
    }

    @Test
    void a_structured_connection_string_keeps_its_host_as_in_a_line() {
        Map<String, String> event = new LinkedHashMap<>();
        event.put("dsn", "postgresql://svc:Zk29xQ7pLm4Kd8Rt@warehouse.internal:5432/dw");
        event.put("db.dsn", "postgresql://svc@warehouse.internal:5432/dw?token=Zk29xQ7pLm4Kd8Rt");
        assertThat(mask(event))
                .containsEntry("dsn", "postgresql://svc:[REDACTED:password]@warehouse.internal:5432/dw")
                .containsEntry("db.dsn", "[REDACTED:secret]");
    }
}
