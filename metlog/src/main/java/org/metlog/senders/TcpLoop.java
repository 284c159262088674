package org.metlog.senders;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.metlog.internal.BoundedQueue;
import org.metlog.internal.HostResolver;
import org.metlog.internal.Monitors;
import org.metlog.message.EncodedEnvelope;
import org.metlog.message.Message;
import org.metlog.spi.DeliveryError;
import org.metlog.spi.ErrorHandler;

/**
 * The I/O thread of a {@link TcpSender} ({@code metlog-tcp-<n>}) and the accounting of every message it takes off
 * the buffer. One {@link #step()} does one unit of work: take the next message (or keep the one that could not be
 * written yet), connect if there is no connection (the hosts in order, then a backoff wait), write it. The thread
 * runs steps and parks in between; tests run steps themselves with an injected clock.
 *
 * <p>A message is counted {@code sent} once its bytes, final newline included, were written to the socket. A
 * write that throws did not hand the newline to the system, so the message is written again, whole, on the next
 * connection: the peer never gets the same complete line twice.
 */
final class TcpLoop {
    /** {@link #step()} result: the queue is empty, park until woken. */
    static final long IDLE = -1;
    /** {@link #step()} result: closed and drained, or abandoned: the thread ends. */
    static final long STOPPED = -2;
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long FINAL_JOIN_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final VarHandle IN_FLIGHT;

    static {
        try {
            IN_FLIGHT = MethodHandles.lookup().findVarHandle(TcpLoop.class, "inFlight", Message.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final BoundedQueue<Message> queue;
    private final List<UdpDestination> hosts;
    private final TcpConnector connector;
    private final TcpBackoff backoff;
    private final LongSupplier clock;
    private final ErrorHandler handler;
    private final TcpProblems problems;
    private final String name;
    private final Runnable drained;
    private final Thread thread;
    private final Object lock = new Object();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong undeliveredAtClose = new AtomicLong();
    private final AtomicLong settled = new AtomicLong();
    private final AtomicInteger rounds = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();

    private volatile TcpConnection connection;
    private volatile boolean parked;
    private volatile boolean abandon;
    /** The message being written or waiting for a connection; close may claim it as undelivered. */
    @SuppressWarnings("unused")
    private volatile Message inFlight;
    private byte[] line = new byte[1024];
    private int lineLength;
    private int failedRounds; // I/O thread only
    private long nextRoundNanos; // I/O thread only
    private boolean wroteOnConnection; // I/O thread only

    TcpLoop(BoundedQueue<Message> queue, List<UdpDestination> hosts, TcpConnector connector, TcpBackoff backoff,
            LongSupplier clock, ErrorHandler handler, TcpProblems problems, String name, Runnable drained) {
        this.queue = queue;
        this.hosts = List.copyOf(hosts);
        this.connector = connector;
        this.backoff = backoff;
        this.clock = clock;
        this.handler = handler;
        this.problems = problems;
        this.name = name;
        this.drained = drained;
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

    long sent() {
        return sent.get();
    }

    long failed() {
        return failed.get();
    }

    long undeliveredAtClose() {
        return undeliveredAtClose.get();
    }

    /** {@return how many connection rounds (each trying the hosts in order) have begun} */
    int rounds() {
        return rounds.get();
    }

    /** {@return how many connections have been opened} */
    int connections() {
        return connections.get();
    }

    /** {@return whether a connection is open now} */
    boolean isConnected() {
        TcpConnection c = connection;
        return c != null && c.isOpen();
    }

    /**
     * Does one unit of work on the calling thread.
     *
     * @return 0 if there is more to do at once, {@link #IDLE}, {@link #STOPPED}, or the nanoseconds (on the
     *     injected clock) until the next connection round is due
     */
    long step() {
        if (abandon) {
            return STOPPED;
        }
        TcpConnection c = connection;
        if (c == null || !c.isOpen()) { // connect even with nothing to send, so that awaitConnection means something
            if (inFlight == null && queue.isSealed() && queue.taken() == queue.claimed()) {
                return STOPPED; // closed and drained: no reason to connect again
            }
            if (c != null) {
                ended(c, null);
            }
            long wait = connect();
            if (wait != 0) {
                return wait;
            }
            c = connection;
        }
        Message message = inFlight;
        if (message == null) {
            message = queue.poll();
            if (message == null) {
                if (queue.claimed() > queue.taken()) {
                    Thread.yield(); // a producer has claimed a slot and is storing its message
                    return 0;
                }
                if (queue.isSealed()) {
                    disconnect(); // closed and drained: a plain close lets the system send what it holds
                    return STOPPED;
                }
                drained.run();
                return IDLE;
            }
            inFlight = message;
            if (abandon) {
                settle(message, undeliveredAtClose);
                return STOPPED;
            }
            if (!encode(message)) {
                return 0;
            }
        }
        try {
            c.write(line, lineLength);
        } catch (IOException | RuntimeException e) {
            ended(c, e); // the message stays in flight: written again, whole, on the next connection
            return 0;
        }
        if (!wroteOnConnection) {
            wroteOnConnection = true;
            failedRounds = 0;
        }
        settle(message, sent);
        return 0;
    }

    private boolean encode(Message message) {
        try (EncodedEnvelope json = message.encode()) {
            int n = json.length();
            if (line.length < n + 1) {
                line = new byte[Math.max(n + 1, line.length * 2)];
            }
            json.bytes().get(0, line, 0, n);
            line[n] = '\n';
            lineLength = n + 1;
            return true;
        } catch (RuntimeException | StackOverflowError e) {
            if (settle(message, failed)) {
                ErrorHandler.report(handler, DeliveryError.sendFailed(name, message, e));
            }
            return false;
        }
    }

    /** Counts the in-flight message in {@code counter} unless close has claimed it; {@return whether it did} */
    private boolean settle(Message message, AtomicLong counter) {
        if (IN_FLIGHT.compareAndSet(this, message, null)) {
            counter.incrementAndGet();
            settled.incrementAndGet();
            return true;
        }
        return false;
    }

    /** Tries the hosts in order; {@return 0 once connected, else the wait until the next round, or STOPPED} */
    private long connect() {
        long now = clock.getAsLong();
        if (failedRounds > 0 && now - nextRoundNanos < 0) {
            return nextRoundNanos - now;
        }
        rounds.incrementAndGet();
        for (UdpDestination host : hosts) {
            if (abandon) {
                return STOPPED;
            }
            try {
                TcpConnection c = connector.open(host, name + "-watch");
                connections.incrementAndGet();
                wroteOnConnection = false;
                connection = c;
                synchronized (lock) {
                    lock.notifyAll();
                }
                if (abandon) {
                    c.close(); // close raced with connecting and will not see this connection
                    return STOPPED;
                }
                return 0;
            } catch (IOException | RuntimeException e) {
                ErrorHandler.report(handler, DeliveryError.of(name, problems.connectFailed(), null,
                    new IOException(host + ": " + e.getMessage(), e)));
            }
        }
        return failedRound();
    }

    private long failedRound() {
        failedRounds++;
        long wait = Math.max(1, backoff.waitAfter(failedRounds));
        nextRoundNanos = clock.getAsLong() + wait;
        return wait;
    }

    /** Reports why a connection ended and drops it; one that ended before any write counts as a failed round. */
    private void ended(TcpConnection c, Throwable cause) {
        TcpConnection.End why = c.end();
        c.close();
        connection = null;
        String problem = switch (why) {
            case PEER_CLOSED -> problems.peerClosed();
            case WRITE_TIMED_OUT -> problems.writeTimedOut();
            default -> problems.writeFailed();
        };
        ErrorHandler.report(handler, DeliveryError.of(name, problem, null,
            cause != null ? cause : new IOException("connection to " + c + " ended: " + why)));
        if (!wroteOnConnection) {
            failedRound();
        }
    }

    private void disconnect() {
        TcpConnection c = connection;
        if (c != null) {
            c.close();
        }
    }

    private void run() {
        try {
            while (true) {
                long wait = step();
                if (wait == STOPPED) {
                    return;
                }
                if (wait == IDLE) {
                    Thread.interrupted(); // a stray interrupt must not turn parking into spinning
                    parked = true;
                    // a producer increments the claimed count before it reads parked: recheck after announcing
                    if (queue.claimed() == queue.taken() && !queue.isSealed() && !abandon) {
                        LockSupport.parkNanos(this, IDLE_PARK_NANOS);
                    }
                    parked = false;
                } else if (wait > 0) {
                    Thread.interrupted();
                    LockSupport.parkNanos(this, wait); // close unparks; new messages wait in the buffer meanwhile
                }
            }
        } catch (Throwable t) {
            ErrorHandler.report(handler, DeliveryError.of(name, problems.threadFailed(), null, t));
        } finally {
            disconnect();
        }
    }

    /**
     * Waits until the thread is connected, the sender is closed or {@code max} (real time) passes.
     *
     * @return whether a connection is open
     */
    boolean awaitConnected(Duration max) {
        long deadline = System.nanoTime() + HostResolver.nanos(max);
        synchronized (lock) {
            Monitors.awaitHeld(lock, deadline, () -> isConnected() || abandon || queue.isSealed());
        }
        return isConnected() && !queue.isSealed();
    }

    /** Waits up to {@code timeoutNanos} until {@code target} messages taken off the buffer are settled. */
    void awaitSettled(long target, long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        long pause = 10_000;
        while (settled.get() < target && thread.isAlive() && Thread.currentThread() != thread) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return;
            }
            LockSupport.unpark(thread);
            LockSupport.parkNanos(this, Math.min(pause, remaining));
            pause = Math.min(pause * 2, TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /**
     * Lets the thread deliver what is buffered until the deadline; then closes the connection (which also ends a
     * write blocked on a peer that stopped reading), lets the thread stop, and takes what is left, with the
     * message in flight, counting it as undelivered. The connection is closed before the message in flight is
     * claimed, so a message counted as undelivered was never completely written. Call once, after sealing.
     *
     * @param claimed how many messages the sealed queue ever accepted
     * @return how many messages were counted as undelivered
     */
    long close(long claimed, long timeoutNanos) {
        awaitSettled(claimed, timeoutNanos);
        abandon = true;
        LockSupport.unpark(thread);
        synchronized (lock) {
            lock.notifyAll();
        }
        disconnect();
        join(FINAL_JOIN_NANOS);
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
        join(FINAL_JOIN_NANOS); // let the thread finish counting a message it took as close gave up
        return undeliveredAtClose.get();
    }

    private void join(long nanos) {
        if (Thread.currentThread() != thread && thread.isAlive()) {
            try {
                TimeUnit.NANOSECONDS.timedJoin(thread, nanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
