package org.metlog.config;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.metlog.spi.DeliveryError;
import org.metlog.spi.ErrorHandler;

/** Test error handler, named in configuration: records every instance built and every error it is given. */
public final class RecordingErrorHandler implements ErrorHandler {
    /** Every instance built, oldest first. */
    public static final List<RecordingErrorHandler> BUILT = new CopyOnWriteArrayList<>();

    /** The errors handled, oldest first. */
    public final List<DeliveryError> errors = new CopyOnWriteArrayList<>();
    /** How often {@link #flush()} was called. */
    public volatile int flushes;

    /** Builds a handler; configuration calls this. */
    public RecordingErrorHandler() {
        BUILT.add(this);
    }

    /**
     * A static factory, for {@code error_handler = org.metlog.config.RecordingErrorHandler#create}.
     *
     * @return a new handler
     */
    public static RecordingErrorHandler create() {
        return new RecordingErrorHandler();
    }

    @Override
    public void handle(DeliveryError error) {
        errors.add(error);
    }

    @Override
    public void flush() {
        flushes++;
    }
}
