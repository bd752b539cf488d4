package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kubernetes names its workloads and its own parts as users (system:serviceaccount:argocd:argocd-server,
 * system:node:worker-1): they are no person and stay, under a user's key in text and in a structured event; a
 * person's user name beside them is masked.
 */
class KubernetesPrincipalsTest {

    private final MaskingService masker = MaskingFixtures.service(new FastEngine());
    private final MaskingContext strict = MaskingContext.strict("kube-apiserver");

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"verb\":\"list\",\"user\":{\"username\":\"system:serviceaccount:argocd:argocd-application-controller\"}}",
        "audit: username=system:node:worker-1 verb=get resource=nodes",
        "username: system:kube-scheduler",
        "login name=system:anonymous denied",
    })
    void a_system_principal_under_a_user_key_in_text_stays(String line) {
        assertThat(masker.mask(strict, line).text()).isEqualTo(line);
    }

    @Test
    void a_system_principal_in_a_structured_event_stays_and_a_person_is_masked() {
        Map<String, MaskedText> masked = masker.mask(strict, Map.of(
                "user.username", "system:serviceaccount:argocd:argocd-application-controller",
                "impersonatedUser.username", "alice@example.com",
                "requestUser.username", "jdoe")).asMap();
        assertThat(masked.get("user.username").text())
                .isEqualTo("system:serviceaccount:argocd:argocd-application-controller");
        assertThat(masked.get("impersonatedUser.username").text()).startsWith("‹");
        assertThat(masked.get("requestUser.username").text()).startsWith("‹user:");
    }

    @Test
    void a_person_under_a_user_key_in_text_is_masked() {
        assertThat(masker.mask(strict, "audit: username=jdoe verb=get").text()).doesNotContain("jdoe");
        assertThat(masker.mask(strict, "username: system:Alice Smith").text()).doesNotContain("Alice");
    }
}
