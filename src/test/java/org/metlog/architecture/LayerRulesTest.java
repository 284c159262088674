package org.metlog.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The layers of the library, lowest first, each allowed to use only the layers below it (what it uses outside
 * {@code org.metlog} is not checked here):
 * <pre>
 *   internal                                 pure utilities
 *   message                                  the message and its wire form
 *   spi                                      what implementers of senders, filters, formatters use
 *   senders, senders.zmq, filters            the components
 *   org.metlog                               the client facade and holder
 *   config, logging, decorators              the loader and the bridges into metlog (not on each other)
 *   cli                                      the command line: anything, and used by nothing
 * </pre>
 */
class LayerRulesTest {
    private static final String INTERNAL = "org.metlog.internal..";
    private static final String MESSAGE = "org.metlog.message..";
    private static final String SPI = "org.metlog.spi..";
    private static final String SENDERS = "org.metlog.senders..";
    private static final String FILTERS = "org.metlog.filters..";
    private static final String CLIENT = "org.metlog";
    private static final String CONFIG = "org.metlog.config..";
    private static final String LOGGING = "org.metlog.logging..";
    private static final String DECORATORS = "org.metlog.decorators..";
    private static final String CLI = "org.metlog.cli..";

    /** Every package a rule below is about; a new package must be placed in a layer here. */
    private static final Set<String> PACKAGES = Set.of("org.metlog", "org.metlog.internal", "org.metlog.message",
        "org.metlog.spi", "org.metlog.senders", "org.metlog.senders.zmq", "org.metlog.filters", "org.metlog.config",
        "org.metlog.logging", "org.metlog.decorators", "org.metlog.cli");

    /** @return a rule that classes in {@code layer} use, of the library, nothing but classes in {@code allowed} */
    private static ArchRule onlyUses(String layer, String... allowed) {
        return classes().that().resideInAPackage(layer)
            .should().onlyDependOnClassesThat(resideOutsideOfPackage("org.metlog..").or(resideInAnyPackage(allowed)))
            .allowEmptyShould(false);
    }

    @Test
    void internal_uses_nothing_else_of_metlog() {
        onlyUses(INTERNAL, INTERNAL).check(ProductionClasses.get());
    }

    @Test
    void message_uses_only_internal() {
        onlyUses(MESSAGE, MESSAGE, INTERNAL).check(ProductionClasses.get());
    }

    @Test
    void spi_uses_only_message_and_internal() {
        onlyUses(SPI, SPI, MESSAGE, INTERNAL).check(ProductionClasses.get());
    }

    @Test
    void senders_use_only_spi_message_and_internal() {
        onlyUses(SENDERS, SENDERS, SPI, MESSAGE, INTERNAL).check(ProductionClasses.get());
    }

    @Test
    void filters_use_only_spi_message_and_internal() {
        onlyUses(FILTERS, FILTERS, SPI, MESSAGE, INTERNAL).check(ProductionClasses.get());
    }

    @Test
    void the_client_package_uses_senders_spi_message_and_internal_but_not_config_logging_decorators_or_cli() {
        onlyUses(CLIENT, CLIENT, SENDERS, SPI, MESSAGE, INTERNAL).check(ProductionClasses.get());
    }

    @Test
    void config_uses_the_client_and_the_layers_below_but_not_logging_decorators_or_cli() {
        onlyUses(CONFIG, CONFIG, CLIENT, SENDERS, FILTERS, SPI, MESSAGE, INTERNAL).check(ProductionClasses.get());
    }

    @Test
    void logging_uses_the_client_and_the_layers_below_but_not_config() {
        onlyUses(LOGGING, LOGGING, CLIENT, SENDERS, SPI, MESSAGE, INTERNAL).check(ProductionClasses.get());
    }

    @Test
    void decorators_use_the_client_and_the_layers_below_but_not_config() {
        onlyUses(DECORATORS, DECORATORS, CLIENT, SENDERS, SPI, MESSAGE, INTERNAL).check(ProductionClasses.get());
    }

    @Test
    void nothing_but_cli_uses_cli() {
        noClasses().that().resideOutsideOfPackage(CLI)
            .should().dependOnClassesThat().resideInAPackage(CLI)
            .check(ProductionClasses.get());
    }

    @Test
    void every_package_of_the_library_has_its_place_in_the_layers() {
        Set<String> found = new TreeSet<>();
        for (JavaClass type : ProductionClasses.get()) {
            found.add(type.getPackageName());
        }
        assertEquals(new TreeSet<>(PACKAGES), found, "a package was added or removed: place it in a layer of "
            + LayerRulesTest.class.getSimpleName() + " and decide in module-info.java whether it is exported");
    }
}
