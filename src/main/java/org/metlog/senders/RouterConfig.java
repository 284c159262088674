package org.metlog.senders;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.metlog.spi.ErrorHandler;
import org.metlog.spi.InvalidOptionException;
import org.metlog.spi.Options;
import org.metlog.spi.Sender;

/**
 * Reads a {@link RouterSender} from configuration options: the nested sender definitions under {@code senders}
 * and the {@code route_<type>} options. The nested senders are built by the options' component factory, so this
 * package never depends on the configuration loader.
 */
final class RouterConfig {
    private static final String ROUTE_PREFIX = "route_";
    private static final String DEFAULT_ROUTE = "default";

    private RouterConfig() {
    }

    /** See {@link RouterSender#fromConfig(Options)}. */
    static RouterSender build(Options options) {
        Map<String, Object> definitions = options.map("senders");
        if (definitions.isEmpty()) {
            throw options.missing("senders", "the nested senders: [<section>_sender_<name>] sections, or a map of"
                + " name -> {class: ..., options}");
        }
        Map<String, List<String>> routes = routesFrom(options, definitions.keySet());
        Set<String> unused = new LinkedHashSet<>(definitions.keySet());
        routes.values().forEach(unused::removeAll);
        if (!unused.isEmpty()) {
            throw new InvalidOptionException(options.context() + ": sender" + (unused.size() > 1 ? "s " : " ")
                + unused + " defined under 'senders' but named by no route_<type> option; routes: " + routes);
        }
        ErrorHandler errors = options.errorHandler();
        RouterSender.Builder builder = RouterSender.builder().errorHandler(errors);
        List<Sender> built = new ArrayList<>();
        try {
            for (Map.Entry<String, Object> definition : definitions.entrySet()) {
                Sender sender = nested(options, definition.getKey(), definition.getValue());
                built.add(sender);
                builder.sender(definition.getKey(), sender);
            }
        } catch (RuntimeException e) {
            built.forEach(sender -> RouterSender.closeQuietly(sender, errors));
            throw e;
        }
        routes.forEach(builder::route);
        return builder.build();
    }

    private static Map<String, List<String>> routesFrom(Options options, Set<String> defined) {
        Map<String, List<String>> routes = new LinkedHashMap<>();
        for (String key : List.copyOf(options.keys())) {
            if (!key.startsWith(ROUTE_PREFIX)) {
                continue;
            }
            String type = key.substring(ROUTE_PREFIX.length());
            Object raw = options.raw(key);
            if (type.isEmpty()) {
                throw options.invalid(key, raw, "an option route_<message type> or route_default");
            }
            if (type.equals(DEFAULT_ROUTE)) {
                type = RouterSender.ANY_TYPE;
            }
            List<String> names = new ArrayList<>();
            for (String item : options.strings(key, List.of())) {
                for (String name : item.split("[,\\s]+")) {
                    if (!name.isEmpty()) {
                        names.add(name);
                    }
                }
            }
            if (names.isEmpty()) {
                throw options.invalid(key, raw, "one or more sender names");
            }
            for (String name : names) {
                if (!defined.contains(name)) {
                    throw options.invalid(key, raw, "names of senders defined under 'senders' (" + defined + ")");
                }
            }
            if (routes.put(type, names) != null) {
                throw options.invalid(key, raw, "one route per type (route_default and route_* are the same)");
            }
        }
        if (routes.isEmpty()) {
            throw options.missing("route_<type>", "at least one route, such as route_counter = statsd or"
                + " route_default = logs");
        }
        return routes;
    }

    private static Sender nested(Options options, String name, Object definition) {
        if (!(definition instanceof Map<?, ?> map)) {
            throw options.invalid("senders", definition, "a map of options for sender '" + name + "'");
        }
        Map<String, Object> rest = new LinkedHashMap<>();
        map.forEach((k, v) -> rest.put(String.valueOf(k), v));
        Object className = rest.remove("class");
        Object args = rest.remove("args");
        Options nested = options.nested(rest, options.context(), "sender_" + name + "_");
        if (className == null || className.toString().isBlank()) {
            throw nested.missing("class", "the class of nested sender '" + name + "'");
        }
        if (args != null) {
            nested = nested.withArgs(args instanceof List<?> list ? list : List.of(args));
        }
        return options.components().sender(className.toString(), nested);
    }
}
