package org.metlog.spi;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.metlog.internal.Diagnostics;

/**
 * The standard {@link ErrorHandler}: per kind of problem, the first line at once, then at most one summary line
 * per interval, and a last summary on {@link #flush()}. Lock-free on the path of a suppressed error, which only
 * increments a counter: no exception, no string is made for it.
 *
 * <p>A line is printed through {@link Diagnostics#offer}, on the thread that had the error: if another thread is
 * printing at that moment, the line is left for that thread to print after its own (a stderr that blocks holds that
 * one thread, and never a second); only when many lines wait already is the error counted as suppressed.
 */
final class ThrottledStderrHandler implements ErrorHandler {
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    /** Kinds beyond this many share one throttle, so that a caller inventing problem texts cannot grow the map. */
    private static final int MAX_KINDS = 64;
    private static final String OTHER = "other problems";

    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final Map<String, Kind> kinds = new ConcurrentHashMap<>();

    ThrottledStderrHandler(Duration interval, LongSupplier nanoClock) {
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("error report interval " + interval + " is out of range: expected"
                + " a positive duration");
        }
        this.intervalNanos = interval.toNanos();
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    @Override
    public void handle(DeliveryError error) {
        Kind kind = kind(error.problem());
        long now = nanoClock.getAsLong();
        long next = kind.nextAllowed.get();
        if (kind.started && now - next < 0) {
            suppress(kind, error);
            return;
        }
        long claimed = now + intervalNanos;
        if (!kind.nextAllowed.compareAndSet(next, claimed)) {
            suppress(kind, error);
            return;
        }
        boolean printed = Diagnostics.offer(() -> {
            kind.started = true;
            long held = kind.suppressed.getAndSet(0);
            return held == 0 ? error.line() : summary(error, held + 1);
        });
        if (!printed) { // another thread is on stderr (which may be blocked): this one waits for the next line
            kind.nextAllowed.compareAndSet(claimed, next);
            suppress(kind, error);
        }
    }

    /** Counts an error that is not printed now; the next line of its kind says how many there were. */
    private static void suppress(Kind kind, DeliveryError error) {
        kind.suppressed.incrementAndGet();
        kind.last = error;
    }

    /** Prints a summary of each kind's suppressed errors; a kind whose line cannot be printed now keeps its count. */
    @Override
    public void flush() {
        for (Kind kind : kinds.values()) {
            long held = kind.suppressed.getAndSet(0);
            DeliveryError last = kind.last;
            if (held > 0 && last != null && !Diagnostics.offer(() -> summary(last, held))) {
                kind.suppressed.addAndGet(held);
            }
        }
    }

    private Kind kind(String problem) {
        Kind kind = kinds.get(problem);
        if (kind != null) {
            return kind;
        }
        if (kinds.size() >= MAX_KINDS) {
            return kinds.computeIfAbsent(OTHER, k -> new Kind());
        }
        return kinds.computeIfAbsent(problem, k -> new Kind());
    }

    private String summary(DeliveryError latest, long count) {
        long seconds = Math.max(1, intervalNanos / 1_000_000_000L);
        if (latest.isSendFailure()) {
            return Diagnostics.PREFIX + count + " more send error" + (count == 1 ? " was" : "s were")
                + " not shown (counted as failed) in the last " + seconds + " s; the latest: " + latest.line();
        }
        return Diagnostics.PREFIX + count + " more of these in the last " + seconds + " s: " + latest.problem()
            + (latest.cause() == null ? "" : " (latest: " + latest.line() + ")");
    }

    private static final class Kind {
        final AtomicLong nextAllowed = new AtomicLong();
        final AtomicLong suppressed = new AtomicLong();
        volatile boolean started;
        volatile DeliveryError last;
    }
}
