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
 * increments a counter.
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
        if ((kind.started && now - next < 0) || !kind.nextAllowed.compareAndSet(next, now + intervalNanos)) {
            kind.suppressed.incrementAndGet();
            kind.last = error;
            return;
        }
        kind.started = true;
        long held = kind.suppressed.getAndSet(0);
        Diagnostics.line(held == 0 ? error.line() : summary(error, held + 1));
    }

    @Override
    public void flush() {
        for (Kind kind : kinds.values()) {
            long held = kind.suppressed.getAndSet(0);
            DeliveryError last = kind.last;
            if (held > 0 && last != null) {
                Diagnostics.line(summary(last, held));
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
