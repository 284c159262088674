package org.metlog.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.metlog.ClientRegistry;
import org.metlog.MetlogClient;
import org.metlog.internal.Diagnostics;
import org.metlog.message.Severity;
import org.metlog.spi.ConfigurationException;
import org.metlog.spi.ErrorHandler;
import org.metlog.spi.Filter;
import org.metlog.spi.InvalidOptionException;
import org.metlog.spi.Options;
import org.metlog.spi.Sender;

/**
 * One configuration, validated and with its error handler, sender and filters built and its plugins' providers
 * found, but not yet applied to any client. Building either succeeds completely or closes what it built and
 * throws. The extension methods are built for the client they are bound to, by {@link #check} or at the start of
 * {@link #apply}, before that client changes; applying then only swaps the client's settings, so a client never
 * ends up half configured.
 */
final class PreparedConfig {
    private static final ObjectMapper JSON = new ObjectMapper()
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private final String json;
    private final Settings settings;
    private final Map<String, Object> global;
    private final ErrorHandler errorHandler;
    private final Sender sender;
    private final List<Filter> filters;
    private final PluginBinding plugins;

    /** The client's own settings, read before any component is built. */
    private record Settings(String logger, int severity, List<String> disabledTimers, String prefix,
                            Duration statsInterval, Map<String, Object> fields) {
        static Settings read(Options top, ConfigOrigin origin) {
            return new Settings(top.string("logger", ""), top.integer("severity", Severity.INFORMATIONAL, 0, 7),
                top.strings("disabled_timers", List.of()), top.string("prefix", ""), PreparedConfig.statsInterval(top),
                DefaultFieldsOption.read(top.raw("fields"), origin));
        }
    }

    private PreparedConfig(String json, Settings settings, Map<String, Object> global, ErrorHandler errorHandler,
                           Sender sender, List<Filter> filters, PluginBinding plugins) {
        this.json = json;
        this.settings = settings;
        this.global = global;
        this.errorHandler = errorHandler;
        this.sender = sender;
        this.filters = filters;
        this.plugins = plugins;
    }

    /**
     * Validates a configuration map, builds its error handler, sender and filters and finds its plugins'
     * providers. The map is not modified.
     *
     * @param input  the map format
     * @param origin where the map came from, for messages
     * @return the prepared configuration
     * @throws ConfigurationException if anything is wrong; whatever was built is closed first
     */
    static PreparedConfig build(Map<String, ?> input, ConfigOrigin origin) {
        if (input == null) {
            throw new ConfigurationException(origin.where() + ": no configuration given (null)");
        }
        String json = toJson(input);
        Map<String, Object> config = ConfigShape.nest(ConfigValues.copyMap(input, origin.where()), origin);
        ConfigShape.checkKeys(config, origin);
        Options top = Options.of(config, origin.where(), "");
        Settings settings = Settings.read(top, origin);
        Map<String, Object> global = top.map("global");
        String handlerName = handlerName(top, origin);

        Map<String, Object> senderConfig = new LinkedHashMap<>(top.map("sender"));
        Object className = senderConfig.remove("class");
        if (className == null || className.toString().isBlank()) {
            throw new InvalidOptionException(origin.where() + ": required option " + origin.senderKey("class")
                + " is missing: expected the sender's class name, such as metlog.senders.dev.StdoutSender or "
                + "org.metlog.senders.FileSender");
        }
        if (!(className instanceof String senderClass)) {
            throw new InvalidOptionException(origin.where() + ": option " + origin.senderKey("class") + " = "
                + className + ": expected a class name");
        }
        Object args = senderConfig.remove("args");
        List<?> senderArgs = args == null ? List.of() : args instanceof List<?> list ? list : List.of(args);

        List<Map.Entry<String, Map<String, Object>>> filterSpecs = ConfigShape.filterPairs(top.raw("filters"),
            origin);
        Map<String, Map.Entry<String, Map<String, Object>>> pluginSpecs = ConfigShape.pluginPairs(
            top.raw("plugins"), origin);

        List<AutoCloseable> built = new ArrayList<>();
        try {
            ErrorHandler handler = handlerName == null ? null : Components.errorHandler(handlerName,
                origin.where() + ": option error_handler = '" + handlerName + "'");
            collect(built, handler);
            UnaryOperator<Options> passed = handler == null ? o -> o : o -> o.withErrorHandler(handler);
            Sender sender = Components.sender(senderClass, passed.apply(Options.of(senderConfig,
                origin.sender(senderClass), origin.senderOptionPrefix()).withArgs(senderArgs)));
            built.add(sender);
            List<Filter> filters = new ArrayList<>();
            for (int i = 0; i < filterSpecs.size(); i++) {
                String provider = filterSpecs.get(i).getKey();
                Filter filter = Components.filter(provider, passed.apply(Options.of(filterSpecs.get(i).getValue(),
                    origin.filter(i) + " filter " + provider, "")));
                collect(built, filter);
                filters.add(filter);
            }
            PluginBinding plugins = PluginBinding.build(pluginSpecs, origin, passed);
            return new PreparedConfig(json, settings, global, handler, sender, Collections.unmodifiableList(filters),
                plugins);
        } catch (RuntimeException | Error e) {
            closeAll(built, e);
            throw e;
        }
    }

    /** Reads {@code error_handler}: a class or factory name, or null when absent. */
    private static String handlerName(Options top, ConfigOrigin origin) {
        Object value = top.raw("error_handler");
        if (value == null) {
            return null;
        }
        if (!(value instanceof String name) || name.isBlank()) {
            throw new InvalidOptionException(origin.where() + ": option error_handler = "
                + ConfigShape.describe(value) + ": expected the name of a class implementing "
                + ErrorHandler.class.getName());
        }
        return name.strip();
    }

    /**
     * Applies the configuration: to a new client if {@code existing} is null, else to {@code existing} in place.
     * On failure nothing has changed and the caller must {@link #discard()}.
     *
     * @param existing    the client to reconfigure, or null
     * @param registry    the registry whose global configuration receives {@code global} and which records the
     *                    methods bound; null for a standalone client (then {@code global} is not applied)
     * @param clearGlobal true to replace the registry's global configuration rather than merge into it
     * @return the configured client
     * @throws ConfigurationException if an extension method cannot be built, or its name is already bound to
     *                                {@code existing} and the configuration may not replace it
     */
    MetlogClient apply(MetlogClient existing, ClientRegistry registry, boolean clearGlobal) {
        MetlogClient.Builder builder = MetlogClient.builder().sender(sender).logger(settings.logger())
            .severity(settings.severity()).disabledTimers(settings.disabledTimers()).filters(filters)
            .prefix(settings.prefix()).statsInterval(settings.statsInterval()).defaultFields(settings.fields())
            .configJson(json);
        if (errorHandler != null) {
            builder.errorHandler(errorHandler);
        }
        // a new client starts unconfigured, so that the plugins can be built for it before anything runs
        MetlogClient client = existing != null ? existing : MetlogClient.builder().build();
        synchronized (client) {
            Set<String> previous = previous(client, registry);
            plugins.check(client, previous);
            plugins.bind(client, previous);
            builder.configure(client);
        }
        if (registry != null) {
            registry.recordConfiguredMethods(client, plugins.names());
            if (clearGlobal) {
                registry.global().replace(global);
            } else {
                registry.global().merge(global);
            }
        }
        return client;
    }

    /**
     * Applies the configuration as {@link #apply} does and, if that fails, discards it.
     *
     * @param existing    the client to reconfigure, or null
     * @param registry    the registry, or null
     * @param clearGlobal true to replace the registry's global configuration
     * @return the configured client
     * @throws ConfigurationException if it cannot be applied; then everything it built is closed
     */
    MetlogClient applyOrDiscard(MetlogClient existing, ClientRegistry registry, boolean clearGlobal) {
        try {
            return apply(existing, registry, clearGlobal);
        } catch (RuntimeException | Error e) {
            discard();
            throw e;
        }
    }

    /**
     * Checks that every extension method can be bound to {@code client} now.
     *
     * @param client   the client to be reconfigured
     * @param registry the registry that recorded the client's configured methods, or null
     * @throws ConfigurationException if a method name is taken and may not be replaced
     */
    void check(MetlogClient client, ClientRegistry registry) {
        plugins.check(client, previous(client, registry));
    }

    private static Set<String> previous(MetlogClient client, ClientRegistry registry) {
        return registry == null ? Set.of() : registry.configuredMethods(client);
    }

    /** Closes everything built: the configuration will not be used. */
    void discard() {
        List<AutoCloseable> built = new ArrayList<>();
        collect(built, errorHandler);
        built.add(sender);
        filters.forEach(f -> collect(built, f));
        plugins.closeBuilt();
        closeAll(built, null);
    }

    private static void collect(List<AutoCloseable> built, Object component) {
        if (component instanceof AutoCloseable closeable) {
            built.add(closeable);
        }
    }

    private static void closeAll(List<AutoCloseable> built, Throwable primary) {
        for (int i = built.size() - 1; i >= 0; i--) {
            try {
                built.get(i).close();
            } catch (Exception e) {
                if (primary != null) {
                    primary.addSuppressed(e);
                } else {
                    Diagnostics.warn("closing " + built.get(i).getClass().getName() + " failed", e);
                }
            }
        }
    }

    /** Reads {@code stats_interval}: seconds (fractions allowed) between self-counting messages; 0 or absent: off. */
    private static Duration statsInterval(Options top) {
        double seconds = top.decimal("stats_interval", 0);
        if (seconds == 0) {
            return Duration.ZERO;
        }
        if (seconds < 0.001 || seconds > 86_400) {
            throw top.invalid("stats_interval", top.raw("stats_interval"),
                "seconds between stats messages, from 0.001 to 86400, or 0 for none");
        }
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }

    private static String toJson(Map<String, ?> input) {
        try {
            return JSON.writeValueAsString(input);
        } catch (JsonProcessingException e) {
            try {
                return JSON.writeValueAsString(String.valueOf(input));
            } catch (JsonProcessingException impossible) {
                return null;
            }
        }
    }
}
