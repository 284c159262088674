package org.metlog.logging;

import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Reads what a {@link LogBridge} needs from one logging framework's event type. One stateless implementation per
 * framework; the bridge decides which parts become fields ({@link LogContext}), so a reader only reads.
 *
 * <p>Called on the thread that hands the event to the appender or handler, inside metlog's loop protection. A
 * method may throw: the bridge reports it and drops the event.
 *
 * @param <E> the framework's event type
 */
public interface LogEventReader<E> {
    /**
     * {@return the framework's logger name of the event; null for none}
     *
     * @param event the event
     */
    String loggerName(E event);

    /**
     * {@return the name of the event's level, such as {@code WARN}; null for none}
     *
     * @param event the event
     */
    String levelName(E event);

    /**
     * {@return the event's metlog severity, 0 to 7; see {@link LogLevels}}
     *
     * @param event the event
     */
    int severity(E event);

    /**
     * {@return the payload: the formatted message, then a newline and the stack trace if the event has a
     * throwable}
     *
     * @param event the event
     */
    String payload(E event);

    /**
     * {@return the name of the thread that logged the event; null if unknown}
     *
     * @param event the event
     */
    String threadName(E event);

    /**
     * Hands each MDC / thread-context entry of the event to {@code sink}. The default has none.
     *
     * @param event the event
     * @param sink  takes key and value
     */
    default void mdc(E event, BiConsumer<String, Object> sink) {
    }

    /**
     * Hands each key-value pair of the event (SLF4J 2 {@code addKeyValue}) to {@code sink}. The default has none.
     *
     * @param event the event
     * @param sink  takes key and value
     */
    default void keyValues(E event, BiConsumer<String, Object> sink) {
    }

    /**
     * Hands the name of each marker of the event to {@code sink}. The default has none.
     *
     * @param event the event
     * @param sink  takes a marker's name
     */
    default void markers(E event, Consumer<String> sink) {
    }
}
