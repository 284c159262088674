package org.metlog.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The one DNS policy of the library's network senders (the UDP senders and the ZeroMQ senders): resolves host
 * names on a daemon thread of the sender's, so that neither building a sender nor sending ever waits for DNS.
 *
 * <p>Every name is looked up at once. A name that does not resolve is retried after {@code retry}, then after
 * twice as long each time, at most {@code refresh} apart. A name that resolved is looked up again every
 * {@code refresh} to follow DNS changes, keeping its previous address if that lookup fails (and retrying on the
 * same backoff). Failures go to the sender's {@link Events}, which reports them through its error policy. The
 * JVM's own DNS cache ({@code networkaddress.cache.ttl}, {@code networkaddress.cache.negative.ttl}) still applies
 * to every lookup.
 *
 * <p>The lookup and the clock of the schedule are injectable, and {@link #lookUpDue()} runs one pass on the
 * calling thread, so that tests drive the schedule exactly without the thread.
 */
public final class HostResolver implements Runnable {
    /** The default wait before the first retry of a name that does not resolve. */
    public static final Duration DEFAULT_RETRY = Duration.ofSeconds(5);
    /** The default interval of looking a resolved name up again. */
    public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(60);

    /**
     * How names are looked up and when.
     *
     * @param lookup    the lookup, {@link HostLookup#SYSTEM} but in tests
     * @param nanoClock the clock of the schedule, {@link System#nanoTime()} but in tests
     * @param retry     the wait before the first retry of a name that does not resolve, positive
     * @param refresh   how often a resolved name is looked up again, positive
     */
    public record Policy(HostLookup lookup, LongSupplier nanoClock, Duration retry, Duration refresh) {
        /** Checks that nothing is null. */
        public Policy {
            Objects.requireNonNull(lookup, "lookup");
            Objects.requireNonNull(nanoClock, "nanoClock");
            Objects.requireNonNull(retry, "retry");
            Objects.requireNonNull(refresh, "refresh");
        }

        /** {@return the JVM's resolver and clock, the default retry and refresh intervals} */
        public static Policy defaults() {
            return new Policy(HostLookup.SYSTEM, System::nanoTime, DEFAULT_RETRY, DEFAULT_REFRESH);
        }

        /** {@return this policy with {@code lookup} instead} */
        public Policy withLookup(HostLookup lookup) {
            return new Policy(lookup, nanoClock, retry, refresh);
        }
    }

    /** What the sender hears of its names, on the resolving thread (or the thread of {@link #lookUpDue()}). */
    public interface Events {
        /**
         * A name's address was set for the first time or changed.
         *
         * @param name the name, its new address in {@link HostName#address()}
         */
        void changed(HostName name);

        /**
         * A lookup failed; {@link HostName#address()} tells whether the name has an earlier address it keeps.
         *
         * @param name  the name
         * @param cause the failure, naming the host
         */
        void failed(HostName name, UnknownHostException cause);
    }

    private final List<HostName> names;
    private final HostLookup lookup;
    private final LongSupplier nanoClock;
    private final long retryNanos;
    private final long refreshNanos;
    private final Events events;
    private final String kind;
    private final String threadName;
    private final Object lock = new Object();
    private boolean stopped; // guarded by lock
    private Thread thread;

    /**
     * @param names      the names to resolve (host names, not literals)
     * @param policy     the lookup, the clock and the retry and refresh intervals
     * @param events     told of changes and failures
     * @param kind       the sender's class name, for diagnostics
     * @param threadName the name of the resolving thread
     */
    public HostResolver(List<HostName> names, Policy policy, Events events, String kind, String threadName) {
        this.names = List.copyOf(names);
        this.lookup = policy.lookup();
        this.nanoClock = policy.nanoClock();
        this.retryNanos = policy.retry().toNanos();
        this.refreshNanos = Math.max(retryNanos, policy.refresh().toNanos());
        this.events = events;
        this.kind = kind;
        this.threadName = threadName;
        long now = nanoClock.getAsLong();
        for (HostName d : this.names) {
            d.nextLookupNanos = now;
        }
    }

    /** Starts the daemon thread that runs {@link #lookUpDue()} whenever a lookup is due. */
    public void start() {
        thread = new Thread(this, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Looks up, on the calling thread, every name whose lookup is due on the clock, then wakes the threads
     * waiting in {@link #awaitResolved(Duration)}.
     *
     * @return nanoseconds until the next lookup is due, zero or more
     */
    public long lookUpDue() {
        long now = nanoClock.getAsLong();
        for (HostName d : names) {
            if (isStopped()) {
                break;
            }
            if (now - d.nextLookupNanos >= 0) {
                lookUp(d);
            }
        }
        now = nanoClock.getAsLong();
        long wait = refreshNanos;
        for (HostName d : names) {
            wait = Math.min(wait, Math.max(0, d.nextLookupNanos - now));
        }
        synchronized (lock) {
            lock.notifyAll();
        }
        return wait;
    }

    private void lookUp(HostName d) {
        InetSocketAddress before = d.address();
        InetAddress resolved;
        try {
            resolved = lookup.lookUp(d.host());
        } catch (UnknownHostException | RuntimeException e) {
            d.failures++;
            d.nextLookupNanos = nanoClock.getAsLong() + backoff(d.failures);
            UnknownHostException cause = new UnknownHostException("host " + d + " (" + e.getMessage() + ")");
            cause.initCause(e);
            events.failed(d, cause);
            return;
        }
        InetSocketAddress now = new InetSocketAddress(resolved, d.port());
        boolean recovered = before == null && d.failures > 0;
        d.failures = 0;
        d.nextLookupNanos = nanoClock.getAsLong() + refreshNanos;
        if (!now.equals(before)) {
            d.address(now);
            events.changed(d);
        }
        if (recovered) {
            Diagnostics.warn(kind + ": " + d.label() + " resolves now (to " + resolved.getHostAddress()
                + "); sending to it again");
        }
    }

    /** {@return the wait after the {@code failures}-th failure in a row: retry, doubled each time, at most refresh} */
    public long backoff(int failures) {
        long wait = retryNanos;
        for (int i = 1; i < failures && wait < refreshNanos; i++) {
            wait = wait > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : wait * 2;
        }
        return Math.min(wait, refreshNanos);
    }

    /** {@return true if every name has an address} */
    public boolean allResolved() {
        for (HostName d : names) {
            if (d.address() == null) {
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
    public boolean awaitResolved(Duration max) {
        long deadline = System.nanoTime() + nanos(max);
        synchronized (lock) {
            Monitors.awaitHeld(lock, deadline, () -> allResolved() || stopped);
            return allResolved();
        }
    }

    /** {@return a duration in nanoseconds, saturated instead of overflowing; zero for a negative or null one} */
    public static long nanos(Duration d) {
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
     * @param max how long to wait for the thread to end; the thread is a daemon, so one stuck in a lookup never
     *            keeps the JVM alive
     */
    public void close(Duration max) {
        synchronized (lock) {
            stopped = true;
            lock.notifyAll();
        }
        if (thread != null) {
            try {
                thread.join(Math.max(1, nanos(max) / 1_000_000));
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
