package dev.periscope.masking;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the masking engine from {@link MaskingProperties}. Refuses to start without rules or without a key. */
@Configuration(proxyBeanMethods = false)
class MaskingConfiguration {

    @Bean(destroyMethod = "close")
    RuleRepository maskingRuleRepository(MaskingProperties properties, ApplicationEventPublisher events)
            throws IOException {
        try {
            RulesLocation location = RulesLocation.resolve(properties.rulesDirectory(), Path.of(""),
                    MaskingConfiguration.class.getClassLoader());
            RuleRepository repository = new RuleRepository(location.directory(),
                    new RuleLoader(new Validators(properties.ipScope())));
            repository.onReload(events::publishEvent);
            if (properties.hotReload() && location.watchable()) {
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
    DirectoryTokenVault maskingTokenVault(MaskingProperties properties, Tokenizer tokenizer) {
        return new DirectoryTokenVault(properties.vault().directory(), tokenizer, properties.vault().ttl(),
                Clock.systemUTC());
    }

    @Bean(destroyMethod = "close")
    TokenVaultSweeper maskingTokenVaultSweeper(DirectoryTokenVault vault, MaskingProperties properties) {
        return new TokenVaultSweeper(vault, properties.vault().sweepInterval());
    }

    @Bean
    MaskingService maskingService(RuleRepository rules, Tokenizer tokenizer, TokenVault vault,
            MaskingProperties properties) {
        MaskingProperties.RecentResults recent = properties.recentResults();
        MaskingService service = new MaskingService(rules::current, new FastEngine(), tokenizer, vault,
                properties.eventBudget().toNanos(), properties.maxEventChars(),
                recent.maxChars() == 0 ? null : new RecentMaskedTexts(recent.maxChars(), recent.maxAge()));
        MaskingLogConverter.install(service);
        return service;
    }
}
