package org.metlog;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

import org.metlog.internal.Timestamps;

/**
 * A client's sources of time and chance: the wall clock that stamps messages, the monotonic clock that timers,
 * named timers and accumulators measure with, and the random source behind every sampling decision. The system
 * ones by default; tests inject a manual clock and a scripted random source so that their assertions are exact.
 * Immutable and thread-safe as long as the injected sources are.
 */
final class TimeAndChance {
    private static final DoubleSupplier THREAD_LOCAL_RANDOM = () -> ThreadLocalRandom.current().nextDouble();

    private final Clock clock;
    private final boolean systemClock;
    private final LongSupplier nanoClock;
    private final DoubleSupplier random;

    /**
     * @param clock     stamps messages
     * @param nanoClock monotonic nanoseconds, null for {@link System#nanoTime()}
     * @param random    values in [0, 1), null for {@link ThreadLocalRandom}
     */
    TimeAndChance(Clock clock, LongSupplier nanoClock, DoubleSupplier random) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.systemClock = clock.equals(Clock.systemUTC());
        Timestamps.checkWritable(clock.instant(), "the client's clock " + clock);
        this.nanoClock = nanoClock != null ? nanoClock : System::nanoTime;
        this.random = random != null ? random : THREAD_LOCAL_RANDOM;
    }

    /** {@return the wall-clock time in microseconds since the epoch, for a message's timestamp} */
    long nowMicros() {
        return systemClock ? Timestamps.nowMicros() : Timestamps.toMicros(clock.instant());
    }

    /** {@return the monotonic clock's reading in nanoseconds; only differences mean anything} */
    long nanos() {
        return nanoClock.getAsLong();
    }

    /**
     * Decides whether one call with sample rate {@code rate} is skipped. Draws one value from the random source
     * when the rate is below 1, none otherwise.
     *
     * @param rate a checked rate, 0 to 1
     * @return true if the call sends nothing
     */
    boolean sampledOut(double rate) {
        return rate < 1.0 && random.getAsDouble() >= rate;
    }
}
