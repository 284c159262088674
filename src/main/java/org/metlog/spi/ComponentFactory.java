package org.metlog.spi;

/**
 * Builds the components that a component names in its own options: the senders a router routes to, the
 * formatter of a stream sender. The configuration loader hands its factory to every component it builds
 * through {@link Options#components()}, so that a sender can build what it names without depending on the loader.
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
