package org.metlog.architecture;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tarjan's strongly connected components over a directed graph: every component of two or more nodes is a set
 * of nodes each of which reaches every other, that is, a cycle (or several overlapping ones).
 */
final class StronglyConnected<T extends Comparable<T>> {
    private final Map<T, ? extends Collection<T>> edges;
    private final Map<T, Integer> index = new HashMap<>();
    private final Map<T, Integer> lowLink = new HashMap<>();
    private final Deque<T> stack = new ArrayDeque<>();
    private final Set<T> onStack = new HashSet<>();
    private final List<List<T>> cycles = new ArrayList<>();

    private StronglyConnected(Map<T, ? extends Collection<T>> edges) {
        this.edges = edges;
    }

    /**
     * @param edges each node's successors; a successor that is not a key has no successors of its own
     * @return the components of two or more nodes, each sorted, ordered by their first node; a node with an edge
     *     to itself alone is not reported
     */
    static <T extends Comparable<T>> List<List<T>> cycles(Map<T, ? extends Collection<T>> edges) {
        StronglyConnected<T> search = new StronglyConnected<>(edges);
        edges.keySet().stream().sorted().forEach(node -> {
            if (!search.index.containsKey(node)) {
                search.visit(node);
            }
        });
        search.cycles.sort(Comparator.comparing(cycle -> cycle.get(0)));
        return search.cycles;
    }

    private void visit(T node) {
        int number = index.size();
        index.put(node, number);
        lowLink.put(node, number);
        stack.push(node);
        onStack.add(node);
        Collection<T> successors = edges.get(node);
        for (T next : successors == null ? List.<T>of() : successors) {
            if (!index.containsKey(next)) {
                visit(next);
                lowLink.put(node, Math.min(lowLink.get(node), lowLink.get(next)));
            } else if (onStack.contains(next)) {
                lowLink.put(node, Math.min(lowLink.get(node), index.get(next)));
            }
        }
        if (lowLink.get(node).equals(index.get(node))) {
            List<T> component = new ArrayList<>();
            T member;
            do {
                member = stack.pop();
                onStack.remove(member);
                component.add(member);
            } while (!member.equals(node));
            if (component.size() > 1) {
                component.sort(Comparator.naturalOrder());
                cycles.add(component);
            }
        }
    }
}
