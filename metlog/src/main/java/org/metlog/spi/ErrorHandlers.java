package org.metlog.spi;

import java.time.Duration;
import java.util.function.LongSupplier;

/** Factories of the standard {@link ErrorHandler}s. */
public final class ErrorHandlers {

    private ErrorHandlers() {
    }

    /**
     * Returns a new standard handler: it prints the first error of each kind (see {@link DeliveryError#problem()})
     * on standard error at once, then at most one summary line per kind every 30 seconds saying how many more
     * there were, and a last summary on {@link ErrorHandler#flush()}. Each component gets a handler of its own, so a noisy one
     * cannot hide another's first error. An error that is not printed costs a counter increment (no string, no
     * exception), and no line is written while another thread is writing one: the error then waits for the next
     * summary, so a stderr that blocks (a full pipe nobody reads) holds at most one thread.
     *
     * @return a new handler
     */
    public static ErrorHandler stderr() {
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
    public static ErrorHandler stderr(Duration interval, LongSupplier nanoClock) {
        return new ThrottledStderrHandler(interval, nanoClock);
    }
}
