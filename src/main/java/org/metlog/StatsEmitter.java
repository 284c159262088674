package org.metlog;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A client's {@code metlog-stats} daemon thread: every interval it has the client send its counters as a
 * {@value MetlogClient#TYPE_STATS} message. Stopped by the client when it is reconfigured or closed.
 */
final class StatsEmitter {
    private static final long STOP_WAIT_MILLIS = 2_000;

    private final MetlogClient client;
    private final long intervalNanos;
    private final Thread thread;
    private volatile boolean stopped;

    private StatsEmitter(MetlogClient client, long intervalNanos) {
        this.client = client;
        this.intervalNanos = intervalNanos;
        this.thread = new Thread(this::run, "metlog-stats");
        this.thread.setDaemon(true);
    }

    /**
     * Starts emitting.
     *
     * @param client        the client whose counters are sent through itself
     * @param intervalNanos the interval, positive
     * @return the running emitter
     */
    static StatsEmitter start(MetlogClient client, long intervalNanos) {
        StatsEmitter emitter = new StatsEmitter(client, intervalNanos);
        emitter.thread.start();
        return emitter;
    }

    long intervalNanos() {
        return intervalNanos;
    }

    private void run() {
        long next = System.nanoTime() + intervalNanos;
        while (!stopped) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
                continue;
            }
            try {
                client.emitStats();
            } catch (Throwable e) {
                // the send path counts and reports its own failures; nothing may stop this thread but stop()
            }
            next += intervalNanos;
            long now = System.nanoTime();
            if (next - now < 0) {
                next = now + intervalNanos; // fell behind (a slow sender): skip the missed emissions
            }
        }
    }

    /** Stops the thread and waits (at most two seconds) for an emission in progress to finish. Never throws. */
    void stop() {
        stopped = true;
        LockSupport.unpark(thread);
        if (Thread.currentThread() == thread) {
            return;
        }
        boolean interrupted = false;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_WAIT_MILLIS);
        while (thread.isAlive()) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                break;
            }
            try {
                TimeUnit.NANOSECONDS.timedJoin(thread, remaining);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
