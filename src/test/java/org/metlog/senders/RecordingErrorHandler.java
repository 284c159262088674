package org.metlog.senders;

import java.util.ArrayList;
import java.util.List;
import org.metlog.spi.DeliveryError;
import org.metlog.spi.ErrorHandler;

/** An {@link ErrorHandler} that keeps every error it is given and counts flushes. Thread-safe. */
final class RecordingErrorHandler implements ErrorHandler {
    private final List<DeliveryError> errors = new ArrayList<>();
    private int flushes;

    @Override
    public synchronized void handle(DeliveryError error) {
        errors.add(error);
    }

    @Override
    public synchronized void flush() {
        flushes++;
    }

    /** @return the errors so far, oldest first */
    synchronized List<DeliveryError> errors() {
        return new ArrayList<>(errors);
    }

    /** @return the problems of the errors so far, oldest first */
    synchronized List<String> problems() {
        return errors.stream().map(DeliveryError::problem).toList();
    }

    /** @return how many errors had a problem containing {@code fragment} */
    synchronized long count(String fragment) {
        return errors.stream().filter(e -> e.problem().contains(fragment)).count();
    }

    /** @return how often {@link #flush()} was called */
    synchronized int flushes() {
        return flushes;
    }
}
