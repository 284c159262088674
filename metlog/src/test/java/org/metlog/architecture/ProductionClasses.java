package org.metlog.architecture;

import ch.qos.logback.classic.Level;
import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The compiled classes of src/main, imported once for every architecture test. */
final class ProductionClasses {
    /** The root package of the library; every rule is about the classes below it. */
    static final String ROOT = "org.metlog";

    private static JavaClasses classes;

    private ProductionClasses() {
    }

    /** @return every class of src/main under {@value #ROOT}, test classes left out */
    static synchronized JavaClasses get() {
        if (classes == null) {
            classes = importer()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
        }
        return classes;
    }

    /**
     * @return an importer that reads only the classes it is asked for: the rules are about the library's own
     *     classes, so the JDK's and the dependencies' are left as stubs (which also keeps the import fast), and
     *     ArchUnit's debug log (Logback's default level is DEBUG) stays out of the build's output
     */
    static ClassFileImporter importer() {
        Logger archUnit = LoggerFactory.getLogger("com.tngtech.archunit");
        if (archUnit instanceof ch.qos.logback.classic.Logger logback) {
            logback.setLevel(Level.WARN);
        }
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        return new ClassFileImporter();
    }

    /**
     * @return the top-level class that contains {@code type} (itself if it is top-level): a nested, local or
     *     anonymous class belongs to the file of the class it is written in
     */
    static JavaClass topLevel(JavaClass type) {
        JavaClass current = type.getBaseComponentType();
        for (Optional<JavaClass> outer = current.getEnclosingClass(); outer.isPresent();
             outer = current.getEnclosingClass()) {
            current = outer.get();
        }
        return current;
    }

    /** @return whether {@code type} is one of the library's own classes (not the JDK's, nor a dependency's) */
    static boolean isOwn(JavaClass type) {
        String pkg = type.getBaseComponentType().getPackageName();
        return pkg.equals(ROOT) || pkg.startsWith(ROOT + ".");
    }
}
