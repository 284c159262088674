package org.metlog.architecture;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dependencies between source files: one node per top-level class (its nested, local and anonymous classes
 * are part of it), an edge from one file to another when any class of the first uses any class of the second.
 * Only the library's own classes are nodes; what it uses of the JDK or of dependencies is left out.
 */
final class FileGraph {
    /** Each file's successors, each edge with the first dependency found that makes it. */
    private final Map<String, Map<String, String>> edges = new TreeMap<>();

    private FileGraph() {
    }

    /** @return the graph of the files {@code classes} were compiled from */
    static FileGraph of(JavaClasses classes) {
        FileGraph graph = new FileGraph();
        for (JavaClass type : classes) {
            if (!ProductionClasses.isOwn(type)) {
                continue;
            }
            String from = name(ProductionClasses.topLevel(type));
            Map<String, String> successors = graph.edges.computeIfAbsent(from, k -> new TreeMap<>());
            for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
                JavaClass target = dependency.getTargetClass();
                if (!ProductionClasses.isOwn(target)) {
                    continue;
                }
                String to = name(ProductionClasses.topLevel(target));
                if (!to.equals(from)) {
                    successors.putIfAbsent(to, dependency.getDescription());
                }
            }
        }
        return graph;
    }

    /** @return the cycles between files, each a sorted list of file names (see {@link StronglyConnected}) */
    List<List<String>> cycles() {
        Map<String, java.util.Set<String>> successors = new TreeMap<>();
        edges.forEach((from, to) -> successors.put(from, to.keySet()));
        return StronglyConnected.cycles(successors);
    }

    /**
     * @return every edge between two members of {@code cycle}, one line each: {@code A -> B: <how A uses B>}
     */
    String describe(List<String> cycle) {
        StringBuilder out = new StringBuilder();
        for (String from : cycle) {
            edges.getOrDefault(from, Map.of()).forEach((to, how) -> {
                if (cycle.contains(to)) {
                    out.append("    ").append(from).append(" -> ").append(to).append(": ").append(how).append('\n');
                }
            });
        }
        return out.toString();
    }

    /** @return the class's name without the library's root package, for short failure messages */
    private static String name(JavaClass type) {
        String full = type.getName();
        return full.startsWith(ProductionClasses.ROOT + ".") ? full.substring(ProductionClasses.ROOT.length() + 1)
            : full;
    }
}
