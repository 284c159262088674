package org.metlog;

/**
 * A method bound to a {@link MetlogClient} by name at run time (metlog-py's {@code add_method} and plugins).
 * It is called through {@link MetlogClient#call(String, Object...)}, possibly from many threads at once, so it must
 * be thread-safe. Whatever it throws reaches the caller of {@code call} unchanged.
 */
@FunctionalInterface
public interface ExtensionMethod {
    /**
     * Runs the method.
     *
     * @param client the client the method is bound to
     * @param args   the caller's arguments
     * @return the method's result, or null
     */
    Object invoke(MetlogClient client, Object... args);
}
