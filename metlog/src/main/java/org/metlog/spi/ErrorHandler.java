package org.metlog.spi;

import org.metlog.internal.Fatal;

/**
 * Receives the delivery errors of a client or a sender: messages that could not be sent, destinations that could
 * not be resolved or reached, queues that overflowed. Every such error is also counted in the component's
 * {@link org.metlog.message.DeliveryStats}; the handler decides only what is reported, and where.
 *
 * <p>The default, {@link ErrorHandlers#stderr()}, prints a throttled line on standard error. An application that wants the
 * errors elsewhere (its own logger, a metric) registers its own handler: in code with the builders'
 * {@code errorHandler(...)}, or in configuration with the top-level {@code error_handler} key naming a class
 * that implements this interface.
 *
 * <p>A handler is called on the thread that had the error, which is often an application thread on its hot
 * path: it must be thread-safe, return quickly, never block and never throw (an exception it throws is ignored).
 */
@FunctionalInterface
public interface ErrorHandler {

    /**
     * Handles one error.
     *
     * @param error what went wrong
     */
    void handle(DeliveryError error);

    /**
     * Reports what this handler has held back, for example a count of suppressed errors; called when a
     * component using it is flushed or closed. Does nothing by default. Never throws.
     */
    default void flush() {
    }

    /**
     * Calls {@code handler} with {@code error}, ignoring anything it throws (an {@link Error} too, such as one a
     * message's field throws while the handler describes it) but a {@link VirtualMachineError} other than a
     * stack overflow: the one way components report.
     *
     * @param handler the handler
     * @param error   the error
     */
    static void report(ErrorHandler handler, DeliveryError error) {
        try {
            handler.handle(error);
        } catch (Throwable thrown) {
            Fatal.rethrowIfFatal(thrown); // else: a handler must not throw; if it does, there is nowhere to report to
        }
    }
}
