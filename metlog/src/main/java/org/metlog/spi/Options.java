package org.metlog.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.metlog.internal.Quoting;

/**
 * The options given to one configured component (a sender, a filter provider, a plugin provider), with typed,
 * validating getters.
 *
 * <p>Values may arrive as strings (from INI files, or maps written by hand: {@code "port": "5566"}) or as
 * already converted numbers, booleans and lists; each getter accepts both. A getter that cannot use a value
 * throws an {@link InvalidOptionException} naming the component, the option, the value and what was expected.
 * Every option a component asks for is recorded, so that after it is built {@link #checkAllUsed()} can reject
 * options nobody asked for (typos) and list the accepted ones.
 *
 * <p>Not thread-safe; used only while configuring.
 */
public final class Options extends TypedOptions {
    private Map<String, Object> values;
    private List<Object> positional = List.of();
    private final String context;
    private final String keyPrefix;
    private final Set<String> asked = new LinkedHashSet<>();
    private ErrorHandler errorHandler;
    private ComponentFactory components;

    private Options(Map<String, ?> values, String context, String keyPrefix) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.context = context;
        this.keyPrefix = keyPrefix;
    }

    /** A copy with the same values, positional arguments and record of asked options. */
    private Options sameValues() {
        Options copy = copy(values, context, keyPrefix);
        copy.asked.addAll(asked);
        copy.positional = positional;
        return copy;
    }

    /** A copy holding {@code newValues}, with this one's context, environment and record of asked options. */
    private Options copy(Map<String, ?> newValues, String newContext, String newKeyPrefix) {
        Options copy = new Options(newValues, newContext, newKeyPrefix);
        copy.errorHandler = errorHandler;
        copy.components = components;
        return copy;
    }

    /**
     * Creates options for one component.
     *
     * @param values    option name to value; copied
     * @param context   where the options come from, for error messages (e.g. {@code "metlog.ini [metlog] sender"})
     * @param keyPrefix how option names are written in the source, for error messages (e.g. {@code "sender_"});
     *                  may be ""
     * @return the options
     */
    public static Options of(Map<String, ?> values, String context, String keyPrefix) {
        return new Options(values, context, keyPrefix);
    }

    /**
     * Creates options for code that configures a component directly.
     *
     * @param values option name to value; copied
     * @return the options, with context "options"
     */
    public static Options of(Map<String, ?> values) {
        return new Options(values, "options", "");
    }

    /** {@return options with no values} */
    public static Options empty() {
        return of(Map.of());
    }

    /**
     * Returns a copy of these options that also carries positional arguments (metlog-py's sender {@code args}),
     * to be named by the component with {@link #bindPositional(String...)}.
     *
     * @param args the positional values; may be null or empty
     * @return new options
     */
    public Options withArgs(List<?> args) {
        Options copy = copy(values, context, keyPrefix);
        copy.asked.addAll(asked);
        copy.positional = args == null ? List.of() : Collections.unmodifiableList(new ArrayList<Object>(args));
        return copy;
    }

    /**
     * Names the positional arguments, in order, so that the getters find them. A component that accepts
     * positional arguments calls this first.
     *
     * @param names the component's parameter names in constructor order
     * @return these options
     * @throws InvalidOptionException if there are more arguments than names or a value is given twice
     */
    public Options bindPositional(String... names) {
        if (positional.isEmpty()) {
            return this;
        }
        if (positional.size() > names.length) {
            throw new InvalidOptionException(context + ": " + positional.size() + " positional args "
                + quoteList(positional) + " given, but it takes at most " + names.length + " (" + String.join(", ", names) + ")");
        }
        Map<String, Object> merged = new LinkedHashMap<>();
        for (int i = 0; i < positional.size(); i++) {
            if (values.containsKey(names[i])) {
                throw new InvalidOptionException(context + ": option " + display(names[i])
                    + " is given both as positional arg " + i + " and by name");
            }
            merged.put(names[i], positional.get(i));
        }
        merged.putAll(values);
        values = Collections.unmodifiableMap(merged);
        positional = List.of();
        return this;
    }

    /**
     * Moves the given options out of these options into new ones with the same context and key prefix, for a
     * wrapper that consumes some options and passes the rest to the component it wraps. The moved options are
     * no longer present here (so {@link #checkAllUsed()} here does not see them); positional arguments stay here.
     *
     * @param keys the option names to move; absent ones are ignored
     * @return options holding just the moved values
     */
    public Options take(String... keys) {
        Map<String, Object> taken = new LinkedHashMap<>();
        Map<String, Object> rest = new LinkedHashMap<>(values);
        for (String key : keys) {
            if (rest.containsKey(key)) {
                taken.put(key, rest.remove(key));
            }
        }
        values = Collections.unmodifiableMap(rest);
        return copy(taken, context, keyPrefix);
    }

    /**
     * Creates options for a component nested in this one (a router's senders), carrying this one's error handler
     * and component factory.
     *
     * @param nestedValues option name to value; copied
     * @param nestedContext where they come from, for error messages
     * @param nestedKeyPrefix how their names are written in the source, for error messages; may be ""
     * @return the nested options
     */
    public Options nested(Map<String, ?> nestedValues, String nestedContext, String nestedKeyPrefix) {
        return copy(nestedValues, nestedContext, nestedKeyPrefix);
    }

    /**
     * Returns a copy of these options whose component reports its delivery errors to {@code handler}; the
     * configuration loader passes the configured {@code error_handler} this way.
     *
     * @param handler the handler
     * @return new options
     */
    public Options withErrorHandler(ErrorHandler handler) {
        Options copy = sameValues();
        copy.errorHandler = java.util.Objects.requireNonNull(handler, "handler");
        return copy;
    }

    /**
     * Returns the handler the component should report delivery errors to.
     *
     * @return the handler given with {@link #withErrorHandler}, or else a new {@link ErrorHandlers#stderr()}
     */
    public ErrorHandler errorHandler() {
        return errorHandler != null ? errorHandler : ErrorHandlers.stderr();
    }

    /**
     * Returns a copy of these options that can build nested components with {@code factory}.
     *
     * @param factory the factory, normally the configuration loader's
     * @return new options
     */
    public Options withComponents(ComponentFactory factory) {
        Options copy = sameValues();
        copy.components = java.util.Objects.requireNonNull(factory, "factory");
        return copy;
    }

    /**
     * Returns the factory for components named in these options.
     *
     * @return the factory given with {@link #withComponents}
     * @throws InvalidOptionException if there is none (options made in code without the configuration loader)
     */
    public ComponentFactory components() {
        if (components == null) {
            throw new InvalidOptionException(context + ": nested components can only be built from options made"
                + " by the configuration loader (org.metlog.config), or given with Options.withComponents");
        }
        return components;
    }

    /** {@return where these options come from, for messages} */
    public String context() {
        return context;
    }

    /**
     * Returns whether an option is present.
     *
     * @param key the option name
     * @return true if a value is set (even null)
     */
    public boolean has(String key) {
        asked.add(key);
        return values.containsKey(key);
    }

    /** {@return the option names present, in their original order} */
    public Set<String> keys() {
        return values.keySet();
    }

    /** {@return all values as an unmodifiable map, marking every option as used} */
    public Map<String, Object> asMap() {
        asked.addAll(values.keySet());
        return values;
    }

    @Override
    public Object raw(String key) {
        asked.add(key);
        return values.get(key);
    }

    /**
     * Rejects options that the component never asked for.
     *
     * @throws UnknownOptionException naming the unknown options and listing the accepted ones
     */
    public void checkAllUsed() {
        if (!positional.isEmpty()) {
            throw new UnknownOptionException(context + ": positional args " + quoteList(positional)
                + " given, but this component takes none; give options by name");
        }
        Set<String> unknown = new LinkedHashSet<>(values.keySet());
        unknown.removeAll(asked);
        if (!unknown.isEmpty()) {
            List<String> shown = new ArrayList<>();
            for (String key : unknown) {
                shown.add(Quoting.cap(display(key)) + " = " + quote(values.get(key)));
            }
            Set<String> accepted = new TreeSet<>();
            for (String key : asked) {
                accepted.add(display(key));
            }
            throw new UnknownOptionException(context + ": unknown option" + (unknown.size() > 1 ? "s " : " ")
                + Quoting.join(shown, ", ") + "; accepted options: "
                + (accepted.isEmpty() ? "(none)" : Quoting.join(accepted, ", ")));
        }
    }

    @Override
    public InvalidOptionException invalid(String key, Object value, String expected) {
        return new InvalidOptionException(context + ": option " + Quoting.cap(display(key)) + " = " + quote(value)
            + ": expected " + expected);
    }

    @Override
    public InvalidOptionException missing(String key, String expected) {
        return new InvalidOptionException(context + ": required option " + display(key) + " is missing: expected "
            + expected);
    }

    /**
     * Returns an option's name as it is written in the configuration source, for messages.
     *
     * @param key the option name
     * @return the name with the source's key prefix, e.g. {@code sender_port}
     */
    public String displayName(String key) {
        return display(key);
    }

    private String display(String key) {
        return keyPrefix + key;
    }

    private static String quote(Object value) {
        return Quoting.value(value);
    }

    private static String quoteList(List<Object> items) {
        List<String> shown = new ArrayList<>();
        for (Object item : items) {
            shown.add(Quoting.cap(String.valueOf(item)));
        }
        return "[" + Quoting.join(shown, ", ") + "]";
    }

    /**
     * Builds the components that a component names in its own options: the senders a router routes to, the
     * formatter of a stream sender. The configuration loader hands its factory to every component it builds
     * through {@link #components()}, so that a sender can build what it names without depending on the loader.
     */
    public interface ComponentFactory {

        /**
         * Builds a sender from a class name (or a metlog-py alias) and its options.
         *
         * @param className the sender class or alias
         * @param options   its options
         * @return the sender
         * @throws ConfigurationException if the class is unknown, not a sender, or refuses the options
         */
        Sender sender(String className, Options options);

        /**
         * Builds a formatter from a class name or alias.
         *
         * @param name    the formatter class or alias
         * @param context where it is named, for error messages
         * @return the formatter
         * @throws ConfigurationException if the class is unknown or not a formatter
         */
        Formatter formatter(String name, String context);
    }
}
