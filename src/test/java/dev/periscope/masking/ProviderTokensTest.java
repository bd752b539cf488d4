package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Provider credentials found by their own format, with no key name next to them to give them away. Every token here
 * is random characters in the provider's shape, not a real credential.
 */
class ProviderTokensTest {

    private final MaskingService masker = MaskingFixtures.service(new FastEngine());
    private final MaskingService reference = MaskingFixtures.service(new ReferenceEngine());
    private final MaskingContext strict = MaskingContext.strict("svc");

    private String mask(String raw) {
        return masker.mask(strict, raw).text();
    }

    private void assertRedacted(String line, String token, String label) {
        String masked = mask(line.replace("%s", token));
        assertThat(masked).doesNotContain(token).contains("[REDACTED:").contains("[REDACTED:" + label + "]");
    }

    private void assertUnchanged(String line) {
        assertThat(mask(line)).isEqualTo(line);
    }

    @Test
    void redacts_the_aws_documentation_example_keys_as_any_key_and_not_a_template_of_x() {
        assertRedacted("AWS_ACCESS_KEY_ID=%s", "AKIAIOSFODNN7EXAMPLE", "aws-key-id");
        assertRedacted("{\"aws_secret_access_key\": \"%s\"}", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                "aws-secret");
        assertUnchanged("key = AKIAXXXXXXXXXXXXXXXX");
    }

    @Test
    void redacts_a_heroku_v2_api_key() {
        assertRedacted("heroku: releases:create --app shop-api as %s ok",
                "HRKU-AAwafr7_u42Fjahs5LdTGjjGu5PDHHIUrQdMftdK7Z9Z2AOyxpz_Yyj1v3X_", "heroku-key");
        assertUnchanged("heroku: client HRKU-AA7vQ2x unknown, falling back to netrc");
    }

    @Test
    void redacts_a_mailchimp_api_key_and_not_a_short_hex_id_with_a_data_center() {
        assertRedacted("mailchimp client init dc=us21 using %s", "3e1fd31f6bf54ea18ccba202487d261e-us21",
                "mailchimp-key");
        assertUnchanged("campaign 3e1fd31f6bf54ea1-us21 sent to list en-us2");
    }

    @Test
    void redacts_a_brevo_api_key() {
        assertRedacted("brevo: POST /v3/smtp/email rejected for %s (401)",
                "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",
                "brevo-key");
        assertUnchanged("brevo: key prefix xkeysib-10ae9fc6 not recognised");
    }

    @Test
    void redacts_a_hubspot_private_app_token() {
        assertRedacted("hubspot crm sync started with %s for portal 4411", "pat-na1-ab17a6e0-9787-4c57-9935-b765e70ebe32",
                "hubspot-token");
        assertUnchanged("hubspot: compat-na1-region flag set, portal pat-na1-settings loaded");
    }

    @Test
    void redacts_a_plaid_access_token() {
        assertRedacted("plaid /transactions/sync item=itm_42 with %s",
                "access-production-3cee1c2b-48d7-4d4c-b348-c06afe63e227", "plaid-token");
        assertUnchanged("plaid: using access-production-logs bucket for item itm_42");
    }

    @Test
    void redacts_an_airtable_personal_access_token() {
        assertRedacted("airtable GET /v0/appX1/Orders 401 with %s",
                "patJLc0DTFuvEVViv.f19296a1efb9cb79fb0d5d2ab88c909585d1f1ee837f4c9d766ba5d3d511ca1e", "airtable-token");
        assertUnchanged("loaded patternMatching01.f19296a1efb9 from cache, path /v0/appX1/Orders");
    }

    @Test
    void redacts_a_shippo_api_token() {
        assertRedacted("shippo label purchase failed, client built with %s",
                "shippo_live_8945b68a4d389bfa89b61f7fe688bcc2a8fd7b7a", "shippo-token");
        assertUnchanged("shippo_live_mode=true carrier=usps");
    }

    @Test
    void redacts_a_planetscale_token() {
        assertRedacted("pscale connect orders main with %s", "pscale_tkn_tZkS8vjpZWKAg2aYsWkbiPJXujzTp2xeuREAscXV4vp",
                "planetscale-token");
        assertUnchanged("pscale: pscale_tkn_abc123 is not a valid service token name");
    }

    @Test
    void redacts_a_figma_personal_access_token() {
        assertRedacted("figma export of file kq8Zb failed, X-Figma-Token %s", "figd_iME6Zuxk5Sb0IfSWJ9mdbzfK1n_jDwVEgbf55KuQ",
                "figma-token");
        assertUnchanged("figma: plugin figd_export_v2 loaded");
    }

    @Test
    void redacts_a_groq_api_key() {
        assertRedacted("llm provider=groq model=llama3-70b key %s", "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",
                "groq-key");
        assertUnchanged("metrics gsk_requests_total=42 gsk_latency_ms=130");
    }

    @Test
    void redacts_a_replicate_api_token() {
        assertRedacted("replicate predictions.create with %s returned 401", "r8_vQNuguwzA9t5jfS6SyI6AD1NcueZ5esNNksND",
                "replicate-token");
        assertUnchanged("replicate: model r8_vision_v2 warming up");
    }

    @Test
    void redacts_a_supabase_access_token() {
        assertRedacted("supabase functions deploy --project-ref abcd with %s", "sbp_e472b4812d5702984287c56472fb7fd10068e2cb",
                "supabase-token");
        assertUnchanged("supabase: bucket sbp_e472b4812d57 created");
    }

    @Test
    void redacts_anthropic_oauth_and_admin_keys() {
        assertRedacted("claude code login stored %s",
                "sk-ant-oat01-qAf0rHAcM-HqHyqsh812wBW-bcQTg6dHql-tABLrWzCZWl-u94mHSiU14oZPnoUjJGXwQQRw9dlUW1cXYngpNpfeXKmZzAA",
                "anthropic-key");
        assertRedacted("admin client created with %s",
                "sk-ant-admin01-qAf0rHAcM-HqHyqsh812wBW-bcQTg6dHql-tABLrWzCZWl-u94mHSiU14oZPnoUjJGXwQQRw9dlUW1cXYngpNpfeXKmZzAA",
                "anthropic-key");
        assertUnchanged("claude code: sk-ant-oat01-qAf0rHAcM expired, re-run login");
    }

    @Test
    void redacts_jfrog_api_keys_and_reference_tokens() {
        assertRedacted("jfrog rt upload dist/app.tgz libs-release --apikey-ref %s",
                "AKCpL8PKdeyJ271r9TDq9E8DBTxZPU3Bzl5LFi6EIKS43V5dXZElUX8xfXH2DBog0NyJJRFDa", "jfrog-key");
        assertRedacted("artifactory pull from docker-remote with %s",
                "cmVmdGtu7Tmp1XcOjy7E7JiT1a3R3kVmRqEeAk8KXldTQZrPSPMwFUn3D5i3uFKc", "jfrog-token");
        assertUnchanged("artifactory: AKCpL8PKdey and cmVmdGtu7Tmp are too short to be keys");
    }

    @Test
    void redacts_a_cloudflare_origin_ca_key() {
        assertRedacted("cloudflare origin-ca create for shop.example.org using %s",
                "v1.0-638923341af9f85dacf82813-44fe350ce487ff0073b3f371ff2b2cad7880319374ade1fe26a417062b86933d1c7a64431a3f5dcf2d502e1d38953d0e68d55b82e0a4ae595c073d6e2aa25bc97d88d58b6491fa5327",
                "cloudflare-key");
        assertUnchanged("release v1.0-638923341af9f85dacf82813 tagged");
    }

    @Test
    void redacts_only_the_token_of_a_telegram_bot_api_url() {
        String token = "7147104974:AAXSc7Tvo-hBKqFYY-kv5ZJr3J1TWDtkwtD";
        assertThat(mask("POST https://api.telegram.org/bot" + token + "/sendMessage 200"))
                .isEqualTo("POST https://api.telegram.org/bot[REDACTED:telegram-token]/sendMessage 200");
        assertRedacted("telegram notifier started with %s", token, "telegram-token");
        assertUnchanged("POST https://api.telegram.org/bot7147104974:AAXSc7Tvo/sendMessage 200");
        assertUnchanged("robot7147104974 paired");
    }

    @Test
    void redacts_a_vault_token_with_a_run_of_lower_case_letters() {
        assertRedacted("vault login %s",
                "hvs.CAESIu8jzPde0IgxLd6GncfBAqkzwvhepiEl2hpChYgCfrL1spNxnyVmihA-2O76UMFxFkM-R5Kjp1vRt_1fjORS-6i",
                "vault-token");
        assertUnchanged("vault login hvs.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
    }
    @Test
    void finds_the_same_tokens_as_the_reference_engine_wherever_they_stand() {
        List<String> tokens = List.of(
                "HRKU-AAwafr7_u42Fjahs5LdTGjjGu5PDHHIUrQdMftdK7Z9Z2AOyxpz_Yyj1v3X_",
                "3e1fd31f6bf54ea18ccba202487d261e-us21",
                "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",
                "pat-na1-ab17a6e0-9787-4c57-9935-b765e70ebe32",
                "access-production-3cee1c2b-48d7-4d4c-b348-c06afe63e227",
                "patJLc0DTFuvEVViv.f19296a1efb9cb79fb0d5d2ab88c909585d1f1ee837f4c9d766ba5d3d511ca1e",
                "shippo_live_8945b68a4d389bfa89b61f7fe688bcc2a8fd7b7a",
                "pscale_tkn_tZkS8vjpZWKAg2aYsWkbiPJXujzTp2xeuREAscXV4vp",
                "figd_iME6Zuxk5Sb0IfSWJ9mdbzfK1n_jDwVEgbf55KuQ",
                "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",
                "r8_vQNuguwzA9t5jfS6SyI6AD1NcueZ5esNNksND",
                "sbp_e472b4812d5702984287c56472fb7fd10068e2cb",
                "AKCpL8PKdeyJ271r9TDq9E8DBTxZPU3Bzl5LFi6EIKS43V5dXZElUX8xfXH2DBog0NyJJRFDa",
                "cmVmdGtu7Tmp1XcOjy7E7JiT1a3R3kVmRqEeAk8KXldTQZrPSPMwFUn3D5i3uFKc",
                "v1.0-638923341af9f85dacf82813-44fe350ce487ff0073b3f371ff2b2cad7880319374ade1fe26a417062b86933d1c7a64431a3f5dcf2d502e1d38953d0e68d55b82e0a4ae595c073d6e2aa25bc97d88d58b6491fa5327",
                "bot7147104974:AAXSc7Tvo-hBKqFYY-kv5ZJr3J1TWDtkwtD",
                "hvs.CAESIu8jzPde0IgxLd6GncfBAqkzwvhepiEl2hpChYgCfrL1spNxnyVmihA-2O76UMFxFkM-R5Kjp1vRt_1fjORS-6i");
        List<String> lines = new ArrayList<>();
        for (String t : tokens) {
            lines.add(t);
            lines.add("x" + t);
            lines.add(t + "x");
            lines.add("key " + t + ". next " + t.substring(0, t.length() - 1) + " and (" + t + ")");
            lines.add("a.b.c-d_e." + t + ".f");
            lines.add("https://api.example.org/" + t + "/v1?next=" + t);
        }
        String all = String.join(" ", tokens);
        lines.add(all);
        lines.add(all.replace(" ", ""));
        for (String line : lines) {
            assertThat(masker.mask(strict, line).text()).as(line).isEqualTo(reference.mask(strict, line).text());
        }
        assertThat(mask(all)).doesNotContain(tokens.getFirst()).doesNotContain(tokens.getLast());
    }
}
