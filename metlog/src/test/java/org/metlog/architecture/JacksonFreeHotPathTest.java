package org.metlog.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * No class a client call runs depends on Jackson, so no Jackson version can break one: only the configuration
 * package (printing a configuration) and the debug-capture sender's decoded view use it.
 */
class JacksonFreeHotPathTest {
    @Test
    void only_configuration_printing_and_the_debug_capture_sender_use_jackson() {
        JavaClasses library = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.metlog");
        noClasses().that().resideOutsideOfPackage("org.metlog.config..")
            .and().doNotHaveFullyQualifiedName("org.metlog.senders.DebugCaptureSender")
            .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson..")
            .because("the hot path must not depend on any Jackson version")
            .check(library);
    }

}
