package org.metlog.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import java.lang.module.ModuleDescriptor.Requires;
import java.lang.module.ModuleFinder;
import java.lang.module.ResolvedModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The compiled module descriptor ({@code target/classes/module-info.class}): which packages it exports and how
 * it requires the libraries it uses. The tests themselves run on the class path (see the surefire configuration),
 * so the descriptor is read and resolved here, as a user's module path would.
 */
class ModuleDescriptorTest {
    private static final String MODULE = "org.metlog";
    private static final Path CLASSES = Path.of(System.getProperty("basedir", "."), "target", "classes");

    /** The optional dependencies: a user who needs none of their parts needs none of their jars. */
    private static final Set<String> OPTIONAL = Set.of("org.zeromq.jeromq", "org.slf4j", "ch.qos.logback.classic",
        "ch.qos.logback.core", "msgpack.core");

    private static ModuleDescriptor descriptor() {
        return ModuleFinder.of(CLASSES).find(MODULE)
            .orElseThrow(() -> new AssertionError("no module " + MODULE + " in " + CLASSES))
            .descriptor();
    }

    @Test
    void the_module_exports_the_api_packages_to_everyone_and_not_internal_and_holds_no_cli() {
        ModuleDescriptor module = descriptor();
        Set<String> exported = new TreeSet<>();
        for (Exports export : module.exports()) {
            assertTrue(export.targets().isEmpty(), () -> export + " is exported to named modules only");
            exported.add(export.source());
        }
        assertEquals(new TreeSet<>(Set.of("org.metlog", "org.metlog.message", "org.metlog.spi",
            "org.metlog.senders", "org.metlog.senders.zmq", "org.metlog.filters", "org.metlog.config",
            "org.metlog.logging", "org.metlog.decorators")), exported);
        assertTrue(module.packages().contains("org.metlog.internal"),
            () -> "the module holds internal without exporting it: " + module.packages());
        assertFalse(module.packages().contains("org.metlog.cli"),
            () -> "the command line is the metlog-cli module, not part of the library: " + module.packages());
        assertTrue(module.opens().isEmpty(), () -> "nothing is opened for deep reflection: " + module.opens());
    }

    @Test
    void the_optional_dependencies_are_required_only_at_compile_time_and_jackson_is_not_passed_on() {
        Map<String, Set<Requires.Modifier>> requires = new TreeMap<>();
        for (Requires r : descriptor().requires()) {
            requires.put(r.name(), r.modifiers());
        }
        for (String optional : OPTIONAL) {
            assertTrue(requires.getOrDefault(optional, Set.of()).contains(Requires.Modifier.STATIC),
                () -> optional + " must be required static: " + requires);
        }
        for (String always : List.of("com.fasterxml.jackson.core", "com.fasterxml.jackson.databind")) {
            assertEquals(Set.of(), requires.get(always),
                () -> always + " is needed at run time, and no exported signature names its types: " + requires);
        }
    }

    @Test
    void the_module_resolves_against_its_dependencies_and_reads_each_optional_one_that_is_present() {
        List<Path> path = new ArrayList<>();
        path.add(CLASSES);
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith(".jar") && Files.isRegularFile(Path.of(entry))) {
                path.add(Path.of(entry));
            }
        }
        ModuleFinder finder = ModuleFinder.of(path.toArray(Path[]::new));
        Set<String> roots = new TreeSet<>(OPTIONAL);
        roots.add(MODULE);
        Configuration graph = Configuration.resolve(finder, List.of(ModuleLayer.boot().configuration()),
            ModuleFinder.of(), roots);
        ResolvedModule metlog = graph.findModule(MODULE).orElseThrow();
        Set<String> reads = metlog.reads().stream().map(ResolvedModule::name).collect(Collectors.toSet());
        assertTrue(reads.containsAll(OPTIONAL), () -> "a requires names a module that does not exist: " + reads);
        assertTrue(reads.containsAll(Set.of("com.fasterxml.jackson.core", "com.fasterxml.jackson.databind",
            "java.logging")), () -> "reads " + reads);
    }
}
