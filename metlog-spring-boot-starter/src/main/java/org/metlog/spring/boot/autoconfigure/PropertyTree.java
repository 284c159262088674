package org.metlog.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.metlog.spi.ConfigurationException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Every {@code metlog.*} property of an environment as a tree: a name's elements become nested maps (in the
 * order the names first appear, so that filters keep the order they are written in), indexed elements
 * ({@code hosts[0]}, YAML lists) become lists, and values are the strings Spring Boot resolves (placeholders
 * replaced, the highest-precedence source winning). Element names are kept as written.
 *
 * <p>Names are taken from every source but the operating system's environment: a variable such as
 * {@code METLOG_SENDER} that another tool (or an INI file's {@code ${METLOG_SENDER}}) uses must not become a
 * key the loader rejects. A variable still overrides the value of a name that a property file gives.
 */
final class PropertyTree {
    private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of(MetlogProperties.PREFIX);

    /** A value and the property that gave it, to name it if a group of options is written at the same place. */
    private record Leaf(String property, String value) {
    }

    private PropertyTree() {
    }

    /**
     * Reads the tree.
     *
     * @param environment the application's environment
     * @return element name to a String, a List or a Map of the same; mutable; empty if nothing is set
     * @throws ConfigurationException if one name is both a value and a group of values
     */
    static Map<String, Object> read(ConfigurableEnvironment environment) {
        Binder binder = Binder.get(environment);
        Map<Object, Object> root = new LinkedHashMap<>();
        for (ConfigurationPropertyName name : names(environment)) {
            String value = binder.bind(name, Bindable.of(String.class)).orElse("");
            put(root, name, value);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = (Map<String, Object>) finish(root);
        return tree;
    }

    private static Set<ConfigurationPropertyName> names(ConfigurableEnvironment environment) {
        Set<ConfigurationPropertyName> names = new LinkedHashSet<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (source instanceof IterableConfigurationPropertySource iterable
                && !(source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource)) {
                iterable.filter(ROOT::isAncestorOf).stream().forEach(names::add);
            }
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<Object, Object> root, ConfigurationPropertyName name, String value) {
        Map<Object, Object> node = root;
        int last = name.getNumberOfElements() - 1;
        for (int i = 1; i <= last; i++) {
            Object key = name.isNumericIndex(i) ? (Object) Integer.valueOf(name.getElement(i,
                ConfigurationPropertyName.Form.ORIGINAL)) : name.getElement(i, ConfigurationPropertyName.Form.ORIGINAL);
            Object existing = node.get(key);
            if (i == last) {
                if (existing instanceof Map) {
                    throw conflict(new Leaf(name.toString(), value), name + "." + firstKey(existing));
                }
                node.put(key, new Leaf(name.toString(), value));
            } else if (existing instanceof Leaf leaf) {
                throw conflict(leaf, name.toString());
            } else {
                node = (Map<Object, Object>) node.computeIfAbsent(key, k -> new LinkedHashMap<>());
            }
        }
    }

    private static Object firstKey(Object map) {
        return ((Map<?, ?>) map).keySet().iterator().next();
    }

    private static ConfigurationException conflict(Leaf leaf, String other) {
        return new ConfigurationException("property " + leaf.property() + " = '" + leaf.value()
            + "' cannot be given together with " + other + ": " + leaf.property()
            + " is a group of options there, not a value");
    }

    /** Replaces leaves by their values and maps whose keys are all indexes by lists in index order. */
    private static Object finish(Object node) {
        if (node instanceof Leaf leaf) {
            return leaf.value();
        }
        Map<?, ?> map = (Map<?, ?>) node;
        boolean indexed = !map.isEmpty() && map.keySet().stream().allMatch(Integer.class::isInstance);
        if (indexed) {
            List<Object> list = new ArrayList<>();
            new TreeMap<>(map).values().forEach(v -> list.add(finish(v)));
            return list;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k.toString(), finish(v)));
        return out;
    }
}
