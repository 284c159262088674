package org.metlog.senders;

import java.time.Duration;
import java.util.function.DoubleSupplier;
import org.metlog.internal.HostResolver;

/**
 * The reconnect schedule of {@link TcpSender}: after the {@code n}-th round in a row in which no host accepted a
 * connection, the next round waits {@code min(max, first * 2^(n-1))}, shortened by up to a fifth at random, so
 * that many senders cut off by the same outage do not all come back in the same instant. The random source is
 * injectable so that tests know every wait exactly.
 */
final class TcpBackoff {
    /** The largest share of a wait taken off at random. */
    static final double JITTER = 0.2;

    private final long firstNanos;
    private final long maxNanos;
    private final DoubleSupplier random;

    /**
     * @param first  the wait after the first failed round, positive
     * @param max    the longest wait, at least {@code first}
     * @param random values in [0, 1)
     */
    TcpBackoff(Duration first, Duration max, DoubleSupplier random) {
        this.firstNanos = HostResolver.nanos(first);
        this.maxNanos = Math.max(firstNanos, HostResolver.nanos(max));
        this.random = random;
    }

    /**
     * Returns the wait after the {@code failures}-th failed round in a row, drawing one random value.
     *
     * @param failures 1 or more
     * @return nanoseconds, from 80% to 100% of the nominal wait
     */
    long waitAfter(int failures) {
        long nominal = nominal(failures);
        double r = random.getAsDouble();
        if (!(r >= 0 && r < 1)) {
            r = 0; // a broken random source must not stretch or stop the schedule
        }
        return nominal - (long) (nominal * JITTER * r);
    }

    /** {@return the wait before jitter: the first wait doubled per further failure, at most the longest wait} */
    long nominal(int failures) {
        long wait = firstNanos;
        for (int i = 1; i < failures && wait < maxNanos; i++) {
            wait = wait > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : wait * 2;
        }
        return Math.min(wait, maxNanos);
    }
}
