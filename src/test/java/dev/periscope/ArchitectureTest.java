package dev.periscope;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import dev.periscope.cli.CliCommand;
import dev.periscope.base.Unmasked;
import dev.periscope.masking.MaskedFields;
import dev.periscope.masking.MaskedText;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;
import org.springframework.web.bind.annotation.RestController;

/**
 * The module rules of the design, checked on every build. The first two are the product's reason to exist: UI and
 * API code never touch unmasked data, and only the masking engine can declare a value masked.
 */
class ArchitectureTest {

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.periscope");

    private static final String[] UI_AND_API = {"..ui..", "..api.."};

    @Test
    void ui_and_api_code_never_touch_stores_or_unmasked_types() {
        noClasses().that().resideInAnyPackage(UI_AND_API)
                .should().dependOnClassesThat().resideInAnyPackage("..store..", "..ingest..", "..vault..",
                        "org.apache.lucene..", "co.elastic..")
                .orShould().dependOnClassesThat().areAnnotatedWith(Unmasked.class)
                .because("raw production data reaches views and REST only through the masking engine")
                .check(PRODUCTION);
    }

    @Test
    void only_the_masking_engine_can_build_masked_values() {
        noClasses().that().resideOutsideOfPackages("dev.periscope.masking..")
                .should().callConstructor(MaskedText.class, String.class, java.util.List.class, boolean.class)
                .orShould().callConstructorWhere(DescribedPredicate.describe("a MaskedFields constructor",
                        call -> call.getTargetOwner().isEquivalentTo(MaskedFields.class)))
                .check(PRODUCTION);
        classes().that().belongToAnyOf(MaskedText.class, MaskedFields.class)
                .should().haveModifier(JavaModifier.FINAL)
                .check(PRODUCTION);
    }

    @Test
    void modules_depend_only_on_each_others_public_api_and_never_in_cycles() {
        ApplicationModules modules = ApplicationModules.of(Application.class);
        modules.verify();
        new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }

    @Test
    void every_view_declares_who_may_open_it_and_stays_package_private() {
        classes().that().areAnnotatedWith(Route.class)
                .should().beAnnotatedWith(PermitAll.class)
                .orShould().beAnnotatedWith(RolesAllowed.class)
                .orShould().beAnnotatedWith(AnonymousAllowed.class)
                .check(PRODUCTION);
        classes().that().areAnnotatedWith(Route.class)
                .should().notBePublic()
                .check(PRODUCTION);
    }

    @Test
    void rest_controllers_live_in_api_packages() {
        classes().that().areAnnotatedWith(RestController.class)
                .should().resideInAPackage("..api..")
                .check(PRODUCTION);
    }

    @Test
    void only_command_line_tools_print_to_the_console() {
        noClasses().that(DescribedPredicate.not(cliCode()))
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .because("the portal logs through its (masked) logger; only CLI commands write to the console")
                .check(PRODUCTION);
    }

    private static DescribedPredicate<JavaClass> cliCode() {
        return DescribedPredicate.describe("command-line code", c -> c.isAssignableTo(CliCommand.class)
                || c.isEquivalentTo(Application.class)
                || c.getPackageName().endsWith(".cli")
                || c.getEnclosingClass().map(e -> e.isAssignableTo(CliCommand.class)).orElse(false));
    }
}
