package org.metlog.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.Map;
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
 *   (the command line, org.metlog.cli, is a module of its own: metlog-cli)
 * </pre>
 */
class LayerRulesTest {
    static final String INTERNAL = "org.metlog.internal..";
    static final String MESSAGE = "org.metlog.message..";
    static final String SPI = "org.metlog.spi..";
    static final String SENDERS = "org.metlog.senders..";
    static final String FILTERS = "org.metlog.filters..";
    static final String CLIENT = "org.metlog";
    static final String CONFIG = "org.metlog.config..";
    static final String LOGGING = "org.metlog.logging..";
    static final String DECORATORS = "org.metlog.decorators..";
    static final String CLI = "org.metlog.cli..";

    /** Every package a rule below is about; a new package must be placed in a layer here. */
    private static final Set<String> PACKAGES = Set.of("org.metlog", "org.metlog.internal", "org.metlog.message",
        "org.metlog.spi", "org.metlog.senders", "org.metlog.senders.zmq", "org.metlog.filters", "org.metlog.config",
        "org.metlog.logging", "org.metlog.decorators");

    /**
     * What each package may use of the library (itself included), as ArchUnit package patterns; the rules below
     * and {@link SourceImportsTest} both read it.
     */
    static final Map<String, List<String>> ALLOWED = Map.of(
        INTERNAL, List.of(INTERNAL),
        MESSAGE, List.of(MESSAGE, INTERNAL),
        SPI, List.of(SPI, MESSAGE, INTERNAL),
        SENDERS, List.of(SENDERS, SPI, MESSAGE, INTERNAL),
        FILTERS, List.of(FILTERS, SPI, MESSAGE, INTERNAL),
        CLIENT, List.of(CLIENT, SENDERS, SPI, MESSAGE, INTERNAL),
        CONFIG, List.of(CONFIG, CLIENT, SENDERS, FILTERS, SPI, MESSAGE, INTERNAL),
        LOGGING, List.of(LOGGING, CLIENT, SENDERS, SPI, MESSAGE, INTERNAL),
        DECORATORS, List.of(DECORATORS, CLIENT, SENDERS, SPI, MESSAGE, INTERNAL),
        CLI, List.of("org.metlog.."));

    /** @return the rule that classes in {@code layer} use, of the library, nothing but what {@link #ALLOWED} lists */
    private static ArchRule onlyUsesWhatIsAllowed(String layer) {
        return onlyUses(layer, ALLOWED.get(layer).toArray(String[]::new));
    }

    /** @return a rule that classes in {@code layer} use, of the library, nothing but classes in {@code allowed} */
    private static ArchRule onlyUses(String layer, String... allowed) {
        return classes().that().resideInAPackage(layer)
            .should().onlyDependOnClassesThat(resideOutsideOfPackage("org.metlog..").or(resideInAnyPackage(allowed)))
            .allowEmptyShould(false);
    }

    @Test
    void internal_uses_nothing_else_of_metlog() {
        onlyUsesWhatIsAllowed(INTERNAL).check(ProductionClasses.get());
    }

    @Test
    void message_uses_only_internal() {
        onlyUsesWhatIsAllowed(MESSAGE).check(ProductionClasses.get());
    }

    @Test
    void spi_uses_only_message_and_internal() {
        onlyUsesWhatIsAllowed(SPI).check(ProductionClasses.get());
    }

    @Test
    void senders_use_only_spi_message_and_internal() {
        onlyUsesWhatIsAllowed(SENDERS).check(ProductionClasses.get());
    }

    @Test
    void filters_use_only_spi_message_and_internal() {
        onlyUsesWhatIsAllowed(FILTERS).check(ProductionClasses.get());
    }

    @Test
    void the_client_package_uses_senders_spi_message_and_internal_but_not_config_logging_decorators_or_cli() {
        onlyUsesWhatIsAllowed(CLIENT).check(ProductionClasses.get());
    }

    @Test
    void config_uses_the_client_and_the_layers_below_but_not_logging_decorators_or_cli() {
        onlyUsesWhatIsAllowed(CONFIG).check(ProductionClasses.get());
    }

    @Test
    void logging_uses_the_client_and_the_layers_below_but_not_config() {
        onlyUsesWhatIsAllowed(LOGGING).check(ProductionClasses.get());
    }

    @Test
    void decorators_use_the_client_and_the_layers_below_but_not_config() {
        onlyUsesWhatIsAllowed(DECORATORS).check(ProductionClasses.get());
    }

    @Test
    void the_library_holds_no_command_line_classes() {
        noClasses().should().resideInAPackage(CLI).check(ProductionClasses.get());
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
