package org.metlog.senders;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.metlog.internal.BoundedQueue;
import org.metlog.message.Message;
import org.metlog.spi.DeliveryError;
import org.metlog.spi.ErrorHandler;
import org.metlog.spi.Sender;

/**
 * The background half of {@link AsyncSender}: one daemon thread that takes messages off the queue and hands them
 * to the delegate, and the accounting of what became of each message it took (delivered, failed, or undelivered
 * when close gave up). Never dies from a delegate's error: each one is counted and reported to the error handler.
 */
final class AsyncWorker {
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long FINAL_JOIN_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final String FLUSH_FAILED = "AsyncSender: flushing the delegate failed";
    private static final String CLOSE_FAILED = "AsyncSender: closing the delegate failed";
    private static final VarHandle IN_FLIGHT;

    static {
        try {
            IN_FLIGHT = MethodHandles.lookup().findVarHandle(AsyncWorker.class, "inFlight", Message.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Sender delegate;
    private final BoundedQueue<Message> queue;
    private final ErrorHandler errors;
    private final String name;
    private final Thread thread;

    private final AtomicLong undeliveredAtClose = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    /** Messages taken off the queue whose fate is settled: delivered, failed or undelivered at close. */
    private final AtomicLong settled = new AtomicLong();

    private volatile boolean parked;
    private volatile boolean abandon;
    /** The message being handed to the delegate; close may claim it as undelivered. */
    @SuppressWarnings("unused")
    private volatile Message inFlight;

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

    boolean isAlive() {
        return thread.isAlive();
    }

    long delivered() {
        return delivered.get();
    }

    long failed() {
        return failed.get();
    }

    long undeliveredAtClose() {
        return undeliveredAtClose.get();
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
     * Waits up to {@code timeoutNanos} until {@code target} messages taken off the queue are settled, then flushes
     * the delegate and the error handler. Never throws.
     */
    void flush(long target, long timeoutNanos) {
        awaitSettled(target, timeoutNanos);
        try {
            delegate.flush();
        } catch (RuntimeException e) {
            ErrorHandler.report(errors, DeliveryError.of(name, FLUSH_FAILED, null, e));
        }
        errors.flush();
    }

    /**
     * Drains or abandons the sealed queue within {@code timeoutNanos} (see {@link #drainOrAbandon}), reports what
     * could not be delivered, closes the delegate and flushes the error handler. Call once; never throws.
     *
     * @param claimed how many messages the sealed queue ever accepted
     */
    void close(long claimed, long timeoutNanos) {
        try {
            long undelivered = drainOrAbandon(claimed, System.nanoTime() + timeoutNanos);
            if (undelivered > 0) { // once per sender: the text may name the count
                ErrorHandler.report(errors, DeliveryError.of(name, name + " could not deliver " + undelivered
                    + " message" + (undelivered == 1 ? "" : "s") + " through " + delegate.getClass().getName()
                    + " within the close timeout of " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos)
                    + " ms; counted as dropped", null, null));
            }
        } finally {
            try {
                delegate.close();
            } catch (RuntimeException e) {
                ErrorHandler.report(errors, DeliveryError.of(name, CLOSE_FAILED, null, e));
            }
            errors.flush();
        }
    }

    private void awaitSettled(long target, long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        long pause = 10_000;
        while (settled.get() < target && thread.isAlive()) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0 || isCurrentThread()) {
                return;
            }
            wake();
            LockSupport.parkNanos(this, Math.min(pause, remaining));
            pause = Math.min(pause * 2, MAX_PAUSE_NANOS);
        }
    }

    private void run() {
        while (!abandon) {
            Message message = queue.poll();
            if (message != null) {
                deliver(message);
                continue;
            }
            long claimed = queue.claimed();
            long taken = queue.taken();
            if (claimed > taken) {
                Thread.yield(); // a producer has claimed a slot and is storing its message
                continue;
            }
            if (queue.isSealed()) {
                return; // closed and drained
            }
            Thread.interrupted(); // a stray interrupt must not turn parking into spinning
            parked = true;
            // a producer increments the claimed count before it reads parked: recheck after announcing
            if (queue.claimed() == taken && !queue.isSealed() && !abandon) {
                LockSupport.parkNanos(this, IDLE_PARK_NANOS);
            }
            parked = false;
        }
    }

    private void deliver(Message message) {
        try {
            inFlight = message;
            if (abandon) {
                // close gave up while this message was being taken: it is undelivered, counted by whichever of
                // us claims it (close claims the in-flight message after setting abandon)
                if (IN_FLIGHT.compareAndSet(this, message, null)) {
                    undeliveredAtClose.incrementAndGet();
                    settled.incrementAndGet();
                }
                return;
            }
            Throwable error = null;
            try {
                delegate.send(message);
            } catch (Throwable t) {
                error = t;
            }
            if (IN_FLIGHT.compareAndSet(this, message, null)) { // else close counted it as undelivered
                if (error == null) {
                    delivered.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                }
                settled.incrementAndGet();
                if (error != null) {
                    ErrorHandler.report(errors, DeliveryError.sendFailed(name, message, error));
                }
            }
        } catch (Throwable t) {
            // reporting itself failed (out of memory): the message is counted; keep running
        }
    }

    /**
     * Lets the thread deliver what is queued until the deadline; if it has not finished by then, takes what is
     * left off the queue and counts it, with the message in the delegate, as undelivered. Call after sealing the
     * queue, once.
     *
     * @param claimed       how many messages the sealed queue ever accepted
     * @param deadlineNanos when to give up, on the {@link System#nanoTime()} scale
     * @return how many messages were counted as undelivered
     */
    private long drainOrAbandon(long claimed, long deadlineNanos) {
        LockSupport.unpark(thread);
        if (!isCurrentThread()) {
            joinUntil(deadlineNanos);
        }
        if (!thread.isAlive()) {
            return undeliveredAtClose.get();
        }
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
        if (IN_FLIGHT.getAndSet(this, null) != null) {
            undelivered++;
        }
        if (undelivered > 0) {
            undeliveredAtClose.addAndGet(undelivered);
            settled.addAndGet(undelivered);
        }
        thread.interrupt(); // may release a delegate blocked in I/O; it is being closed anyway
        // let the thread finish its own accounting (a message it took as close gave up) before reporting
        if (!isCurrentThread()) {
            joinUntil(System.nanoTime() + FINAL_JOIN_NANOS);
        }
        return undeliveredAtClose.get();
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
