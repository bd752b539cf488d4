package dev.periscope.problems;

import dev.periscope.audit.AuditTrail;
import dev.periscope.logs.LogService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires fingerprinting at ingest and the problems service. */
@Configuration(proxyBeanMethods = false)
class ProblemsConfiguration {

    @Bean
    Fingerprints fingerprints(ProblemsProperties properties) {
        return new Fingerprints(properties);
    }

    @Bean
    ProblemsService problemsService(LogService logs, AuditTrail audit, Fingerprints fingerprints,
                                    ProblemsProperties properties) {
        return new ProblemsService(logs, audit, fingerprints, properties);
    }

    @Bean
    ProblemEnricher problemEnricher(Fingerprints fingerprints) {
        return new ProblemEnricher(fingerprints);
    }
}
