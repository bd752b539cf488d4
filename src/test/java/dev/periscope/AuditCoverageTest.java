package dev.periscope;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.periscope.audit.AuditSearch;
import dev.periscope.audit.AuditTrail;
import dev.periscope.logs.store.LogStore;
import dev.periscope.masking.TokenVault;
import dev.periscope.metrics.prometheus.PrometheusApi;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Guards against a forgotten audit, in the spirit of Graylog's {@code AuditCoverageTest}, from the bytecode:
 *
 * <ol>
 *   <li>Production data is read through a few ports: the log store, the Prometheus API, the token vault, and the
 *       audit search itself. Only the classes named in {@link #AUDITED_GATEWAYS} may call them for users; every
 *       other caller must be listed in {@link #NOT_FOR_USERS} with the reason its reads reach no user.</li>
 *   <li>In a gateway, every public method that reaches a port read (through its own helpers, lambdas and method
 *       references) must also reach {@link AuditTrail#begin}, {@link AuditTrail#beginConcurrently} or
 *       {@link AuditTrail#record}.</li>
 * </ol>
 *
 * A new view, endpoint or export that reads data therefore either goes through an audited gateway or fails here.
 * Behavioural tests of each gateway (e.g. {@code LogServiceTest}) check the records' content.
 */
class AuditCoverageTest {

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.periscope");

    /** The ports through which production data is read. */
    private static final Set<Class<?>> READ_PORTS = Set.of(LogStore.class, PrometheusApi.class, TokenVault.class,
            AuditSearch.class);

    /** Port methods that read no production data. */
    private static final Set<String> NOT_READS = Set.of("backend", "maxPageSize", "close");

    /** The masking engine's own paths from a token back to raw values. */
    private static final Set<String> MASKING_READS = Set.of("reveal", "resolveForSearch");

    /** Classes that serve users and audit every read they make. */
    private static final Set<String> AUDITED_GATEWAYS = Set.of(
            "dev.periscope.logs.LogService",
            "dev.periscope.metrics.MetricsService",
            "dev.periscope.auditor.AuditorWorkspace",
            "dev.periscope.auditor.AuditExport",
            "dev.periscope.access.TokenReveal");

    /** Callers whose reads reach no user, and why. Prefix match on the class name (nested classes included). */
    private static final Map<String, String> NOT_FOR_USERS = Map.ofEntries(
            Map.entry("dev.periscope.logs.store.", "the store adapters themselves"),
            Map.entry("dev.periscope.metrics.prometheus.", "the Prometheus client itself"),
            Map.entry("dev.periscope.metrics.demo.", "the demo series behind the Prometheus port itself"),
            Map.entry("dev.periscope.logs.ingest.", "ingest reads its own checkpoints, never for a user"),
            Map.entry("dev.periscope.logs.bench.", "the bench command measures the store on synthetic data"),
            Map.entry("dev.periscope.masking.", "the masking engine and its vault themselves"),
            Map.entry("dev.periscope.logs.MaskingQueryValues", "turns a token in a query into store terms inside "
                    + "the log service's audited read; the values never leave the query"),
            Map.entry("dev.periscope.audit.", "the audit module's own index, verification and retention"));

    @Test
    void only_audited_gateways_read_production_data_for_users() {
        Set<String> unexpected = new TreeSet<>();
        for (JavaClass type : PRODUCTION) {
            for (JavaCodeUnit unit : type.getCodeUnits()) {
                for (JavaAccess<?> access : accessesOf(unit)) {
                    if (isPortRead(access.getTarget()) && !AUDITED_GATEWAYS.contains(outermost(type))
                            && NOT_FOR_USERS.keySet().stream().noneMatch(type.getName()::startsWith)) {
                        unexpected.add(type.getName() + "." + unit.getName() + " reads through "
                                + access.getTarget().getOwner().getSimpleName() + "." + access.getTarget().getName());
                    }
                }
            }
        }
        assertThat(unexpected)
                .as("Read production data through an audited gateway, or add the class to NOT_FOR_USERS with the "
                        + "reason no user sees what it reads")
                .isEmpty();
    }

    @Test
    void every_public_method_of_a_gateway_that_reads_also_audits() {
        List<String> unaudited = new ArrayList<>();
        for (String name : AUDITED_GATEWAYS) {
            unaudited.addAll(unauditedReads(PRODUCTION.get(name)));
        }
        assertThat(unaudited).as("public reads that never write an audit record").isEmpty();
    }

    @Test
    void a_gateway_method_that_forgets_its_audit_record_is_caught() {
        JavaClass forgetful = new ClassFileImporter().importClasses(ForgetfulGateway.class).get(ForgetfulGateway.class);

        assertThat(unauditedReads(forgetful)).containsExactly(ForgetfulGateway.class.getName() + ".forgets");
    }

    /** A gateway with one audited read (through a helper and a lambda) and one that forgets. */
    static class ForgetfulGateway {
        private final LogStore store;
        private final AuditTrail audit;

        ForgetfulGateway(LogStore store, AuditTrail audit) {
            this.store = store;
            this.audit = audit;
        }

        public Object remembers(dev.periscope.logs.store.StoreQuery query) {
            recordRead();
            return java.util.Optional.of(query).map(q -> store.histogram(q, 60_000, null));
        }

        public Object forgets(dev.periscope.logs.store.StoreQuery query) {
            return store.topValues(query, "service", 10, null);
        }

        private void recordRead() {
            audit.record(null);
        }
    }

    private static List<String> unauditedReads(JavaClass gateway) {
        List<String> unaudited = new ArrayList<>();
        for (JavaCodeUnit unit : gateway.getCodeUnits()) {
            if (unit.isConstructor()
                    || !unit.getModifiers().contains(JavaModifier.PUBLIC) && !isPackagePrivateMethod(unit)) {
                continue;
            }
            Set<JavaAccess<?>> reached = reachedFrom(unit);
            boolean reads = reached.stream().anyMatch(a -> isPortRead(a.getTarget()));
            boolean audits = reached.stream().anyMatch(a -> isAuditWrite(a.getTarget()));
            if (reads && !audits) {
                unaudited.add(gateway.getName() + "." + unit.getName());
            }
        }
        return unaudited;
    }

    @Test
    void the_check_itself_sees_reads_and_audits_through_helpers_and_lambdas() {
        JavaClass logService = PRODUCTION.get("dev.periscope.logs.LogService");
        Set<String> readingMethods = logService.getMethods().stream()
                .filter(m -> m.getModifiers().contains(JavaModifier.PUBLIC))
                .filter(m -> reachedFrom(m).stream().anyMatch(a -> isPortRead(a.getTarget())))
                .map(JavaCodeUnit::getName).collect(Collectors.toSet());
        assertThat(readingMethods).as("the log service's public reads, found from the bytecode")
                .contains("search", "histogram", "topValues", "context", "tail");
    }

    /** Everything a code unit reaches within its own class: its accesses, and those of the helpers it calls. */
    private static Set<JavaAccess<?>> reachedFrom(JavaCodeUnit start) {
        Set<JavaAccess<?>> reached = new HashSet<>();
        Set<JavaCodeUnit> seen = new HashSet<>();
        Deque<JavaCodeUnit> todo = new ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
            JavaCodeUnit unit = todo.pop();
            if (!seen.add(unit)) {
                continue;
            }
            for (JavaAccess<?> access : accessesOf(unit)) {
                reached.add(access);
                JavaClass owner = access.getTarget().getOwner();
                if (outermost(owner).equals(outermost(unit.getOwner()))) {
                    access.getTarget().resolveMember().ifPresent(member -> {
                        if (member instanceof JavaCodeUnit callee) {
                            todo.push(callee);
                        }
                    });
                }
            }
        }
        return reached;
    }

    private static Set<JavaAccess<?>> accessesOf(JavaCodeUnit unit) {
        Set<JavaAccess<?>> all = new HashSet<>(unit.getAccessesFromSelf());
        all.addAll(unit.getMethodReferencesFromSelf());
        all.addAll(unit.getConstructorReferencesFromSelf());
        return all;
    }

    private static boolean isPortRead(AccessTarget target) {
        if (target instanceof AccessTarget.ConstructorCallTarget || target instanceof AccessTarget.ConstructorReferenceTarget) {
            return false;
        }
        if (target.getOwner().isAssignableTo(dev.periscope.masking.MaskingService.class)) {
            return MASKING_READS.contains(target.getName());
        }
        // Only the ports' own operations: an adapter's extra methods (sizes, counters) read no event data.
        return READ_PORTS.stream().anyMatch(port -> target.getOwner().isAssignableTo(port)
                        && java.util.Arrays.stream(port.getMethods()).anyMatch(m -> m.getName().equals(target.getName())))
                && !NOT_READS.contains(target.getName())
                && !(target instanceof AccessTarget.FieldAccessTarget);
    }

    private static boolean isAuditWrite(AccessTarget target) {
        return target.getOwner().isAssignableTo(AuditTrail.class)
                && java.util.Set.of("begin", "beginConcurrently", "record").contains(target.getName());
    }

    private static boolean isPackagePrivateMethod(JavaCodeUnit unit) {
        // Package-private entry points count too when the gateway is used from its own package (views, REST).
        return unit.getModifiers().stream().noneMatch(m -> m == JavaModifier.PRIVATE || m == JavaModifier.PROTECTED
                || m == JavaModifier.SYNTHETIC) && !unit.getName().startsWith("lambda$")
                && !unit.getName().equals("<clinit>");
    }

    private static String outermost(JavaClass type) {
        String name = type.getName();
        int nested = name.indexOf('$');
        return nested < 0 ? name : name.substring(0, nested);
    }
}
