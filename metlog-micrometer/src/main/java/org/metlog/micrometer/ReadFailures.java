package org.metlog.micrometer;

import io.micrometer.core.instrument.Meter;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import org.metlog.spi.DeliveryError;
import org.metlog.spi.ErrorHandler;

/**
 * The registry's one way of reporting a meter that cannot be read, and the guards that keep an application's
 * meter functions from throwing into Micrometer's step machinery: a function that throws is read as the last
 * value it returned, so its meter shows no change for that step, and the failure is reported.
 */
final class ReadFailures {
    private final ErrorHandler handler;

    ReadFailures(ErrorHandler handler) {
        this.handler = handler;
    }

    /** Reports that meter {@code id} could not be read. Never throws. */
    void report(Meter.Id id, RuntimeException cause) {
        ErrorHandler.report(handler, DeliveryError.of("MetlogMeterRegistry(" + id.getName() + ")",
            MetlogMeterRegistry.READ_FAILED, null, cause));
    }

    /** Flushes what the handler holds back, such as a count of repeated failures. Never throws. */
    void flush() {
        try {
            handler.flush();
        } catch (RuntimeException ignored) {
            // a handler must not throw; if it does, there is nowhere left to report to
        }
    }

    <T> ToDoubleFunction<T> guard(Meter.Id id, ToDoubleFunction<T> function) {
        return new ToDoubleFunction<>() {
            private volatile double last;

            @Override
            public double applyAsDouble(T obj) {
                try {
                    last = function.applyAsDouble(obj);
                } catch (RuntimeException e) {
                    report(id, e);
                }
                return last;
            }
        };
    }

    <T> ToLongFunction<T> guard(Meter.Id id, ToLongFunction<T> function) {
        return new ToLongFunction<>() {
            private volatile long last;

            @Override
            public long applyAsLong(T obj) {
                try {
                    last = function.applyAsLong(obj);
                } catch (RuntimeException e) {
                    report(id, e);
                }
                return last;
            }
        };
    }
}
