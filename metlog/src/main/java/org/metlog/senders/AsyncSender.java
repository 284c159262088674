package org.metlog.senders;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.metlog.internal.BoundedQueue;
import org.metlog.message.DeliveryStats;
import org.metlog.message.Message;
import org.metlog.spi.ErrorHandler;
import org.metlog.spi.ErrorHandlers;
import org.metlog.spi.Sender;

/**
 * Delivers messages asynchronously through another sender: {@link #send} puts the message on a bounded queue and
 * returns; one background daemon thread, {@code metlog-async-<n>}, takes messages off the queue and hands them
 * to the delegate, which serializes and sends them.
 *
 * <p><b>When the queue is full</b> the {@linkplain Overflow overflow policy} applies: {@link Overflow#DROP}
 * (the default) drops the new message at once; {@link Overflow#WAIT} waits up to the offer timeout for room and
 * then drops it. Either way the caller never waits longer than configured, and every drop is counted.
 *
 * <p><b>Closing</b> ({@link #close()}, and the JVM shutdown hook when enabled) stops accepting messages, gives
 * the background thread up to the close timeout to deliver everything queued and close the delegate, then counts
 * and reports what it could not deliver. Only the background thread ever calls the delegate ({@code send},
 * {@code flush}, {@code close}), so a delegate stuck in a call (a stream blocked in {@code write(2)}) cannot hold
 * up {@link #flush()} or {@link #close()}: each returns within its bound. The background thread never dies from
 * a sender error: each failed message is counted and reported to the
 * {@linkplain Builder#errorHandler(ErrorHandler) error handler} (by default a throttled line on stderr).
 *
 * <p><b>Transparent</b>: {@link #awaitConnection(Duration)} waits for the delegate, and {@link #deliveryStats()}
 * reports what became of each message down to the delegate.
 *
 * <p><b>Counting</b>: every message given to {@link #send} ends up in exactly one counter of {@link #stats()}:
 * {@code sent} (the delegate took it without throwing), {@code failed} (the delegate threw), or
 * {@code droppedQueueFull} (refused because the queue was full, sent after close, or still queued or in the
 * delegate when the close timeout ran out). So once the queue is drained or close has returned, messages given =
 * sent + droppedQueueFull + failed, exactly. What the delegate itself drops is in {@code delegate().stats()}.
 *
 * <p>A message given to this sender belongs to it from then on: do not change it after {@code send} (the client
 * never does). Thread-safe; {@code send} is lock-free and allocates nothing.
 *
 * <pre>{@code
 * Sender sender = AsyncSender.builder(new UdpSender(...)).capacity(16_384).build();
 * }</pre>
 * From configuration, any sender is made asynchronous with {@code sender_async = true}; see
 * {@link org.metlog.config.Components#sender}.
 */
public final class AsyncSender implements Sender {

    /** What {@link #send} does when the queue is full. */
    public enum Overflow {
        /** Drop the new message at once and count it. */
        DROP,
        /** Wait up to the offer timeout for room; drop and count the message if none frees up in time. */
        WAIT
    }

    /** Default queue capacity, in messages. */
    public static final int DEFAULT_CAPACITY = 8192;
    /** Largest queue capacity, in messages. */
    public static final int MAX_CAPACITY = 1 << 24;
    /** Default time a caller waits for room under {@link Overflow#WAIT}: 100 ms. */
    public static final Duration DEFAULT_OFFER_TIMEOUT = Duration.ofMillis(100);
    /** Default time {@link #close()} gives the background thread to deliver what is queued: 5 s. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private static final AtomicInteger THREAD_NUMBERS = new AtomicInteger();

    private final Sender delegate;
    private final BoundedQueue<Message> queue;
    private final Overflow overflow;
    private final long offerTimeoutNanos;
    private final long closeTimeoutNanos;
    private final String name;
    private final AsyncWorker worker;
    private final Thread shutdownHook;
    private final ErrorHandler errors;
    private final AtomicInteger closing = new AtomicInteger();

    private AsyncSender(Builder b) {
        this.delegate = b.delegate;
        this.queue = new BoundedQueue<>(b.capacity);
        this.overflow = b.overflow;
        this.offerTimeoutNanos = b.offerTimeout.toNanos();
        this.closeTimeoutNanos = b.closeTimeout.toNanos();
        this.name = "metlog-async-" + THREAD_NUMBERS.incrementAndGet();
        this.errors = b.errorHandler != null ? b.errorHandler : ErrorHandlers.stderr();
        this.worker = new AsyncWorker(delegate, queue, errors, name);
        this.shutdownHook = b.shutdownHook ? new Thread(this::close, name + "-shutdown") : null;
    }

    private AsyncSender start() {
        worker.start();
        if (shutdownHook != null) {
            AsyncWorker.hook(shutdownHook, true);
        }
        return this;
    }

    /**
     * Starts a builder around {@code delegate}. Defaults: capacity {@value #DEFAULT_CAPACITY}, policy
     * {@link Overflow#DROP}, offer timeout 100 ms (used by {@link Overflow#WAIT}), close timeout 5 s, shutdown hook
     * enabled.
     *
     * @param delegate the sender that delivers; owned by the new sender from then on (closed by its close)
     * @return a builder
     */
    public static Builder builder(Sender delegate) {
        return new Builder(delegate);
    }

    /**
     * Queues the message for delivery, or drops and counts it if the queue is full (after waiting up to the offer
     * timeout under {@link Overflow#WAIT}) or this sender is closed. Never throws for delivery reasons and never
     * waits longer than the offer timeout.
     *
     * @param message the message, not null; owned by this sender from now on
     * @throws NullPointerException if the message is null
     */
    @Override
    public void send(Message message) {
        Objects.requireNonNull(message, "message");
        int result = queue.offer(message);
        if (result == BoundedQueue.OK) {
            worker.wake();
            return;
        }
        if (result == BoundedQueue.FULL && overflow == Overflow.WAIT && offerTimeoutNanos > 0
            && !worker.isCurrentThread()) { // the worker itself (a delegate that logs) would wait for itself
            result = worker.offerWaiting(message, offerTimeoutNanos);
            if (result == BoundedQueue.OK) {
                return;
            }
        }
        worker.tally().refused(result == BoundedQueue.SEALED);
    }

    // ---------------------------------------------------------------- flush and close

    /**
     * Has the background thread flush the delegate once it has handed on every message queued before this call,
     * and waits for that at most the close timeout. If the time runs out (the delegate is stuck or slow), or the
     * caller is interrupted, reports it to the error handler and returns; what is queued stays queued. Then
     * flushes the error handler. Never throws.
     */
    @Override
    public void flush() {
        worker.flush(closeTimeoutNanos);
    }

    /**
     * Stops accepting messages (later ones are dropped and counted), removes the shutdown hook and waits up to the
     * close timeout for the background thread to deliver everything queued and close the delegate. If the time
     * runs out, counts as dropped what is still queued and the message the delegate is stuck on, reports the count
     * to the error handler, interrupts the thread if it was in the delegate, and gives it 100 ms more to settle its
     * last message and close the delegate (a delegate still stuck then is closed when its call returns, by the
     * background thread, which delivers nothing more). Blocks for at most the close
     * timeout plus 100 ms (plus up to 1 s more only if a thread calling {@code send} was suspended between
     * reserving a place in the queue and filling it); idempotent; never throws.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(0, 1)) {
            return;
        }
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            AsyncWorker.hook(shutdownHook, false);
        }
        worker.close(queue.seal(), closeTimeoutNanos);
    }

    // ---------------------------------------------------------------- state

    /**
     * Returns this sender's counters: {@code sent} = handed to the delegate without an exception, {@code failed} =
     * the delegate threw, {@code droppedQueueFull} = refused because the queue was full, sent after close, or still
     * queued or in the delegate when the close timeout ran out (the delegate finishing it later changes nothing
     * here). Messages still queued are in none of them yet.
     *
     * @return a snapshot
     */
    @Override
    public DeliveryStats stats() {
        return worker.tally().stats();
    }

    /**
     * Returns the end-to-end counters: the delegate's own end-to-end counters for what it was handed, plus what
     * this sender's queue dropped. A message the delegate was stuck on when close gave up is a drop here until the
     * delegate returns and counts it itself (then it is the delegate's, never both). If the delegate does not
     * count, this sender's own {@link #stats()}.
     *
     * @return a snapshot
     */
    @Override
    public DeliveryStats deliveryStats() {
        DeliveryStats downstream = delegate.deliveryStats();
        if (downstream == DeliveryStats.EMPTY) {
            return stats();
        }
        // the delegate counted every message it was given, including those it threw for
        return downstream.plus(new DeliveryStats(0, 0, worker.tally().dropsBeforeDelegate(), 0, 0));
    }

    /**
     * Waits until the delegate can deliver: forwards to the delegate's {@link Sender#awaitConnection(Duration)}, so
     * that wrapping a sender keeps its connection wait. Blocks for at most about {@code max}; never throws.
     *
     * @param max the longest time to wait
     * @return what the delegate answered; false if this sender is closed
     */
    @Override
    public boolean awaitConnection(Duration max) {
        if (isClosed()) {
            return false;
        }
        return delegate.awaitConnection(max);
    }

    /** {@return messages refused because the queue was full (part of {@code droppedQueueFull})} */
    public long droppedFull() {
        return worker.tally().droppedFull();
    }

    /** {@return messages given after close began (part of {@code droppedQueueFull})} */
    public long droppedAfterClose() {
        return worker.tally().droppedAfterClose();
    }

    /** {@return messages still queued, or being sent, when the close timeout ran out (part of {@code droppedQueueFull})} */
    public long undeliveredAtClose() {
        return worker.tally().undeliveredAtClose();
    }

    /** {@return messages waiting in the queue now; an estimate while other threads send} */
    public int queued() {
        return queue.size();
    }

    /** {@return the sender that delivers the messages} */
    public Sender delegate() {
        return delegate;
    }

    /** {@return the queue capacity in messages} */
    public int capacity() {
        return queue.capacity();
    }

    /** {@return the overflow policy} */
    public Overflow overflow() {
        return overflow;
    }

    /** {@return how long a caller waits for room under {@link Overflow#WAIT}} */
    public Duration offerTimeout() {
        return Duration.ofNanos(offerTimeoutNanos);
    }

    /** {@return how long close gives the background thread to deliver what is queued} */
    public Duration closeTimeout() {
        return Duration.ofNanos(closeTimeoutNanos);
    }

    /** {@return true if a JVM shutdown hook closes this sender (until it is closed)} */
    public boolean hasShutdownHook() {
        return shutdownHook != null;
    }

    /** {@return true once close has begun} */
    public boolean isClosed() {
        return closing.get() != 0;
    }

    /** {@return the name of the background thread} */
    public String threadName() {
        return name;
    }

    /** For tests: the hook thread registered with the runtime, or null. */
    Thread shutdownHookThread() {
        return shutdownHook;
    }

    /** {@return {@code AsyncSender(capacity=<n>, <overflow>) -> <the delegate's toString()>}} */
    @Override
    public String toString() {
        return "AsyncSender(capacity=" + capacity() + ", " + overflow + ") -> " + delegate;
    }

    /**
     * Builds an {@link AsyncSender}; see {@link AsyncSender#builder(Sender)} for the defaults. Not thread-safe.
     */
    public static final class Builder {
        private final Sender delegate;
        private int capacity = DEFAULT_CAPACITY;
        private Overflow overflow = Overflow.DROP;
        private Duration offerTimeout = DEFAULT_OFFER_TIMEOUT;
        private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
        private boolean shutdownHook = true;
        private ErrorHandler errorHandler;

        private Builder(Sender delegate) {
            this.delegate = Objects.requireNonNull(delegate, "delegate");
        }

        /**
         * Sets the queue capacity.
         *
         * @param messages 1 to {@value #MAX_CAPACITY}; default {@value #DEFAULT_CAPACITY}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder capacity(int messages) {
            if (messages < 1 || messages > MAX_CAPACITY) {
                throw new IllegalArgumentException("capacity " + messages + " is out of range: expected 1 to "
                    + MAX_CAPACITY);
            }
            this.capacity = messages;
            return this;
        }

        /**
         * Sets where delivery errors are reported. Default: a new {@link ErrorHandlers#stderr()} handler.
         *
         * @param handler the handler
         * @return this builder
         */
        public Builder errorHandler(ErrorHandler handler) {
            this.errorHandler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /**
         * Sets what happens when the queue is full.
         *
         * @param policy {@link Overflow#DROP} (default) or {@link Overflow#WAIT}
         * @return this builder
         */
        public Builder overflow(Overflow policy) {
            this.overflow = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Sets how long a caller waits for room under {@link Overflow#WAIT}; zero makes it drop at once.
         *
         * @param timeout zero or more; default 100 ms
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder offerTimeout(Duration timeout) {
            this.offerTimeout = nonNegative(timeout, "offer timeout");
            return this;
        }

        /**
         * Sets how long {@code close()} (and {@code flush()}) wait for the queue to drain; zero counts everything
         * still queued at close as undelivered.
         *
         * @param timeout zero or more; default 5 s
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = nonNegative(timeout, "close timeout");
            return this;
        }

        /**
         * Sets whether a JVM shutdown hook closes the sender, so that what is queued is delivered (or counted and
         * reported) when the JVM exits; {@code close()} removes the hook.
         *
         * @param enabled default true
         * @return this builder
         */
        public Builder shutdownHook(boolean enabled) {
            this.shutdownHook = enabled;
            return this;
        }

        /**
         * Creates the sender and starts its background thread (and registers its shutdown hook, if enabled).
         *
         * @return a running sender
         */
        public AsyncSender build() {
            return new AsyncSender(this).start();
        }

        private static Duration nonNegative(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative()) {
                throw new IllegalArgumentException(what + " " + d + " must not be negative");
            }
            return d;
        }
    }
}
