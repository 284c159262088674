package org.metlog.senders;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.metlog.internal.HostLookup;
import org.metlog.internal.HostResolver;
import org.metlog.spi.ErrorHandler;
import org.metlog.spi.ErrorHandlers;

/**
 * What the builder of a UDP sender gives its {@link UdpTransport}: the DNS schedule, the error handler and, for
 * tests, the lookup, the clock and whether the resolver runs on its own thread. Defaults: first retry after 5 s,
 * refresh every 60 s, the JVM's resolver, {@link System#nanoTime()}, a background thread, a new
 * {@link ErrorHandlers#stderr()}. Not thread-safe; the transport copies what it needs.
 */
final class TransportSettings {
    static final Duration DEFAULT_RETRY = HostResolver.DEFAULT_RETRY;
    static final Duration DEFAULT_REFRESH = HostResolver.DEFAULT_REFRESH;

    Duration retry = DEFAULT_RETRY;
    Duration refresh = DEFAULT_REFRESH;
    HostLookup lookup = HostLookup.SYSTEM;
    LongSupplier nanoClock = System::nanoTime;
    boolean background = true;
    private ErrorHandler errorHandler;

    /**
     * @param retry the wait before the first retry of a name that does not resolve, positive
     * @return this
     * @throws IllegalArgumentException if not positive
     */
    TransportSettings retry(Duration retry) {
        this.retry = requirePositive(retry, "resolveRetry");
        return this;
    }

    /**
     * @param refresh how often a resolved name is looked up again, positive
     * @return this
     * @throws IllegalArgumentException if not positive
     */
    TransportSettings refresh(Duration refresh) {
        this.refresh = requirePositive(refresh, "resolveRefresh");
        return this;
    }

    /** For tests: looks host names up with {@code lookup} instead of the JVM's resolver. */
    TransportSettings lookup(HostLookup lookup) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        return this;
    }

    /** For tests: times the retry and refresh schedule with {@code nanoClock}. */
    TransportSettings nanoClock(LongSupplier nanoClock) {
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        return this;
    }

    /** For tests: false to start no resolver thread; the test then runs the resolver's lookups itself. */
    TransportSettings background(boolean background) {
        this.background = background;
        return this;
    }

    /**
     * @param handler where delivery errors go, not null
     * @return this
     */
    TransportSettings errorHandler(ErrorHandler handler) {
        this.errorHandler = Objects.requireNonNull(handler, "errorHandler");
        return this;
    }

    /** {@return the resolver's policy: lookup, clock, retry and refresh} */
    HostResolver.Policy policy() {
        return new HostResolver.Policy(lookup, nanoClock, retry, refresh);
    }

    /** {@return the handler set, else a new {@link ErrorHandlers#stderr()}} */
    ErrorHandler handler() {
        return errorHandler != null ? errorHandler : ErrorHandlers.stderr();
    }

    private static Duration requirePositive(Duration d, String name) {
        if (Objects.requireNonNull(d, name).isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
        return d;
    }
}
