package org.metlog.senders;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.metlog.spi.DeliveryError;
import org.metlog.spi.ErrorHandler;
import org.metlog.spi.InvalidOptionException;
import org.metlog.spi.Options;
import org.metlog.spi.Sender;

/**
 * The options of a router read into a plain value: its nested senders, built, and its routes (message type, or
 * {@value #ANY_TYPE} for {@code route_default}, to sender names), all checked against each other, plus the
 * error handler the options carry. {@code RouterSender.fromConfig} turns it into a router; this class does not
 * know the router, so reading the options and routing stay in two files with one direction between them. The
 * nested senders are built by the options' component factory, so this package never depends on the
 * configuration loader.
 *
 * @param senders      the nested senders by name, in definition order
 * @param routes       message type (or {@value #ANY_TYPE}) to the names of its senders, in option order
 * @param errorHandler the options' error handler, for the router's own delivery problems
 */
record RouterConfig(Map<String, Sender> senders, Map<String, List<String>> routes, ErrorHandler errorHandler) {
    /** The route of every type without one of its own; {@code RouterSender.ANY_TYPE} is this constant. */
    static final String ANY_TYPE = "*";

    private static final String ROUTE_PREFIX = "route_";
    private static final String DEFAULT_ROUTE = "default";
    private static final String CLOSE_FAILED = "RouterSender: closing a nested sender failed";

    /** Copies the maps, keeping their order. */
    RouterConfig {
        senders = Collections.unmodifiableMap(new LinkedHashMap<>(senders));
        routes = Collections.unmodifiableMap(new LinkedHashMap<>(routes));
    }

    /**
     * Reads and checks the {@code senders} and {@code route_<type>} options and builds the nested senders; if
     * one fails to build, closes those already built. Blocks while the nested senders are built.
     *
     * @param options the router's options
     * @return the value, every route naming defined senders and every sender named by a route
     * @throws org.metlog.spi.ConfigurationException if the options are missing, inconsistent, or a nested sender
     *                                               cannot be built
     */
    static RouterConfig parse(Options options) {
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
        Map<String, Sender> built = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Object> definition : definitions.entrySet()) {
                built.put(definition.getKey(), nested(options, definition.getKey(), definition.getValue()));
            }
        } catch (RuntimeException e) {
            built.values().forEach(sender -> closeQuietly(sender, errors));
            throw e;
        }
        return new RouterConfig(built, routes, errors);
    }

    /**
     * Closes a nested sender, reporting a failure to {@code errors} instead of throwing. Blocks while it closes.
     *
     * @param sender the sender
     * @param errors where a failure goes
     */
    static void closeQuietly(Sender sender, ErrorHandler errors) {
        try {
            sender.close();
        } catch (RuntimeException e) {
            ErrorHandler.report(errors, DeliveryError.of(sender.toString(), CLOSE_FAILED, null, e));
        }
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
                type = ANY_TYPE;
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
            if (routes.put(type, List.copyOf(new LinkedHashSet<>(names))) != null) {
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
