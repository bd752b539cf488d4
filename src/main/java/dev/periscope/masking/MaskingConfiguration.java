package dev.periscope.masking;

import java.io.IOException;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the masking engine from {@link MaskingProperties}. Refuses to start without rules or without a key. */
@Configuration(proxyBeanMethods = false)
class MaskingConfiguration {

    @Bean(destroyMethod = "close")
    RuleRepository maskingRuleRepository(MaskingProperties properties) throws IOException {
        try {
            RuleRepository repository = new RuleRepository(properties.rulesDirectory(),
                    new RuleLoader(new Validators(properties.ipScope() == MaskingProperties.IpScope.PUBLIC)));
            if (properties.hotReload()) {
                repository.startWatching();
            }
            return repository;
        } catch (RuleLoadException e) {
            // Fail closed: without rules nobody may see anything, so the portal does not start.
            throw new IllegalStateException("Masking rules cannot be loaded: " + e.getMessage(), e);
        }
    }

    @Bean
    Tokenizer maskingTokenizer(MaskingProperties properties) {
        return new Tokenizer(TokenKeys.resolve(properties), properties.tokenLength());
    }

    @Bean
    TokenVault maskingTokenVault(MaskingProperties properties, Tokenizer tokenizer) {
        return new DirectoryTokenVault(properties.vault().directory(), tokenizer, properties.vault().ttl(),
                Clock.systemUTC());
    }

    @Bean
    MaskingService maskingService(RuleRepository rules, Tokenizer tokenizer, TokenVault vault,
            MaskingProperties properties) {
        MaskingService service = new MaskingService(rules::current, new FastEngine(), tokenizer, vault,
                properties.eventBudget().toNanos(), properties.maxEventChars());
        MaskingLogConverter.install(service);
        return service;
    }
}
