package org.metlog.spi;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Receives the delivery errors of a client or a sender: messages that could not be sent, destinations that could
 * not be resolved or reached, queues that overflowed. Every such error is also counted in the component's
 * {@link org.metlog.message.DeliveryStats}; the handler decides only what is reported, and where.
 *
 * <p>The default, {@link #stderr()}, prints a throttled line on standard error. An application that wants the
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
     * Returns a new standard handler: it prints the first error of each kind (see {@link DeliveryError#problem()})
     * on standard error at once, then at most one summary line per kind every 30 seconds saying how many more
     * there were, and a last summary on {@link #flush()}. Each component gets a handler of its own, so a noisy one
     * cannot hide another's first error.
     *
     * @return a new handler
     */
    static ErrorHandler stderr() {
        return new ThrottledStderrHandler(ThrottledStderrHandler.DEFAULT_INTERVAL, System::nanoTime);
    }

    /**
     * Returns a new standard handler with the given interval between lines of one kind and a clock of its own.
     *
     * @param interval  the shortest time between two lines of one kind, positive
     * @param nanoClock a monotonic clock in nanoseconds ({@link System#nanoTime()} outside tests)
     * @return a new handler
     * @throws IllegalArgumentException if the interval is not positive
     */
    static ErrorHandler stderr(Duration interval, LongSupplier nanoClock) {
        return new ThrottledStderrHandler(interval, nanoClock);
    }

    /**
     * Calls {@code handler} with {@code error}, ignoring anything it throws: the one way components report.
     *
     * @param handler the handler
     * @param error   the error
     */
    static void report(ErrorHandler handler, DeliveryError error) {
        try {
            handler.handle(error);
        } catch (RuntimeException | StackOverflowError ignored) {
            // a handler must not throw; if it does, there is nowhere left to report to
        }
    }
}
