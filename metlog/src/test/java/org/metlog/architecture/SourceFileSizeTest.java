package org.metlog.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.metlog.testing.Project;

/**
 * No main source file of any module is over 400 lines ({@code MetlogClient.java}, the facade, over 600): a file
 * that grows past it holds more than one job and is split, not stretched.
 */
class SourceFileSizeTest {
    private static final int LIMIT = 400;
    private static final int FACADE_LIMIT = 600;

    @Test
    void no_main_source_file_of_any_module_is_over_its_line_limit() throws IOException {
        List<String> over;
        try (Stream<Path> modules = Files.list(Project.root())) {
            over = modules.filter(m -> m.getFileName().toString().startsWith("metlog"))
                .map(m -> m.resolve("src/main/java")).filter(Files::isDirectory)
                .flatMap(SourceFileSizeTest::javaFiles).filter(SourceFileSizeTest::overLimit)
                .map(p -> Project.root().relativize(p) + " (" + lines(p) + " lines)").sorted().toList();
        }
        assertEquals(List.of(), over, "split these files");
    }

    private static Stream<Path> javaFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean overLimit(Path file) {
        int limit = file.getFileName().toString().equals("MetlogClient.java") ? FACADE_LIMIT : LIMIT;
        return lines(file) > limit;
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
