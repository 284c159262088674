package org.metlog.senders;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.metlog.internal.BoundedQueue;
import org.metlog.message.Message;
import org.metlog.spi.DeliveryError;
import org.metlog.spi.ErrorHandler;
import org.metlog.spi.Sender;

/**
 * The background half of {@link AsyncSender}: one daemon thread that takes messages off the queue and hands them
 * to the delegate. It is the only thread that ever calls the delegate's {@code send}, {@code flush} and
 * {@code close}: a caller's flush is a request the thread serves once it has handed on everything queued before
 * it, and the thread closes the delegate when the sealed queue is drained or close has given up. Callers wait for
 * that at most their bound and then return, so a delegate stuck in {@code write(2)} (holding its own locks) can
 * never hold them. Never dies from a delegate's error: each one is counted ({@link AsyncTally}) and reported.
 */
final class AsyncWorker {
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** How long close waits, after giving up, for the thread to settle its last message and close the delegate. */
    static final long FINAL_JOIN_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final String FLUSH_FAILED = "AsyncSender: flushing the delegate failed";
    private static final String FLUSH_TIMED_OUT = "AsyncSender: flush gave up waiting for the background thread,"
        + " which is still busy with the delegate; what is queued stays queued";
    private static final String CLOSE_FAILED = "AsyncSender: closing the delegate failed";

    private final Sender delegate;
    private final BoundedQueue<Message> queue;
    private final ErrorHandler errors;
    private final String name;
    private final Thread thread;
    private final AsyncTally tally = new AsyncTally();

    /** The highest count of accepted messages a flush waits for; raised before {@link #flushRequests}. */
    private final AtomicLong flushTarget = new AtomicLong();
    private final AtomicLong flushRequests = new AtomicLong();
    /** The last flush request served; written by the thread only. */
    private volatile long flushesServed;

    private volatile boolean parked;
    private volatile boolean abandon;

    AsyncWorker(Sender delegate, BoundedQueue<Message> queue, ErrorHandler errors, String name) {
        this.delegate = delegate;
        this.queue = queue;
        this.errors = errors;
        this.name = name;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Wakes the thread if it is idle; cheap enough for every send. */
    void wake() {
        if (parked) {
            LockSupport.unpark(thread);
        }
    }

    boolean isCurrentThread() {
        return Thread.currentThread() == thread;
    }

    AsyncTally tally() {
        return tally;
    }

    /**
     * Offers a message to the full queue again and again, with growing pauses, until it is taken, the timeout
     * passes, the queue is sealed or the calling thread is interrupted.
     *
     * @return the last {@link BoundedQueue#offer} result
     */
    int offerWaiting(Message message, long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        long pause = 1_000;
        Thread self = Thread.currentThread();
        while (true) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0 || self.isInterrupted()) {
                return BoundedQueue.FULL; // an interrupted caller must not spin until the deadline
            }
            LockSupport.parkNanos(this, Math.min(pause, remaining));
            pause = Math.min(pause * 2, MAX_PAUSE_NANOS);
            int result = queue.offer(message);
            if (result != BoundedQueue.FULL) {
                if (result == BoundedQueue.OK) {
                    wake();
                }
                return result;
            }
        }
    }

    /**
     * Asks the thread to flush the delegate once it has handed on every message accepted before this call, and
     * waits for that up to {@code timeoutNanos}; reports it if the time runs out. Then flushes the error handler.
     * On the thread itself (a delegate or handler that flushes its own sender), flushes the delegate at once.
     * Never throws.
     */
    void flush(long timeoutNanos) {
        if (isCurrentThread()) {
            flushDelegate();
        } else {
            long deadline = System.nanoTime() + timeoutNanos;
            flushTarget.accumulateAndGet(queue.claimed(), Math::max);
            long request = flushRequests.incrementAndGet();
            LockSupport.unpark(thread);
            if (!awaitUntil(() -> flushesServed >= request || !thread.isAlive(), deadline)) {
                ErrorHandler.report(errors, DeliveryError.of(name, FLUSH_TIMED_OUT, null, null));
            }
        }
        flushErrors();
    }

    /**
     * Lets the thread deliver everything the sealed queue holds and close the delegate, within
     * {@code timeoutNanos}; if it has not finished by then, gives up (see {@link #giveUp}) and reports how many
     * messages were not delivered. Call once, after sealing the queue; never throws.
     *
     * @param claimed how many messages the sealed queue ever accepted
     */
    void close(long claimed, long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        LockSupport.unpark(thread);
        if (!isCurrentThread()) {
            joinUntil(deadline);
        }
        long undelivered = thread.isAlive() ? giveUp(claimed) : tally.undeliveredAtClose();
        if (undelivered > 0) { // once per sender: the text may name the count
            ErrorHandler.report(errors, DeliveryError.of(name, name + " could not deliver " + undelivered
                + " message" + (undelivered == 1 ? "" : "s") + " through " + delegate.getClass().getName()
                + " within the close timeout of " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos)
                + " ms; counted as dropped", null, null));
        }
        flushErrors();
    }

    private void run() {
        try {
            while (!abandon) {
                serveFlush();
                Message message = queue.poll();
                if (message != null) {
                    deliver(message);
                    continue;
                }
                long taken = queue.taken();
                if (queue.claimed() > taken) {
                    Thread.yield(); // a producer has claimed a slot and is storing its message
                    continue;
                }
                if (queue.isSealed()) {
                    break; // closed and drained
                }
                Thread.interrupted(); // a stray interrupt must not turn parking into spinning
                parked = true;
                // a producer (or flusher) counts itself before it reads parked: recheck after announcing
                if (queue.claimed() == taken && !queue.isSealed() && !abandon && !flushRequested()) {
                    LockSupport.parkNanos(this, IDLE_PARK_NANOS);
                }
                parked = false;
            }
        } finally {
            Thread.interrupted(); // the interrupt that freed a stuck send must not break the delegate's close
            try {
                delegate.close();
            } catch (Throwable t) {
                report(CLOSE_FAILED, t);
            }
        }
    }

    private boolean flushRequested() {
        return flushRequests.get() != flushesServed;
    }

    /** Flushes the delegate if a flush was asked for and everything accepted before it has been handed on. */
    private void serveFlush() {
        long requested = flushRequests.get();
        if (requested != flushesServed && queue.taken() >= flushTarget.get()) {
            flushDelegate();
            flushesServed = requested;
        }
    }

    private void deliver(Message message) {
        try {
            tally.begin(message);
            if (abandon) {
                tally.cancel(message); // close gave up while this message was being taken
                return;
            }
            Throwable error = null;
            try {
                delegate.send(message);
            } catch (Throwable t) {
                error = t;
            }
            if (tally.finish(message, error != null) && error != null) {
                ErrorHandler.report(errors, DeliveryError.sendFailed(name, message, error));
            }
        } catch (Throwable t) {
            // reporting itself failed (out of memory): the message is counted; keep running
        }
    }

    private void flushDelegate() {
        try {
            delegate.flush();
        } catch (Throwable t) {
            report(FLUSH_FAILED, t);
        }
    }

    /**
     * Makes the thread stop, takes what is left off the queue and counts it, with the message in the delegate, as
     * undelivered; interrupts the thread if a message was in the delegate (which may free a delegate blocked in
     * interruptible I/O), then gives it a moment to settle that message and close the delegate. The thread
     * closes the delegate whenever its last call returns; this never waits for that longer.
     *
     * @return how many messages were counted as undelivered in all
     */
    private long giveUp(long claimed) {
        abandon = true;
        LockSupport.unpark(thread);
        long undelivered = 0;
        long stalledSince = System.nanoTime();
        while (queue.taken() < claimed) { // the queue allows a second consumer: take what is left ourselves
            if (queue.poll() != null) {
                undelivered++;
                stalledSince = System.nanoTime();
            } else if (System.nanoTime() - stalledSince > STALL_NANOS) {
                undelivered += claimed - queue.taken(); // a producer never finished storing: count, never hang
                break;
            } else {
                Thread.yield();
            }
        }
        boolean stuck = tally.giveUpInFlight();
        tally.undelivered(stuck ? undelivered + 1 : undelivered);
        if (stuck && !isCurrentThread()) {
            thread.interrupt();
        }
        if (!isCurrentThread()) {
            joinUntil(System.nanoTime() + FINAL_JOIN_NANOS);
        }
        return tally.undeliveredAtClose();
    }

    private void report(String problem, Throwable cause) {
        try {
            ErrorHandler.report(errors, DeliveryError.of(name, problem, null, cause));
        } catch (Throwable t) {
            // nowhere left to report to
        }
    }

    private void flushErrors() {
        try {
            errors.flush();
        } catch (RuntimeException e) {
            // a handler must not throw; if it does, there is nowhere left to report to
        }
    }

    /** Registers or removes a shutdown hook, doing nothing once the JVM is shutting down (nobody would run it). */
    static void hook(Thread hook, boolean add) {
        try {
            if (add) {
                Runtime.getRuntime().addShutdownHook(hook);
            } else {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook may be running this very close
        }
    }

    /**
     * Waits, with growing pauses, until {@code done} holds, the deadline passes or the caller is interrupted (who
     * keeps the flag and must not spin until the deadline); false if it did not hold.
     */
    private boolean awaitUntil(BooleanSupplier done, long deadline) {
        long pause = 10_000;
        while (!done.getAsBoolean()) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0 || Thread.currentThread().isInterrupted()) {
                return false;
            }
            LockSupport.parkNanos(this, Math.min(pause, remaining));
            pause = Math.min(pause * 2, MAX_PAUSE_NANOS);
        }
        return true;
    }

    private void joinUntil(long deadline) {
        boolean interrupted = false;
        try {
            while (thread.isAlive()) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.timedJoin(thread, remaining);
                } catch (InterruptedException e) {
                    interrupted = true; // finish closing within the deadline, then restore the flag
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
