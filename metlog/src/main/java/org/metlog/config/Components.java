package org.metlog.config;
import org.metlog.spi.Options.ComponentFactory;
import org.metlog.spi.ConfigurationException;
import org.metlog.spi.InvalidOptionException;
import org.metlog.spi.Options;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.metlog.ExtensionMethod;
import org.metlog.MetlogClient;
import org.metlog.message.Message;
import org.metlog.PluginProvider;
import org.metlog.spi.ErrorHandler;
import org.metlog.spi.Filter;
import org.metlog.spi.FilterProvider;
import org.metlog.spi.Formatter;
import org.metlog.spi.Sender;

/**
 * Turns names from configuration into senders, filters, formatters and extension methods.
 *
 * <p>A name is a fully qualified class name, a {@code Class#staticMethod} reference, or one of metlog-py's
 * dotted names (see {@link #aliases()}). A class must implement the interface of its role ({@link Sender},
 * {@link FilterProvider}, {@link Formatter}, {@link PluginProvider}); a static method must return that role's
 * product. Both are checked on the class as loaded, before any of its code runs (the class is not even
 * initialised), so configuration can never instantiate arbitrary classes such as {@code java.lang.Runtime}.
 *
 * <p>How a class is built: a sender class is built by its {@code public static fromConfig(Options)} method if
 * it has one, else by a public no-argument constructor (and then accepts no options). Providers and formatters
 * are built by their public no-argument constructor. A {@code Class#method} sender or filter factory takes
 * {@link Options}; a {@code Class#method} plugin factory takes the {@link MetlogClient} and {@link Options}, like
 * {@link PluginProvider#create}; a {@code Class#method} formatter takes a {@link Message} and returns a String.
 */
public final class Components {

    private static final Map<String, String> ALIASES = new TreeMap<>();
    private static final ComponentFactory FACTORY = new ComponentFactory() {
        @Override
        public Sender sender(String className, Options options) {
            return Components.sender(className, options);
        }

        @Override
        public Formatter formatter(String name, String context) {
            return Components.formatter(name, context);
        }
    };

    static {
        String senders = "org.metlog.senders.";
        alias(senders + "DebugCaptureSender", "metlog.senders.DebugCaptureSender",
            "metlog.senders.dev.DebugCaptureSender");
        alias(senders + "StdoutSender", "metlog.senders.dev.StdOutSender", "metlog.senders.dev.StdoutSender",
            "metlog.senders.StdOutSender", "metlog.senders.StdoutSender");
        alias(senders + "FileSender", "metlog.senders.dev.FileSender", "metlog.senders.FileSender");
        alias(senders + "StreamSender", "metlog.senders.dev.StreamSender", "metlog.senders.StreamSender");
        alias(senders + "NoSendSender", "metlog.senders.dev.NoSendSender", "metlog.senders.NoSendSender",
            "metlog.client.NoSendSender");
        alias(senders + "UdpSender", "metlog.senders.udp.UdpSender", "metlog.senders.UdpSender");
        alias(senders + "TcpSender", "metlog.senders.TcpSender", "metlog.senders.tcp.TcpSender");
        alias(senders + "zmq.ZmqPubSender", "metlog.senders.zmq.ZmqPubSender", "metlog.senders.ZmqPubSender");
        alias(senders + "zmq.ZmqHandshakePubSender", "metlog.senders.zmq.ZmqHandshakePubSender",
            "metlog.senders.ZmqHandshakePubSender");
        alias(senders + "StdLibLoggingSender", "metlog.senders.logging.StdLibLoggingSender",
            "metlog.senders.StdLibLoggingSender");
        alias(senders + "kafka.KafkaSender", "metlog.senders.kafka.KafkaSender"); // module metlog-kafka
        alias(senders + "otlp.OtlpSender", "metlog.senders.otlp.OtlpSender"); // module metlog-otlp
        String filters = "org.metlog.filters.";
        alias(filters + "SeverityMaxProvider", "metlog.filters.severity_max",
            "metlog.filters.severity_max_provider");
        alias(filters + "TypeBlacklistProvider", "metlog.filters.type_blacklist",
            "metlog.filters.type_blacklist_provider");
        alias(filters + "TypeWhitelistProvider", "metlog.filters.type_whitelist",
            "metlog.filters.type_whitelist_provider");
        alias(filters + "TypeSeverityMaxProvider", "metlog.filters.type_severity_max",
            "metlog.filters.type_severity_max_provider");
        alias("org.metlog.senders.Formatters#prettyJson", "metlog.senders.dev.StreamSender.default_formatter",
            "metlog.senders.dev.default_formatter");
    }

    private Components() {
    }

    private static void alias(String javaName, String... pythonNames) {
        for (String name : pythonNames) {
            ALIASES.put(name, javaName);
        }
    }

    /**
     * Returns every accepted metlog-py name and the Java name it stands for.
     *
     * @return an unmodifiable, sorted map from alias to Java name
     */
    public static Map<String, String> aliases() {
        return java.util.Collections.unmodifiableMap(ALIASES);
    }

    /**
     * Resolves an alias; other names are returned unchanged. A metlog-py {@code module:function} colon is read
     * as {@code #}.
     *
     * @param name a configured name
     * @return the Java name
     */
    public static String resolve(String name) {
        String trimmed = name.trim();
        String aliased = ALIASES.get(trimmed);
        return aliased != null ? aliased : trimmed.replace(':', '#');
    }

    /**
     * Builds a sender.
     *
     * <p>Any sender accepts the options {@code async} (true to wrap it in an
     * {@link org.metlog.senders.AsyncSender}), {@code async_queue_size} (default 8192), {@code async_overflow}
     * ({@code drop} or {@code wait}, default drop), {@code async_offer_timeout_ms} (default 100),
     * {@code async_close_timeout_ms} (default 5000) and {@code async_shutdown_hook} (default true); they are
     * validated and removed before the sender itself is built from the remaining options. The sender is given
     * these options with {@link #factory()} as their {@link Options#components() component factory} (unless they
     * carry one already), so that a router or stream sender can build the senders and formatters it names.
     *
     * @param name    the sender's class or factory name
     * @param options the sender's options; every one must be used
     * @return the sender
     * @throws ConfigurationException if the name is unknown or not a sender, or an option is bad or unknown (a
     *                                sender built before an unknown option was noticed is closed)
     */
    public static Sender sender(String name, Options options) {
        options = withFactory(options);
        AsyncOptions async = AsyncOptions.take(options);
        Sender sender = (Sender) build(name, Sender.class, Sender.class, Options.class, options, true);
        try {
            options.checkAllUsed();
        } catch (RuntimeException e) {
            try {
                sender.close();
            } catch (Exception closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        return async.wrap(sender);
    }

    /**
     * Returns the factory that builds senders and formatters as {@link #sender(String, Options)} and
     * {@link #formatter(String, String)} do; the loader hands it to the components it builds.
     *
     * @return the factory, stateless and thread-safe
     */
    public static ComponentFactory factory() {
        return FACTORY;
    }

    private static Options withFactory(Options options) {
        try {
            options.components();
            return options; // a factory given by the caller stays
        } catch (InvalidOptionException none) {
            return options.withComponents(FACTORY);
        }
    }

    /**
     * Builds a filter through its provider.
     *
     * @param providerName the {@link FilterProvider} class, or a {@code Class#method} returning a {@link Filter}
     * @param options      the provider's options; every one must be used
     * @return the filter
     * @throws ConfigurationException if the name is unknown or not a filter provider, or an option is bad
     */
    public static Filter filter(String providerName, Options options) {
        Object built = build(providerName, FilterProvider.class, Filter.class, Options.class, options, false);
        Filter filter = built instanceof FilterProvider provider ? provider.create(options) : (Filter) built;
        options.checkAllUsed();
        return require(filter, providerName, "filter");
    }

    /**
     * Finds the provider of an extension method: loads and checks it, but builds no method yet (a method is built
     * for one client, by {@link PluginProvider#create}, which the loader follows by {@link Options#checkAllUsed()}).
     *
     * @param providerName the {@link PluginProvider} class, or a {@code Class#method} reference to a public static
     *                     method taking a {@link MetlogClient} and {@link Options} and returning an
     *                     {@link ExtensionMethod}
     * @param context      where the name comes from, for error messages
     * @return the provider
     * @throws ConfigurationException if the name is unknown or not a plugin provider
     */
    public static PluginProvider pluginProvider(String providerName, String context) {
        String resolved = resolve(providerName);
        if (resolved.indexOf('#') < 0) {
            Options none = Options.of(Map.of(), context, "");
            return (PluginProvider) build(providerName, PluginProvider.class, PluginProvider.class, null, none,
                false);
        }
        Method method = staticMethod(resolved, ExtensionMethod.class, "a plugin provider", context,
            MetlogClient.class, Options.class);
        return (client, options) -> (ExtensionMethod) invoke(method, providerName, options.context(), client,
            options);
    }

    /**
     * Builds a formatter.
     *
     * @param name a {@link Formatter} class, or a {@code Class#method} taking a {@link Message} and returning a
     *             String
     * @param context where the name comes from, for error messages
     * @return the formatter
     * @throws ConfigurationException if the name is unknown or not a formatter
     */
    public static Formatter formatter(String name, String context) {
        String resolved = resolve(name);
        int hash = resolved.indexOf('#');
        if (hash < 0) {
            Options none = Options.of(Map.of(), context, "");
            return (Formatter) build(name, Formatter.class, Formatter.class, null, none, false);
        }
        Method method = staticMethod(resolved, String.class, "a formatter", context, Message.class);
        return message -> {
            try {
                return (String) method.invoke(null, message);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private static <T> T require(T product, String name, String role) {
        if (product == null) {
            throw new ConfigurationException("'" + name + "' returned no " + role);
        }
        return product;
    }

    /**
     * Loads {@code name} and builds it: a class of type {@code role}, or a static method returning
     * {@code product}.
     */
    private static Object build(String name, Class<?> role, Class<?> product, Class<?> argType, Options options,
                                boolean senderConventions) {
        String resolved = resolve(name);
        String context = options.context();
        if (resolved.indexOf('#') >= 0) {
            Method method = staticMethod(resolved, product, describe(role), context, argType);
            return invoke(method, name, context, options);
        }
        Class<?> type = load(resolved, name, context);
        if (!role.isAssignableFrom(type)) {
            throw new ComponentNotAllowedException(context + ": class " + quoteName(name, resolved) + " is not "
                + describe(role) + ": it must implement " + role.getName());
        }
        if (Modifier.isAbstract(type.getModifiers())) {
            throw new ComponentNotAllowedException(context + ": class " + quoteName(name, resolved)
                + " is abstract and cannot be built");
        }
        if (senderConventions) {
            try {
                Method factory = type.getMethod("fromConfig", Options.class);
                if (Modifier.isStatic(factory.getModifiers()) && role.isAssignableFrom(factory.getReturnType())) {
                    return invoke(factory, name, options.context(), options);
                }
            } catch (NoSuchMethodException e) {
                // fall back to the no-argument constructor
            }
        }
        try {
            Constructor<?> constructor = type.getConstructor();
            return constructor.newInstance();
        } catch (NoSuchMethodException e) {
            throw new ComponentNotAllowedException(context + ": class " + quoteName(name, resolved)
                + " has no public no-argument constructor" + (senderConventions
                ? " and no public static fromConfig(" + Options.class.getName() + ") method" : ""));
        } catch (InvocationTargetException e) {
            throw failure(name, context, e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new ConfigurationException(context + ": could not build " + quoteName(name, resolved) + ": " + e,
                e);
        }
    }

    private static Object invoke(Method method, String name, String context, Object... args) {
        try {
            return method.invoke(null, args);
        } catch (InvocationTargetException e) {
            throw failure(name, context, e.getCause());
        } catch (IllegalAccessException e) {
            throw new ConfigurationException(context + ": could not call " + name + ": " + e, e);
        }
    }

    private static ConfigurationException failure(String name, String context, Throwable cause) {
        if (cause instanceof ConfigurationException ce) {
            // a component's own message (a missing optional dependency) gains the file and section it is named in
            boolean located = ce.getMessage() != null && ce.getMessage().startsWith(context);
            return located || ce.getClass() != ConfigurationException.class ? ce
                : new ConfigurationException(context + ": " + ce.getMessage(), ce);
        }
        return new ConfigurationException(context + ": building '" + name + "' failed: " + cause, cause);
    }

    /** Finds the public static method {@code Class#method(argTypes)} returning {@code product}, before any of its
     * class's code runs. */
    private static Method staticMethod(String resolved, Class<?> product, String what, String context,
                                       Class<?>... argTypes) {
        int hash = resolved.indexOf('#');
        String methodName = resolved.substring(hash + 1);
        Class<?> type = load(resolved.substring(0, hash), resolved, context);
        Method method;
        try {
            method = type.getMethod(methodName, argTypes);
        } catch (NoSuchMethodException e) {
            method = null;
        }
        if (method == null || !Modifier.isStatic(method.getModifiers())
            || !product.isAssignableFrom(method.getReturnType())) {
            StringJoiner params = new StringJoiner(", ", "(", ")");
            for (Class<?> argType : argTypes) {
                params.add(argType.getName());
            }
            throw new ComponentNotAllowedException(context + ": '" + resolved + "' is not " + what
                + ": expected a public static method " + methodName + params + " returning " + product.getName());
        }
        return method;
    }

    private static Class<?> load(String className, String configuredName, String context) {
        try {
            // initialize=false: no static initialiser of an unchecked class may run before the role check
            return Class.forName(className, false, loader());
        } catch (ClassNotFoundException | LinkageError e) {
            String hint = className.startsWith("metlog.") || !className.contains(".")
                ? " (not a known metlog-py name either; see Components.aliases())" : SenderArtifacts.hint(className);
            throw new ComponentNotAllowedException(context + ": unknown class '" + configuredName + "'" + hint);
        }
    }

    private static ClassLoader loader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : Components.class.getClassLoader();
    }

    private static String describe(Class<?> role) {
        if (role == Sender.class) {
            return "a sender";
        }
        if (role == FilterProvider.class) {
            return "a filter provider";
        }
        if (role == PluginProvider.class) {
            return "a plugin provider";
        }
        if (role == Formatter.class) {
            return "a formatter";
        }
        if (role == ErrorHandler.class) {
            return "an error handler";
        }
        return "a " + role.getSimpleName();
    }

    private static String quoteName(String configured, String resolved) {
        return configured.equals(resolved) ? "'" + resolved + "'" : "'" + configured + "' (" + resolved + ")";
    }

    /**
     * Builds the error handler named by the top-level {@code error_handler} key: a class implementing
     * {@link ErrorHandler} with a public no-argument constructor, or a {@code Class#method} reference to a public
     * static method without parameters returning one. The role is checked on the class as loaded, before any of
     * its code runs.
     *
     * @param name    the class or factory name
     * @param context where the name comes from, for error messages (e.g. {@code "metlog.ini [metlog] option
     *                error_handler = 'x'"})
     * @return the handler
     * @throws ConfigurationException if the name is unknown, not an error handler, or building it failed
     */
    public static ErrorHandler errorHandler(String name, String context) {
        String resolved = resolve(name);
        int hash = resolved.indexOf('#');
        if (hash < 0) {
            Options none = Options.of(Map.of(), context, "");
            return require((ErrorHandler) build(name, ErrorHandler.class, ErrorHandler.class, null, none, false),
                name, "error handler");
        }
        Method method = staticMethod(resolved, ErrorHandler.class, "an error handler", context);
        return require((ErrorHandler) invoke(method, name, context), name, "error handler");
    }
}
