package dev.periscope.masking;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Holding a masked type proves the value was masked: only the masking package may build one from raw data. */
class MaskedTypesArchitectureTest {

    @Test
    void nothing_outside_masking_builds_a_masked_type_from_raw_data() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.periscope");
        noClasses().that().resideOutsideOfPackage("dev.periscope.masking")
                .should().callConstructor(MaskedText.class, String.class, java.util.List.class, boolean.class)
                .orShould().callConstructor(MaskedFields.class, java.util.Map.class)
                .check(classes);
    }
}
