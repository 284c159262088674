package org.metlog.senders;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.metlog.message.DeliveryStats;
import org.metlog.message.Message;
import org.metlog.spi.ConfigurationException;
import org.metlog.spi.DeliveryCounters;
import org.metlog.spi.DeliveryError;
import org.metlog.spi.ErrorHandler;
import org.metlog.spi.ErrorHandlers;
import org.metlog.spi.Options;
import org.metlog.spi.Sender;

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
 * <p>{@link #flush()}, {@link #close()}, {@link #stats()}, {@link #deliveryStats()} and
 * {@link #awaitConnection(Duration)} reach every nested sender, so a router loses none of their capabilities.
 * Problems flushing or closing a nested sender go to the {@linkplain Builder#errorHandler(ErrorHandler) error
 * handler}. Thread-safe if the nested senders are.
 */
public final class RouterSender implements Sender {
    /** The route of every type that has no route of its own. */
    public static final String ANY_TYPE = RouterConfig.ANY_TYPE;

    private static final String FLUSH_FAILED = "RouterSender: flushing a nested sender failed";

    private final Map<String, Sender> senders;
    private final Map<String, List<String>> routeNames;
    private final Map<String, Target[]> routes;
    private final Target[] fallback;
    /** One per nested sender: what the router handed it, for a nested sender that does not count itself. */
    private final Target[] targets;
    private final DeliveryCounters counters = new DeliveryCounters();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ErrorHandler errors;

    /** A nested sender with the count of what this router handed it. */
    private record Target(Sender sender, DeliveryCounters handed) {
        void send(Message message) throws Exception {
            try {
                sender.send(message);
            } catch (Throwable t) {
                handed.failed();
                throw t;
            }
            handed.sent();
        }
    }

    private RouterSender(Map<String, Sender> senders, Map<String, List<String>> routeNames, ErrorHandler errors) {
        this.senders = Collections.unmodifiableMap(new LinkedHashMap<>(senders));
        this.errors = errors != null ? errors : ErrorHandlers.stderr();
        Map<Sender, Target> byIdentity = new IdentityHashMap<>();
        for (Sender sender : this.senders.values()) {
            byIdentity.computeIfAbsent(sender, s -> new Target(s, new DeliveryCounters()));
        }
        this.targets = byIdentity.values().toArray(Target[]::new);
        Map<String, List<String>> names = new LinkedHashMap<>();
        Map<String, Target[]> table = new HashMap<>();
        for (Map.Entry<String, List<String>> route : routeNames.entrySet()) {
            names.put(route.getKey(), List.copyOf(route.getValue()));
            table.put(route.getKey(), route.getValue().stream().map(n -> byIdentity.get(senders.get(n)))
                .toArray(Target[]::new));
        }
        this.routeNames = Collections.unmodifiableMap(names);
        Target[] any = table.remove(ANY_TYPE);
        this.fallback = any != null ? any : new Target[0];
        this.routes = table;
    }

    /** {@return a builder with no senders and no routes} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a router from options: {@code senders} (name -> nested options with the sender's {@code class} and
     * its own options, and optionally positional {@code args}) and {@code route_<type>} options, as described on
     * the class. Each nested sender is built by the options' {@link Options#components() component factory} (the
     * configuration loader's), its options displayed as {@code sender_<name>_<option>} in errors and carrying the
     * options' error handler. If one fails to build, those already built are closed. The router reports its own
     * delivery problems to {@link Options#errorHandler()}.
     *
     * @param options the options, made by the configuration loader or given a factory with
     *                {@link Options#withComponents}
     * @return the router
     * @throws ConfigurationException if {@code senders} or the routes are missing, a route names an undefined
     *                                sender, a sender is used by no route, or a nested sender cannot be built
     */
    public static RouterSender fromConfig(Options options) {
        RouterConfig config = RouterConfig.parse(options);
        return new RouterSender(config.senders(), config.routes(), config.errorHandler());
    }

    /** {@return the nested senders by name, in definition order, unmodifiable} */
    public Map<String, Sender> senders() {
        return senders;
    }

    /** {@return message type (or {@value #ANY_TYPE}) -> names of its senders, unmodifiable} */
    public Map<String, List<String>> routes() {
        return routeNames;
    }

    /** {@return true if any of the routed senders may keep a message} */
    @Override
    public boolean keepsMessages() {
        for (Sender sender : senders.values()) {
            if (sender.keepsMessages()) {
                return true;
            }
        }
        return false;
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
        Target[] route = routes.get(message.type());
        if (route == null) {
            route = fallback;
        }
        if (route.length == 0) {
            counters.filtered();
            return;
        }
        if (route.length == 1) {
            route[0].send(message);
            return;
        }
        Exception first = null;
        for (Target target : route) {
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

    /** Flushes every nested sender, then the error handler. Blocks while they flush; never throws. */
    @Override
    public void flush() {
        for (Sender sender : senders.values()) {
            try {
                sender.flush();
            } catch (RuntimeException e) {
                ErrorHandler.report(errors, DeliveryError.of(sender.toString(), FLUSH_FAILED, null, e));
            }
        }
        errors.flush();
    }

    /**
     * Waits until every nested sender can deliver, all within the one bound {@code max}: each nested sender's
     * {@link Sender#awaitConnection(Duration)} is given what is left of it (and is asked even when nothing is
     * left, so that one that is ready at once still says so). Blocks for at most about {@code max}; never throws.
     *
     * @param max the longest time to wait in all
     * @return true only if every nested sender answered true
     */
    @Override
    public boolean awaitConnection(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        boolean all = true;
        for (Sender sender : senders.values()) {
            long left = Math.max(0, deadline - System.nanoTime());
            all &= sender.awaitConnection(Duration.ofNanos(left));
        }
        return all;
    }

    /**
     * Returns the end-to-end counters: the messages this router dropped for want of a route (as
     * {@code filtered}) plus, for every nested sender, its own {@link Sender#deliveryStats()}, or, for one that
     * does not count ({@link DeliveryStats#EMPTY}), what this router handed it ({@code sent} if it returned,
     * {@code failed} if it threw). A message routed to two senders is counted by both. Never blocks.
     *
     * @return the sum
     */
    @Override
    public DeliveryStats deliveryStats() {
        DeliveryStats total = counters.snapshot();
        for (Target target : targets) {
            DeliveryStats downstream = target.sender().deliveryStats();
            total = total.plus(downstream == DeliveryStats.EMPTY ? target.handed().snapshot() : downstream);
        }
        return total;
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

    /** Closes every nested sender, once, then flushes the error handler. Never throws. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            for (Target target : targets) {
                RouterConfig.closeQuietly(target.sender(), errors);
            }
            errors.flush();
        }
    }

    /** {@return {@code RouterSender(routes={<type>=[<name>, ...], ...}, senders={<name>=<toString()>, ...})}} */
    @Override
    public String toString() {
        return "RouterSender(routes=" + routeNames + ", senders=" + senders + ")";
    }

    /** Builds a {@link RouterSender} in code. Not thread-safe. */
    public static final class Builder {
        private final Map<String, Sender> senders = new LinkedHashMap<>();
        private final Map<String, List<String>> routes = new LinkedHashMap<>();
        private ErrorHandler errorHandler;

        private Builder() {
        }

        /**
         * Sets where the router reports nested senders that fail to flush or close. Default: a new
         * {@link ErrorHandlers#stderr()} handler.
         *
         * @param handler the handler
         * @return this builder
         */
        public Builder errorHandler(ErrorHandler handler) {
            this.errorHandler = Objects.requireNonNull(handler, "handler");
            return this;
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
            return new RouterSender(senders, routes, errorHandler);
        }
    }
}
