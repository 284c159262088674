package org.metlog;

import java.util.Objects;

/**
 * A method bound to a {@link MetlogClient} by name at run time (metlog-py's {@code add_method} and plugins).
 * It is called through {@link MetlogClient#call(String, Object...)}, possibly from many threads at once, so it must
 * be thread-safe. Whatever it throws reaches the caller of {@code call} unchanged.
 *
 * <p>It receives only the caller's arguments. A method that needs its client (metlog-py's {@code self}) captures
 * it: {@code client.addMethod("hello", args -> { client.incr("hello"); return null; })}; a {@link PluginProvider}
 * is given the client it builds the method for.
 *
 * <p>A method built by a {@link PluginProvider} may carry its canonical name ({@link #name()}, metlog-py's
 * {@code metlog_name}); configuration binds it under that name. A lambda has no name: wrap it with
 * {@link #named(String, ExtensionMethod)}.
 */
@FunctionalInterface
public interface ExtensionMethod {
    /**
     * Runs the method.
     *
     * @param args the caller's arguments
     * @return the method's result, or null
     */
    Object invoke(Object... args);

    /**
     * Returns the method's canonical name, under which configuration binds it. The default has none, and
     * configuration then uses the name of the plugin section ({@code [metlog_plugin_NAME]}) or of the
     * {@code plugins} map key.
     *
     * @return the name, or null for none
     */
    default String name() {
        return null;
    }

    /**
     * Gives a method a canonical name.
     *
     * @param name   the name, not empty
     * @param method the method
     * @return a method that behaves like {@code method} and reports {@code name}
     * @throws IllegalArgumentException if the name is empty
     */
    static ExtensionMethod named(String name, ExtensionMethod method) {
        Objects.requireNonNull(method, "method");
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("extension method name must not be empty");
        }
        return new ExtensionMethod() {
            @Override
            public Object invoke(Object... args) {
                return method.invoke(args);
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public String toString() {
                return "ExtensionMethod[" + name + "]";
            }
        };
    }
}
