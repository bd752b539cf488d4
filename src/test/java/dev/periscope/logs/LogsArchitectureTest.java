package dev.periscope.logs;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogsArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.periscope");

    @Test
    void views_and_rest_controllers_never_touch_the_store_or_ingest() {
        noClasses().that().resideInAnyPackage("..ui..", "..api..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.periscope.logs.store..",
                        "dev.periscope.logs.ingest..")
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    @Test
    void the_query_tree_and_the_store_port_carry_no_lucene_or_elasticsearch_types() {
        noClasses().that().resideInAnyPackage("dev.periscope.logs.store")
                .or().haveFullyQualifiedName(dev.periscope.logs.query.QueryNode.class.getName())
                .or().resideInAnyPackage("dev.periscope.logs")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.lucene..", "co.elastic..")
                .check(CLASSES);
    }

    @Test
    void the_log_service_hands_out_no_raw_store_type() {
        List<String> leaks = new ArrayList<>();
        for (Method method : LogService.class.getMethods()) {
            if (!Modifier.isPublic(method.getModifiers()) || method.getDeclaringClass() == Object.class) {
                continue;
            }
            check(method.getGenericReturnType(), method.getName(), leaks);
            for (Type parameter : method.getGenericParameterTypes()) {
                check(parameter, method.getName(), leaks);
            }
        }
        for (Method method : LogService.TailSession.class.getMethods()) {
            check(method.getGenericReturnType(), method.getName(), leaks);
        }
        for (Method method : LogService.LogExport.class.getMethods()) {
            check(method.getGenericReturnType(), method.getName(), leaks);
        }
        assertThat(leaks).isEmpty();
    }

    private static void check(Type type, String method, List<String> leaks) {
        if (type instanceof ParameterizedType parameterized) {
            check(parameterized.getRawType(), method, leaks);
            for (Type argument : parameterized.getActualTypeArguments()) {
                check(argument, method, leaks);
            }
        } else if (type instanceof Class<?> c && c.getPackageName().startsWith("dev.periscope.logs.store")) {
            leaks.add(method + " uses " + c.getName());
        }
    }
}
