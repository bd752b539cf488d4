package dev.periscope.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Provides the {@link AuditTrail} and the {@link AuditVerifier} from {@link AuditProperties}. */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    @Bean(destroyMethod = "close")
    AuditStore auditStore(AuditProperties properties, Environment environment) {
        Path directory = directory(properties, environment);
        Path keyFile = properties.signingKeyFile() != null
                ? properties.signingKeyFile()
                : Path.of(environment.resolvePlaceholders("${periscope.data.directory:./data}/audit-signing-key.pem"));
        Optional<CheckpointKey> key;
        try {
            key = CheckpointKey.loadOrGenerate(keyFile, properties.generateSigningKey());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load the audit signing key " + keyFile, e);
        }
        ChainedAuditTrail.Settings settings = new ChainedAuditTrail.Settings(directory,
                properties.segmentMaxSize().toBytes(), properties.segmentMaxAge(), properties.durableTimeout());
        return AuditStore.open(settings, key, properties.checkpointInterval(), properties.witnessUrl(),
                properties.retention(), Clock.systemUTC());
    }

    @Bean
    AuditTrail auditTrail(AuditStore store) {
        return store.trail();
    }

    @Bean
    AuditVerifier auditVerifier(AuditStore store) {
        return new AuditVerifier(store.trail().directory(), store.publicKey());
    }

    @Bean
    AuditHealthIndicator auditHealthIndicator(AuditStore store) {
        return new AuditHealthIndicator(store);
    }

    static Path directory(AuditProperties properties, Environment environment) {
        return properties.directory() != null
                ? properties.directory()
                : Path.of(environment.resolvePlaceholders("${periscope.data.directory:./data}/audit"));
    }
}
