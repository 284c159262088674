package org.metlog;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.metlog.message.DeliveryStats;

/**
 * A client's {@code metlog-stats} daemon thread: every interval it has the client send its counters as a
 * {@value MetlogClient#TYPE_STATS} message. Started and stopped by {@link LiveSettings} when the client is built,
 * reconfigured or closed.
 */
final class StatsEmitter {
    private static final long STOP_WAIT_MILLIS = 2_000;

    private final Runnable emit;
    private final long intervalNanos;
    private final Thread thread;
    private volatile boolean stopped;

    private StatsEmitter(Runnable emit, long intervalNanos) {
        this.emit = emit;
        this.intervalNanos = intervalNanos;
        this.thread = new Thread(this::run, "metlog-stats");
        this.thread.setDaemon(true);
    }

    /**
     * Starts emitting.
     *
     * @param emit          sends one stats message through the client
     * @param intervalNanos the interval, positive
     * @return the running emitter
     */
    static StatsEmitter start(Runnable emit, long intervalNanos) {
        StatsEmitter emitter = new StatsEmitter(emit, intervalNanos);
        emitter.thread.start();
        return emitter;
    }

    /**
     * Returns the fields of a stats message: the counters of {@code d} under their metlog-py names.
     *
     * @param d the client's delivery counters
     * @return a new map, in a fixed order
     */
    static Map<String, Object> fields(DeliveryStats d) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("sent", d.sent());
        fields.put("filtered", d.filtered());
        fields.put("dropped_queue_full", d.droppedQueueFull());
        fields.put("dropped_too_large", d.droppedTooLarge());
        fields.put("failed", d.failed());
        fields.put("truncated", d.truncated());
        return fields;
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
                emit.run();
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
