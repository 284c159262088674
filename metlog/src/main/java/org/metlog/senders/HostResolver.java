package org.metlog.senders;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.metlog.internal.Diagnostics;
import org.metlog.internal.Monitors;
import org.metlog.spi.DeliveryError;
import org.metlog.spi.ErrorHandler;

/**
 * The one DNS policy of the UDP senders: resolves the host names of a {@link UdpTransport} on a daemon thread
 * ({@value #THREAD_NAME}), so that neither building a sender nor sending ever waits for DNS.
 *
 * <p>Every name is looked up at once. A name that does not resolve is retried after {@code retry}, then after
 * twice as long each time, at most {@code refresh} apart. A name that resolved is looked up again every
 * {@code refresh} to follow DNS changes, keeping its previous address if that lookup fails (and retrying on the
 * same backoff). Failures go to the transport's {@link ErrorHandler}. The JVM's own DNS cache
 * ({@code networkaddress.cache.ttl}, {@code networkaddress.cache.negative.ttl}) still applies to every lookup.
 *
 * <p>The lookup and the clock of the schedule are injectable, and {@link #lookUpDue()} runs one pass on the
 * calling thread, so that tests drive the schedule exactly without the thread.
 */
final class HostResolver implements Runnable {
    static final String THREAD_NAME = "metlog-udp-resolver";

    private final List<UdpDestination> names;
    private final HostLookup lookup;
    private final LongSupplier nanoClock;
    private final long retryNanos;
    private final long refreshNanos;
    private final Consumer<UdpDestination> changed;
    private final ErrorHandler handler;
    private final String source;
    private final String kind;
    private final String unresolvable;
    private final String stale;
    private final Object lock = new Object();
    private boolean stopped; // guarded by lock
    private Thread thread;

    /**
     * @param names    the destinations to resolve (host names, not literals)
     * @param settings the lookup, the clock and the retry and refresh intervals
     * @param changed  told on the resolving thread when a destination's address is set or changes
     * @param handler  where lookup failures are reported
     * @param source   the component, for error reports
     * @param kind     the sender's class name, for the problem texts
     */
    HostResolver(List<UdpDestination> names, TransportSettings settings, Consumer<UdpDestination> changed,
                 ErrorHandler handler, String source, String kind) {
        this.names = List.copyOf(names);
        this.lookup = settings.lookup;
        this.nanoClock = settings.nanoClock;
        this.retryNanos = settings.retry.toNanos();
        this.refreshNanos = Math.max(retryNanos, settings.refresh.toNanos());
        this.changed = changed;
        this.handler = handler;
        this.source = source;
        this.kind = kind;
        this.unresolvable = kind + ": cannot resolve host; its messages are counted as failed until it resolves"
            + " (retried with backoff)";
        this.stale = kind + ": looking up a resolved host again failed; still sending to its previous address";
        long now = nanoClock.getAsLong();
        for (UdpDestination d : this.names) {
            d.nextLookupNanos = now;
        }
    }

    /** Starts the daemon thread that runs {@link #lookUpDue()} whenever a lookup is due. */
    void start() {
        thread = new Thread(this, THREAD_NAME);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Looks up, on the calling thread, every name whose lookup is due on the clock, then wakes the threads
     * waiting in {@link #awaitResolved(Duration)}.
     *
     * @return nanoseconds until the next lookup is due, zero or more
     */
    long lookUpDue() {
        long now = nanoClock.getAsLong();
        for (UdpDestination d : names) {
            if (isStopped()) {
                break;
            }
            if (now - d.nextLookupNanos >= 0) {
                lookUp(d);
            }
        }
        now = nanoClock.getAsLong();
        long wait = refreshNanos;
        for (UdpDestination d : names) {
            wait = Math.min(wait, Math.max(0, d.nextLookupNanos - now));
        }
        synchronized (lock) {
            lock.notifyAll();
        }
        return wait;
    }

    private void lookUp(UdpDestination d) {
        InetSocketAddress before = d.address;
        InetAddress resolved;
        try {
            resolved = lookup.lookUp(d.host);
        } catch (UnknownHostException | RuntimeException e) {
            d.failures++;
            d.nextLookupNanos = nanoClock.getAsLong() + backoff(d.failures);
            UnknownHostException cause = new UnknownHostException("host " + d + " (" + e.getMessage() + ")");
            cause.initCause(e);
            ErrorHandler.report(handler, DeliveryError.of(source, before == null ? unresolvable : stale, null,
                cause));
            return;
        }
        InetSocketAddress now = new InetSocketAddress(resolved, d.port);
        boolean recovered = before == null && d.failures > 0;
        d.failures = 0;
        d.nextLookupNanos = nanoClock.getAsLong() + refreshNanos;
        if (!now.equals(before)) {
            d.address = now;
            changed.accept(d);
        }
        if (recovered) {
            Diagnostics.warn(kind + ": " + d.uri() + " resolves now (to " + resolved.getHostAddress()
                + "); sending to it again");
        }
    }

    /** {@return the wait after the {@code failures}-th failure in a row: retry, doubled each time, at most refresh} */
    long backoff(int failures) {
        long wait = retryNanos;
        for (int i = 1; i < failures && wait < refreshNanos; i++) {
            wait = wait > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : wait * 2;
        }
        return Math.min(wait, refreshNanos);
    }

    /** {@return true if every name has an address} */
    boolean allResolved() {
        for (UdpDestination d : names) {
            if (d.address == null) {
                return false;
            }
        }
        return true;
    }

    /**
     * Waits until every name has an address, the resolver is closed or {@code max} (real time) has passed.
     *
     * @param max the longest wait
     * @return true if every name has an address
     */
    boolean awaitResolved(Duration max) {
        long deadline = System.nanoTime() + nanos(max);
        synchronized (lock) {
            Monitors.awaitHeld(lock, deadline, () -> allResolved() || stopped);
            return allResolved();
        }
    }

    /** {@return a duration in nanoseconds, saturated instead of overflowing; zero for a negative or null one} */
    static long nanos(Duration d) {
        if (d == null || d.isNegative()) {
            return 0;
        }
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 4;
        }
    }

    private boolean isStopped() {
        synchronized (lock) {
            return stopped;
        }
    }

    /**
     * Stops the thread: at once if it is waiting, else after the lookup it is in finishes (a DNS lookup cannot be
     * interrupted). Waiters in {@link #awaitResolved(Duration)} return.
     *
     * @param max how long to wait for the thread to end
     */
    void close(Duration max) {
        synchronized (lock) {
            stopped = true;
            lock.notifyAll();
        }
        if (thread != null) {
            try {
                thread.join(Math.max(1, max.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void run() {
        try {
            while (true) {
                long wait = lookUpDue();
                synchronized (lock) {
                    if (!stopped && wait > 0) {
                        TimeUnit.NANOSECONDS.timedWait(lock, wait);
                    }
                    if (stopped) {
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            // nobody interrupts this thread but the JVM shutting down; end quietly
        }
    }
}
