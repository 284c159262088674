package org.metlog.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StronglyConnectedTest {
    @Test
    void each_set_of_nodes_that_reach_each_other_is_one_cycle_sorted_by_name() {
        Map<String, List<String>> graph = Map.of(
            "c", List.of("a", "d"),
            "a", List.of("b"),
            "b", List.of("c"),
            "d", List.of("e"),
            "e", List.of("d", "f"));
        assertEquals(List.of(List.of("a", "b", "c"), List.of("d", "e")), StronglyConnected.cycles(graph));
    }

    @Test
    void an_acyclic_graph_and_a_node_using_itself_have_no_cycle() {
        Map<String, List<String>> graph = Map.of(
            "a", List.of("b", "c"),
            "b", List.of("c"),
            "c", List.of("c"));
        assertEquals(List.of(), StronglyConnected.cycles(graph));
    }
}
