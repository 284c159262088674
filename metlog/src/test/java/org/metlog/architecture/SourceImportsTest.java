package org.metlog.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.PackageMatcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layers of {@link LayerRulesTest}, checked on the {@code import} lines of src/main. The compiler copies a
 * constant ({@code static final String TYPE_COUNTER = "counter"}) into the class that uses it, so a package that
 * imports another only for its constants leaves no trace in the class files ArchUnit reads; its source does.
 */
class SourceImportsTest {
    private static final Path SOURCES = Path.of(System.getProperty("basedir", "."), "src", "main", "java");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");
    private static final Pattern IMPORT = Pattern.compile("(?m)^import\\s+(?:static\\s+)?([\\w.]+?)(?:\\.\\*)?\\s*;");

    /**
     * @return the package an imported name lives in: the name up to its first capitalised part (a class), or
     *     all of it for a package imported with {@code .*}
     */
    static String importedPackage(String name) {
        List<String> parts = new ArrayList<>();
        for (String part : name.split("\\.")) {
            if (Character.isUpperCase(part.charAt(0))) {
                break;
            }
            parts.add(part);
        }
        return String.join(".", parts);
    }

    /** @return every import of {@code source} that its package may not make, one line each */
    static List<String> violations(String file, String source) {
        Matcher pkg = PACKAGE.matcher(source);
        if (!pkg.find()) {
            return List.of(); // module-info.java
        }
        String from = pkg.group(1);
        List<String> allowed = allowedFor(from);
        List<String> found = new ArrayList<>();
        Matcher imports = IMPORT.matcher(source);
        while (imports.find()) {
            String target = importedPackage(imports.group(1));
            boolean own = PackageMatcher.of("org.metlog..").matches(target);
            if (own && allowed.stream().noneMatch(pattern -> PackageMatcher.of(pattern).matches(target))) {
                found.add(file + " imports " + imports.group(1) + " (" + from + " may use only " + allowed + ")");
            }
        }
        return found;
    }

    private static List<String> allowedFor(String pkg) {
        for (Map.Entry<String, List<String>> layer : LayerRulesTest.ALLOWED.entrySet()) {
            if (PackageMatcher.of(layer.getKey()).matches(pkg)) {
                return layer.getValue();
            }
        }
        throw new AssertionError("package " + pkg + " has no place in the layers of LayerRulesTest");
    }

    @Test
    void no_source_file_imports_a_package_its_layer_may_not_use() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            files.filter(f -> f.toString().endsWith(".java")).sorted().forEach(f -> {
                try {
                    violations.addAll(violations(SOURCES.relativize(f).toString(),
                        Files.readString(f, StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        assertEquals(List.of(), violations, () -> violations.size() + " import(s) against the layers:\n  "
            + String.join("\n  ", violations));
    }

    @Test
    void an_import_only_for_a_constant_is_found() {
        String source = "package org.metlog.internal;\n\nimport static org.metlog.MetlogClient.TYPE_COUNTER;\n"
            + "import org.metlog.internal.Utf16;\nimport java.util.Map;\n";
        List<String> found = violations("Example.java", source);
        assertEquals(1, found.size(), found::toString);
        assertTrue(found.get(0).startsWith("Example.java imports org.metlog.MetlogClient.TYPE_COUNTER"), found::toString);
    }

    @Test
    void a_wildcard_import_names_its_package() {
        assertEquals("org.metlog.config", importedPackage("org.metlog.config"));
        assertEquals("org.metlog", importedPackage("org.metlog.MetlogClient.Builder"));
    }
}
