package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

class MaskingConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(MaskingProperties.class)
    @Import(MaskingConfiguration.class)
    static class Wiring {
    }

    private ApplicationContextRunner runner(Path data) {
        return new ApplicationContextRunner().withUserConfiguration(Wiring.class).withPropertyValues(
                "periscope.masking.rules-directory=" + MaskingFixtures.rulesDirectory(),
                "periscope.masking.data-directory=" + data,
                "periscope.masking.hot-reload=false");
    }

    @Test
    void refuses_to_start_without_a_token_key(@TempDir Path data) {
        runner(data).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("No token key configured")
                    .hasMessageContaining("periscope.masking.token-keys");
        });
    }

    @Test
    void starts_with_a_configured_key_and_masks(@TempDir Path data) {
        runner(data).withPropertyValues("periscope.masking.token-keys=k1:"
                + java.util.Base64.getEncoder().encodeToString(MaskingFixtures.TEST_KEY.secret()))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Masker masker = context.getBean(Masker.class);
                    assertThat(masker.mask(MaskingContext.strict("orders"), "mail jane.doe@example.com").text())
                            .matches("mail ‹email:[0-9a-f]{8}›");
                });
    }

    @Test
    void generates_and_keeps_a_key_when_the_demo_asks_for_it(@TempDir Path data) {
        String[] first = new String[1];
        runner(data).withPropertyValues("periscope.masking.generate-key-if-missing=true").run(context -> {
            assertThat(context).hasNotFailed();
            first[0] = context.getBean(MaskingService.class).mask(MaskingContext.strict(""), "a@example.com").text();
        });
        assertThat(data.resolve("masking/token-key")).exists();
        runner(data).withPropertyValues("periscope.masking.generate-key-if-missing=true").run(context ->
                assertThat(context.getBean(MaskingService.class).mask(MaskingContext.strict(""), "a@example.com")
                        .text()).isEqualTo(first[0]));
    }

    @Test
    void refuses_to_start_with_broken_rules(@TempDir Path data) throws Exception {
        Path rules = data.resolve("rules");
        java.nio.file.Files.createDirectories(rules);
        java.nio.file.Files.writeString(rules.resolve("x.yaml"), "rules: [\n");
        runner(data).withPropertyValues("periscope.masking.rules-directory=" + rules,
                "periscope.masking.generate-key-if-missing=true").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("x.yaml");
                });
    }
}
