package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Lists of name/value pairs in structured events, flattened: the value's path names nothing, the sibling's text
 * says what the value holds.
 */
class StructuredNameValuePairsTest {

    private final MaskingService masker = MaskingFixtures.service(new FastEngine());
    private final MaskingContext strict = MaskingContext.strict("orders");

    private Map<String, MaskedText> mask(String... pathsAndValues) {
        return masker.mask(strict, MaskingFixtures.fields(pathsAndValues)).asMap();
    }

    @Test
    void an_open_telemetry_attribute_is_masked_by_its_key() {
        Map<String, MaskedText> masked = mask(
                "attributes.0.key", "db.password", "attributes.0.value.stringValue", "Pl-Reg!st3r",
                "attributes.1.key", "user.full_name", "attributes.1.value.stringValue", "Emily Clarke",
                "attributes.2.key", "http.route", "attributes.2.value.stringValue", "/orders/{id}");

        assertThat(masked.get("attributes.0.value.stringValue").text()).isEqualTo("[REDACTED:password]");
        assertThat(masked.get("attributes.1.value.stringValue").text()).startsWith("‹name:");
        assertThat(masked.get("attributes.2.value.stringValue").text()).isEqualTo("/orders/{id}");
        assertThat(masked.get("attributes.0.key").text()).isEqualTo("db.password");
    }

    @Test
    void an_env_list_and_user_attributes_are_masked_by_their_names() {
        Map<String, MaskedText> masked = mask(
                "env.0.name", "SPRING_DATASOURCE_PASSWORD", "env.0.value", "ch3ck0ut-DB-pw!",
                "userAttributes.0.name", "family_name", "userAttributes.0.value", "Fernández Ortega",
                "modifiedProperties.0.displayName", "StreetAddress",
                "modifiedProperties.0.newValue", "ul. Marszałkowska 84/92");

        assertThat(masked.get("env.0.value").text()).isEqualTo("[REDACTED:password]");
        assertThat(masked.get("userAttributes.0.value").text()).startsWith("‹name:");
        assertThat(masked.get("modifiedProperties.0.newValue").text()).startsWith("‹address:");
    }

    @Test
    void a_header_list_of_two_element_arrays_is_masked_by_the_header_name() {
        Map<String, MaskedText> masked = mask("request.headers.0.0", "Host", "request.headers.0.1", "shop.acme.io",
                "request.headers.1.0", "X-Api-Key", "request.headers.1.1", "ak_Mi3qdPE3xJ7gT2H2hsfWkrC5Gj1B");

        assertThat(masked.get("request.headers.0.1").text()).isEqualTo("shop.acme.io");
        assertThat(masked.get("request.headers.1.1").text()).doesNotContain("ak_Mi3qdPE3");
    }

    @Test
    void a_fhir_identifier_is_masked_by_the_last_segment_of_its_system() {
        Map<String, MaskedText> masked = mask(
                "identifier.0.system", "http://hl7.org/fhir/sid/us-mbi", "identifier.0.value", "6TU2Y12GH45",
                "identifier.1.system", "urn:oid:2.16.840.1.113883.4.1", "identifier.1.value", "123456789",
                "identifier.2.system", "http://hospital.example.org/mrn", "identifier.2.value", "MRN-004412",
                "identifier.3.system", "http://example.org/orders", "identifier.3.value", "ORD-1");

        assertThat(masked.get("identifier.0.value").text()).startsWith("‹health-id:");
        assertThat(masked.get("identifier.1.value").text()).startsWith("‹national-id:");
        assertThat(masked.get("identifier.2.value").text()).startsWith("‹health-id:");
        assertThat(masked.get("identifier.3.value").text()).isEqualTo("ORD-1");
        assertThat(masked.get("identifier.0.system").text()).isEqualTo("http://hl7.org/fhir/sid/us-mbi");
    }

    @Test
    void dicom_json_attributes_are_masked_by_their_tags_and_their_value_representations_stay() {
        Map<String, MaskedText> masked = mask(
                "00100020.vr", "LO", "00100020.Value.0", "NL-UMC-0884120",
                "00100030.vr", "DA", "00100030.Value.0", "19840229",
                "00101040.Value.0", "Keizersgracht 1, Amsterdam",
                "00080060.Value.0", "MR");

        assertThat(masked.get("00100020.Value.0").text()).startsWith("‹health-id:");
        assertThat(masked.get("00100030.Value.0").text()).startsWith("‹dob:");
        assertThat(masked.get("00101040.Value.0").text()).startsWith("‹address:");
        assertThat(masked.get("00100020.vr").text()).isEqualTo("LO");
        assertThat(masked.get("00080060.Value.0").text()).isEqualTo("MR");
    }

    @Test
    void a_list_of_values_under_a_named_object_is_masked_by_the_objects_name() {
        Map<String, MaskedText> masked = mask("password.v.0", "hunter2", "patient_id.values.0.0", "NL-UMC-0884120");

        assertThat(masked.get("password.v.0").text()).isEqualTo("[REDACTED:password]");
        assertThat(masked.get("patient_id.values.0.0").text()).startsWith("‹health-id:");
    }

    @Test
    void a_name_that_is_prose_or_a_metric_names_no_field() {
        Map<String, MaskedText> masked = mask("items.0.name", "Password Manager Pro", "items.0.value", "49.90",
                "metrics.0.name", "orders_total", "metrics.0.value", "1234");

        assertThat(masked.get("items.0.value").text()).isEqualTo("49.90");
        assertThat(masked.get("metrics.0.value").text()).isEqualTo("1234");
    }

    @Test
    void the_same_pairs_written_as_json_text_are_masked_by_their_names_and_keep_their_wrapper() {
        String line = "{\"attributes\":[{\"key\":\"user.full_name\",\"value\":{\"stringValue\":\"Emily Clarke\"}},"
                + "{\"key\":\"db.password\",\"value\":{\"stringValue\":\"Pl-Reg!st3r\"}},"
                + "{\"key\":\"http.route\",\"value\":{\"stringValue\":\"/orders\"}}]}";

        String masked = masker.mask(strict, line).text();

        assertThat(masked).doesNotContain("Emily").doesNotContain("Pl-Reg")
                .contains("{\"stringValue\":\"‹name:", "{\"stringValue\":\"[REDACTED:password]\"}",
                        "{\"stringValue\":\"/orders\"}");
        assertThat(masker.mask(strict, "[{\"name\":\"birthdate\",\"value\":\"1991-04-17\"},"
                + "{\"name\":\"LOG_LEVEL\",\"value\":\"info\"}]").text())
                .doesNotContain("1991-04-17").contains("\"value\":\"info\"");
    }

    @Test
    void a_list_of_values_is_masked_by_the_name_of_its_pair_and_every_name_of_an_object_is_tried() {
        Map<String, MaskedText> masked = mask("list.0.key", "token", "list.0.values.0", "abc123xyz",
                "list.0.values.1", "def456uvw", "props.0.key", "x", "props.0.name", "password",
                "props.0.value", "hunter2");

        assertThat(masked.get("list.0.values.0").text()).doesNotContain("abc123");
        assertThat(masked.get("list.0.values.1").text()).doesNotContain("def456");
        assertThat(masked.get("props.0.value").text()).isEqualTo("[REDACTED:password]");
    }

    @Test
    void a_claim_named_by_a_uri_and_kubernetes_secret_data_are_masked() {
        Map<String, MaskedText> masked = mask(
                "claims.http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname", "Emma",
                "data..dockerconfigjson", "eyJhdXRocyI6e319", "data.tls.key", "LS0tLS1CRUdJTg==");

        assertThat(masked.get("claims.http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname").text())
                .startsWith("‹name:");
        assertThat(masked.get("data..dockerconfigjson").text()).isEqualTo("[REDACTED:secret]");
        assertThat(masked.get("data.tls.key").text()).isEqualTo("[REDACTED:secret]");
    }

    @Test
    void an_env_list_keeps_the_working_directory_and_a_pin_named_branch_as_structured_fields_do() {
        Map<String, MaskedText> masked = mask("env.0.name", "PWD", "env.0.value", "/app", "sin", "0.8414709848");

        assertThat(masked.get("env.0.value").text()).isEqualTo("/app");
        assertThat(masked.get("sin").text()).isEqualTo("0.8414709848");
    }
}
