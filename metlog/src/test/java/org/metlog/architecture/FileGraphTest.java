package org.metlog.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.metlog.architecture.fixture.Bystander;
import org.metlog.architecture.fixture.Ping;
import org.metlog.architecture.fixture.Pong;

class FileGraphTest {
    private static final String PING = "architecture.fixture.Ping";
    private static final String PONG = "architecture.fixture.Pong";

    private final FileGraph graph = FileGraph.of(ProductionClasses.importer().importPackagesOf(Ping.class));

    @Test
    void a_dependency_from_a_nested_class_counts_as_one_from_its_file() {
        assertEquals(List.of(List.of(PING, PONG)), graph.cycles());
    }

    @Test
    void a_file_that_only_uses_a_cycle_is_not_part_of_it() {
        assertTrue(graph.cycles().stream().noneMatch(cycle -> cycle.contains("architecture.fixture."
            + Bystander.class.getSimpleName())));
    }

    @Test
    void a_cycle_is_described_by_each_dependency_between_its_members() {
        String description = graph.describe(List.of(PING, PONG));
        assertTrue(description.contains(PING + " -> " + PONG + ": ") && description.contains(Pong.class.getName()),
            description);
        assertTrue(description.contains(PONG + " -> " + PING + ": "), description);
        assertEquals(2, description.lines().count(), description);
    }
}
