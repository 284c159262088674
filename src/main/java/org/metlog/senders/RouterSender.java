package org.metlog.senders;
import org.metlog.spi.Sender;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.metlog.message.DeliveryStats;
import org.metlog.message.Message;
import org.metlog.config.Components;
import org.metlog.spi.ConfigurationException;
import org.metlog.spi.InvalidOptionException;
import org.metlog.spi.Options;
import org.metlog.spi.DeliveryCounters;
import org.metlog.internal.Diagnostics;

/**
 * Hands each message to the sender(s) configured for its type: the metlog router's job, done in-process. The
 * usual set-up sends {@code counter}, {@code timer} and {@code gauge} to a {@link StatsdSender} and everything
 * else ({@value #ANY_TYPE}) to a file or the network.
 *
 * <p>Each route names one or more of the router's nested senders; a message goes to every sender of its type's
 * route, or, if its type has no route, to the senders of the {@value #ANY_TYPE} route. A message with neither
 * is dropped and counted as {@code filtered}. When a nested sender throws, the others still receive the message
 * and the first exception (with the others suppressed) is thrown on for the client to report.
 *
 * <p>Configuration ({@link #fromConfig(Options)}), in the Map form:
 * <pre>{@code
 * sender: {class: "org.metlog.senders.RouterSender",
 *          senders: {statsd: {class: "org.metlog.senders.StatsdSender", host: "127.0.0.1", port: 8125},
 *                    logs:   {class: "org.metlog.senders.FileSender", filepath: "/var/log/app.json"}},
 *          route_counter: "statsd", route_timer: "statsd", route_gauge: "statsd",
 *          route_default: "logs"}
 * }</pre>
 * In an INI file the nested senders are {@code [<section>_sender_<name>]} sections and the routes are
 * {@code sender_route_<type>} keys of the main section. {@code route_<type>} takes a sender name, a
 * comma-separated list or a list; {@code route_default} (or {@code route_*} in a Map) is the {@value #ANY_TYPE}
 * route. Every route must name defined senders and every defined sender must be used by a route.
 *
 * <p>{@link #flush()}, {@link #close()} and {@link #stats()} reach every nested sender. Thread-safe if the
 * nested senders are.
 */
public final class RouterSender implements Sender {
    /** The route of every type that has no route of its own. */
    public static final String ANY_TYPE = "*";

    private static final String ROUTE_PREFIX = "route_";
    private static final String DEFAULT_ROUTE = "default";

    private final Map<String, Sender> senders;
    private final Map<String, List<String>> routeNames;
    private final Map<String, Sender[]> routes;
    private final Sender[] fallback;
    private final DeliveryCounters counters = new DeliveryCounters();
    private final AtomicBoolean closed = new AtomicBoolean();

    private RouterSender(Map<String, Sender> senders, Map<String, List<String>> routeNames) {
        this.senders = Collections.unmodifiableMap(new LinkedHashMap<>(senders));
        Map<String, List<String>> names = new LinkedHashMap<>();
        Map<String, Sender[]> table = new HashMap<>();
        for (Map.Entry<String, List<String>> route : routeNames.entrySet()) {
            names.put(route.getKey(), List.copyOf(route.getValue()));
            table.put(route.getKey(), route.getValue().stream().map(senders::get).toArray(Sender[]::new));
        }
        this.routeNames = Collections.unmodifiableMap(names);
        Sender[] any = table.remove(ANY_TYPE);
        this.fallback = any != null ? any : new Sender[0];
        this.routes = table;
    }

    /** @return a builder with no senders and no routes */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a router from options: {@code senders} (name -> nested options with the sender's {@code class} and
     * its own options, and optionally positional {@code args}) and {@code route_<type>} options, as described on
     * the class. Each nested sender is built with {@link Components#sender(String, Options)}, its options
     * displayed as {@code sender_<name>_<option>} in errors. If one fails to build, those already built are
     * closed.
     *
     * @param options the options
     * @return the router
     * @throws ConfigurationException if {@code senders} or the routes are missing, a route names an undefined
     *                                sender, a sender is used by no route, or a nested sender cannot be built
     */
    public static RouterSender fromConfig(Options options) {
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
        Builder builder = builder();
        List<Sender> built = new ArrayList<>();
        try {
            for (Map.Entry<String, Object> definition : definitions.entrySet()) {
                Sender sender = nested(options, definition.getKey(), definition.getValue());
                built.add(sender);
                builder.sender(definition.getKey(), sender);
            }
        } catch (RuntimeException e) {
            built.forEach(RouterSender::closeQuietly);
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
        Options nested = Options.of(rest, options.context(), "sender_" + name + "_");
        if (className == null || className.toString().isBlank()) {
            throw nested.missing("class", "the class of nested sender '" + name + "'");
        }
        if (args != null) {
            nested = nested.withArgs(args instanceof List<?> list ? list : List.of(args));
        }
        return Components.sender(className.toString(), nested);
    }

    /** @return the nested senders by name, in definition order, unmodifiable */
    public Map<String, Sender> senders() {
        return senders;
    }

    /** @return message type (or {@value #ANY_TYPE}) -> names of its senders, unmodifiable */
    public Map<String, List<String>> routes() {
        return routeNames;
    }

    /**
     * Hands the message to every sender of its type's route (or of the {@value #ANY_TYPE} route); drops and
     * counts it as filtered if there is neither.
     *
     * @param message the message
     * @throws Exception the first exception a nested sender threw, after all of them had the message
     */
    @Override
    public void send(Message message) throws Exception {
        Sender[] targets = routes.get(message.type());
        if (targets == null) {
            targets = fallback;
        }
        if (targets.length == 0) {
            counters.filtered();
            return;
        }
        if (targets.length == 1) {
            targets[0].send(message);
            return;
        }
        Exception first = null;
        for (Sender target : targets) {
            try {
                target.send(message);
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Flushes every nested sender. Never throws. */
    @Override
    public void flush() {
        for (Map.Entry<String, Sender> entry : senders.entrySet()) {
            try {
                entry.getValue().flush();
            } catch (RuntimeException e) {
                Diagnostics.warn("RouterSender: flushing sender '" + entry.getKey() + "' failed", e);
            }
        }
    }

    /**
     * Returns the messages this router dropped for want of a route (as {@code filtered}) plus the counters of
     * every nested sender. A message routed to two senders is counted by both.
     *
     * @return the sum
     */
    @Override
    public DeliveryStats stats() {
        DeliveryStats total = counters.snapshot();
        for (Sender sender : senders.values()) {
            total = total.plus(sender.stats());
        }
        return total;
    }

    /**
     * Returns one nested sender's counters.
     *
     * @param name the nested sender's name
     * @return its snapshot
     * @throws IllegalArgumentException if there is no sender of that name
     */
    public DeliveryStats stats(String name) {
        Sender sender = senders.get(name);
        if (sender == null) {
            throw new IllegalArgumentException("no nested sender '" + name + "'; senders: " + senders.keySet());
        }
        return sender.stats();
    }

    /** Closes every nested sender, once. Never throws. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            senders.values().forEach(RouterSender::closeQuietly);
        }
    }

    private static void closeQuietly(Sender sender) {
        try {
            sender.close();
        } catch (RuntimeException e) {
            Diagnostics.warn("RouterSender: closing " + sender.getClass().getName() + " failed", e);
        }
    }

    /** Builds a {@link RouterSender} in code. Not thread-safe. */
    public static final class Builder {
        private final Map<String, Sender> senders = new LinkedHashMap<>();
        private final Map<String, List<String>> routes = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Adds a nested sender.
         *
         * @param name   its name, used by routes
         * @param sender the sender
         * @return this builder
         * @throws IllegalArgumentException if the name is empty or already used
         */
        public Builder sender(String name, Sender sender) {
            Objects.requireNonNull(sender, "sender");
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("a nested sender needs a name");
            }
            if (senders.putIfAbsent(name, sender) != null) {
                throw new IllegalArgumentException("a nested sender named '" + name + "' was already added");
            }
            return this;
        }

        /**
         * Routes a message type to nested senders, replacing any earlier route of that type.
         *
         * @param type        a message type, or {@value RouterSender#ANY_TYPE} for every type without a route
         * @param senderNames names given to {@link #sender(String, Sender)}, at least one
         * @return this builder
         */
        public Builder route(String type, String... senderNames) {
            return route(type, Arrays.asList(senderNames));
        }

        /**
         * Routes a message type to nested senders, replacing any earlier route of that type.
         *
         * @param type        a message type, or {@value RouterSender#ANY_TYPE} for every type without a route
         * @param senderNames names given to {@link #sender(String, Sender)}, at least one
         * @return this builder
         */
        public Builder route(String type, List<String> senderNames) {
            Objects.requireNonNull(type, "type");
            if (senderNames.isEmpty()) {
                throw new IllegalArgumentException("route of type '" + type + "' names no sender");
            }
            routes.put(type, List.copyOf(new LinkedHashSet<>(senderNames)));
            return this;
        }

        /**
         * Builds the router.
         *
         * @return the router
         * @throws IllegalArgumentException if there is no route, a route names an unknown sender, or a sender is
         *                                  used by no route
         */
        public RouterSender build() {
            if (routes.isEmpty()) {
                throw new IllegalArgumentException("a RouterSender needs at least one route");
            }
            Set<String> unused = new LinkedHashSet<>(senders.keySet());
            for (Map.Entry<String, List<String>> route : routes.entrySet()) {
                for (String name : route.getValue()) {
                    if (!senders.containsKey(name)) {
                        throw new IllegalArgumentException("route of type '" + route.getKey() + "' names sender '"
                            + name + "', which was not added; senders: " + senders.keySet());
                    }
                    unused.remove(name);
                }
            }
            if (!unused.isEmpty()) {
                throw new IllegalArgumentException("senders " + unused + " are used by no route");
            }
            return new RouterSender(senders, routes);
        }
    }
}
