package org.metlog.senders;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.metlog.internal.Diagnostics;

/**
 * Resolves the host names of a {@link UdpSender} on a daemon thread ({@value #THREAD_NAME}), so that a sending
 * thread never waits for DNS. A name that does not resolve is retried every {@code retry}; a name that resolved
 * is looked up again every {@code refresh} to follow DNS changes, keeping its previous address if that lookup
 * fails. The JVM's own DNS cache ({@code networkaddress.cache.ttl}, {@code networkaddress.cache.negative.ttl})
 * still applies to every lookup.
 */
final class HostResolver implements Runnable {
    static final String THREAD_NAME = "metlog-udp-resolver";

    private final List<UdpDestination> names;
    private final long retryNanos;
    private final long refreshNanos;
    private final CountDownLatch firstRound = new CountDownLatch(1);
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;

    HostResolver(List<UdpDestination> names, Duration retry, Duration refresh) {
        this.names = List.copyOf(names);
        this.retryNanos = retry.toNanos();
        this.refreshNanos = refresh.toNanos();
        long now = System.nanoTime();
        for (UdpDestination d : this.names) {
            d.nextLookupNanos = now;
        }
        this.thread = new Thread(this, THREAD_NAME);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /**
     * Waits until every name has been looked up once.
     *
     * @param max the longest time to wait
     * @return true if the first round finished in time
     */
    boolean awaitFirstRound(Duration max) {
        try {
            return firstRound.await(max.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Stops the thread: at once if it is waiting, else after the lookup it is in finishes (a DNS lookup cannot be
     * interrupted).
     *
     * @param max how long to wait for the thread to end
     */
    void close(Duration max) {
        stop.countDown();
        try {
            thread.join(Math.max(1, max.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        try {
            while (stop.getCount() > 0) {
                long now = System.nanoTime();
                long nextDue = now + refreshNanos;
                for (UdpDestination d : names) {
                    if (stop.getCount() == 0) {
                        return;
                    }
                    if (now - d.nextLookupNanos >= 0) {
                        lookUp(d);
                    }
                    if (d.nextLookupNanos - nextDue < 0) {
                        nextDue = d.nextLookupNanos;
                    }
                }
                firstRound.countDown();
                long wait = Math.max(TimeUnit.MILLISECONDS.toNanos(1), nextDue - System.nanoTime());
                if (stop.await(wait, TimeUnit.NANOSECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            // nobody interrupts this thread but close(); end quietly
        } finally {
            firstRound.countDown();
        }
    }

    private void lookUp(UdpDestination d) {
        InetSocketAddress before = d.address;
        try {
            InetAddress resolved = InetAddress.getByName(d.host);
            d.address = new InetSocketAddress(resolved, d.port);
            d.nextLookupNanos = System.nanoTime() + refreshNanos;
            if (before == null && d.lookupFailed) {
                Diagnostics.warn("UdpSender: " + d + " resolves now (to " + resolved.getHostAddress()
                    + "); sending to it again");
            }
            d.lookupFailed = false;
        } catch (UnknownHostException | SecurityException e) {
            d.nextLookupNanos = System.nanoTime() + retryNanos;
            if (before == null) {
                d.lookupFailed = true;
                d.resolveWarning.warn("UdpSender: cannot resolve host " + d + " (" + e.getMessage() + "); its"
                    + " messages go to stderr as JSON lines, and resolving is retried every "
                    + TimeUnit.NANOSECONDS.toMillis(retryNanos) + " ms");
            } else {
                d.resolveWarning.warn("UdpSender: looking up " + d + " again failed (" + e.getMessage()
                    + "); still sending to " + before.getAddress().getHostAddress());
            }
        }
    }
}
