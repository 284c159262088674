package org.metlog;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.metlog.spi.DeliveryError;
import org.metlog.spi.ErrorHandler;

/** An {@link ErrorHandler} that keeps every error it is given and counts its flushes. Thread-safe. */
final class RecordingErrorHandler implements ErrorHandler {
    private final List<DeliveryError> errors = new ArrayList<>();
    private final AtomicInteger flushes = new AtomicInteger();

    @Override
    public synchronized void handle(DeliveryError error) {
        errors.add(error);
    }

    @Override
    public void flush() {
        flushes.incrementAndGet();
    }

    /** @return the errors so far, oldest first */
    synchronized List<DeliveryError> errors() {
        return new ArrayList<>(errors);
    }

    /** @return the problems of the errors so far, oldest first */
    synchronized List<String> problems() {
        return errors.stream().map(DeliveryError::problem).toList();
    }

    /** @return how many times {@link #flush()} was called */
    int flushes() {
        return flushes.get();
    }
}
