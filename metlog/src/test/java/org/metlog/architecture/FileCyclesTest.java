package org.metlog.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No cycle between source files: no top-level class reaches itself through the classes it uses (a nested class
 * counts as part of the file it is written in). ArchUnit's slice rules stop at packages, so this walks the class
 * dependencies itself (see {@link FileGraph}).
 */
class FileCyclesTest {
    @Test
    void no_file_of_the_library_depends_on_itself_through_other_files() {
        FileGraph graph = FileGraph.of(ProductionClasses.get());
        List<List<String>> cycles = graph.cycles();
        assertEquals(List.of(), cycles, () -> describe(graph, cycles));
    }

    private static String describe(FileGraph graph, List<List<String>> cycles) {
        StringBuilder out = new StringBuilder(cycles.size() + " cycle(s) between files of " + ProductionClasses.ROOT
            + "; each lists its members, then every dependency between two of them:\n");
        int number = 1;
        for (List<String> cycle : cycles) {
            out.append("  cycle ").append(number++).append(" (").append(cycle.size()).append(" files): ")
                .append(String.join(", ", cycle)).append('\n').append(graph.describe(cycle));
        }
        return out.toString();
    }
}
