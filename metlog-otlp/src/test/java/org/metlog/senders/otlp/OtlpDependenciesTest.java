package org.metlog.senders.otlp;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * metlog-otlp is a sender like any other: it uses the library's {@code spi} and {@code message} packages only
 * (never the client, the loader or {@code internal}), the OTLP classes, protobuf and the JDK.
 */
class OtlpDependenciesTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.metlog.senders.otlp");

    @Test
    void the_sender_uses_only_spi_message_the_otlp_classes_protobuf_and_the_jdk() {
        classes().that().resideInAPackage("org.metlog.senders.otlp")
            .should().onlyDependOnClassesThat().resideInAnyPackage("org.metlog.senders.otlp", "org.metlog.spi",
                "org.metlog.message", "io.opentelemetry.proto..", "com.google.protobuf..", "java..")
            .check(MAIN);
    }
}
