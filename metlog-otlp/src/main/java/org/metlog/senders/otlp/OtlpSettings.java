package org.metlog.senders.otlp;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.DoubleSupplier;
import org.metlog.spi.ErrorHandler;

/** Everything an {@link OtlpSender} is built from, checked by its builder. Immutable. */
record OtlpSettings(URI endpoint, String serviceName, int batchSize, int queueCapacity, Duration flushInterval,
    Duration timeout, int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter,
    Duration closeTimeout, List<Double> histogramBounds, ErrorHandler errorHandler, DoubleSupplier random,
    Clock wallClock, Pause pause) {
}
