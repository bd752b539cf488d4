package dev.periscope.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Provides the {@link AuditTrail} and the {@link AuditVerifier} from {@link AuditProperties}. */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AuditConfiguration.class);

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

    /** The auditor's search; the index lives in {@code index/} under the audit directory and is rebuilt if lost. */
    @Bean
    AuditSearch auditSearch(AuditStore store) {
        try {
            LuceneAuditIndex index = new LuceneAuditIndex(store.trail().directory(),
                    store.trail().directory().resolve("index"));
            index.start(10);
            return index;
        } catch (IOException | RuntimeException e) {
            // The portal still starts (and refuses reads if the trail cannot write); only the search is missing.
            log.error("The audit index cannot be opened; audit search is unavailable", e);
            return new AuditSearch() {
                @Override
                public Page search(AuditQuery query) {
                    throw new IllegalStateException("The audit index is unavailable", e);
                }

                @Override
                public Optional<AuditEvent> find(String id) {
                    throw new IllegalStateException("The audit index is unavailable", e);
                }

                @Override
                public long rebuild() {
                    throw new IllegalStateException("The audit index is unavailable", e);
                }
            };
        }
    }

    @Bean(destroyMethod = "close")
    AuditIntegrity auditIntegrity(AuditVerifier verifier, AuditStore store, AuditProperties properties) {
        return new AuditIntegrity(verifier, store, properties.verifyInterval());
    }

    @Bean
    AuditHealthIndicator auditHealthIndicator(AuditStore store, AuditIntegrity integrity) {
        return new AuditHealthIndicator(store, integrity);
    }

    static Path directory(AuditProperties properties, Environment environment) {
        return properties.directory() != null
                ? properties.directory()
                : Path.of(environment.resolvePlaceholders("${periscope.data.directory:./data}/audit"));
    }
}
