package org.metlog.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.metlog.spi.DeliveryError;
import org.metlog.spi.ErrorHandler;

/**
 * An {@link ErrorHandler} that keeps every error it is given and counts its flushes. Registered in code through a
 * builder's {@code errorHandler(...)}, or named in configuration ({@code error_handler =
 * org.metlog.testing.RecordingErrorHandler} or {@code ...RecordingErrorHandler#create}); every instance built is
 * kept in {@link #BUILT} so a test can find the one configuration made. Thread-safe.
 */
public final class RecordingErrorHandler implements ErrorHandler {
    /** Every instance built, oldest first; tests that name the class in configuration clear it first. */
    public static final List<RecordingErrorHandler> BUILT = new CopyOnWriteArrayList<>();

    private final List<DeliveryError> errors = new ArrayList<>();
    private final AtomicInteger flushes = new AtomicInteger();

    /** Builds a handler; configuration calls this. */
    public RecordingErrorHandler() {
        BUILT.add(this);
    }

    /**
     * A static factory, for {@code error_handler = org.metlog.testing.RecordingErrorHandler#create}.
     *
     * @return a new handler
     */
    public static RecordingErrorHandler create() {
        return new RecordingErrorHandler();
    }

    @Override
    public synchronized void handle(DeliveryError error) {
        errors.add(error);
    }

    @Override
    public void flush() {
        flushes.incrementAndGet();
    }

    /** @return the errors so far, oldest first */
    public synchronized List<DeliveryError> errors() {
        return new ArrayList<>(errors);
    }

    /** @return the problems of the errors so far, oldest first */
    public synchronized List<String> problems() {
        return errors.stream().map(DeliveryError::problem).toList();
    }

    /** @return how many errors had a problem containing {@code fragment} */
    public synchronized long count(String fragment) {
        return errors.stream().filter(e -> e.problem().contains(fragment)).count();
    }

    /** @return how many times {@link #flush()} was called */
    public int flushes() {
        return flushes.get();
    }
}
