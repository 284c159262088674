package org.metlog.senders.zmq;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.metlog.internal.Diagnostics;
import org.metlog.internal.HostResolver;
import org.metlog.internal.Monitors;
import org.metlog.internal.StderrJson;
import org.metlog.message.DeliveryStats;
import org.metlog.message.EncodedEnvelope;
import org.metlog.message.Message;
import org.metlog.spi.DeliveryCounters;
import org.metlog.spi.DeliveryError;
import org.metlog.spi.ErrorHandler;

/**
 * What both ZeroMQ senders share: a private context, a pool of {@link PubSocket}s, the send path with its
 * counting and stderr fallback, the livecheck thread ({@value #LIVECHECK_THREAD}) and closing.
 *
 * <p>The livecheck thread runs one round right away and then one every {@code livecheck}: the handshake round
 * (handshake sender only), then a maintenance pass over every idle socket: a broken socket is replaced, endpoints
 * not connected yet (a connect that failed, a host name resolved since) are connected, and queued subscription
 * notices are read so the socket knows whether anybody listens. It never touches a socket a sender is using. A
 * host name that resolves, or resolves to a new address, wakes it for an extra round and marks every socket for
 * connecting by its next holder, so that sockets connect at once.
 *
 * <p>Host names in endpoints are resolved by a {@link HostResolver} on the daemon thread
 * {@value EndpointNames#THREAD}, never by JeroMQ's {@code connect} (which would look them up on the calling thread:
 * the building thread, for every pooled socket): sockets connect to the numeric address found (see
 * {@link ZmqEndpoint}). Closing does not wait for a lookup in progress.
 *
 * <p>Every delivery problem goes to the sender's {@link ErrorHandler}, with a problem text fixed when the engine
 * is built (so reporting allocates nothing for it and the handler groups repeats by it). A diverted message is
 * reported before it is written to stderr, so the line that explains it comes first.
 */
final class PubEngine {
    static final String LIVECHECK_THREAD = "metlog-zmq-livecheck";
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private final ZmqSettings settings;
    private final boolean divertToStderr;
    private final ZmqRuntime runtime;
    private final List<PubSocket> sockets;
    private final SlotPool<PubSocket> pool;
    private final Handshaker handshaker;
    private final DeliveryCounters counters = new DeliveryCounters();
    private final Object tick = new Object();
    private boolean woken; // guarded by tick
    private final Thread livecheck;
    private final EndpointNames names;
    private final long borrowNanos;
    private final ErrorHandler errors;
    private final PubProblems problems;
    private volatile boolean closed;

    /**
     * Creates the context and the sockets and connects them; call {@link #start()} next.
     *
     * @param divertToStderr whether messages that do not go over ZeroMQ are written to stderr (handshake sender)
     */
    PubEngine(ZmqSettings settings, boolean divertToStderr, ErrorHandler errors) {
        this.settings = settings;
        this.divertToStderr = divertToStderr;
        this.errors = errors;
        this.borrowNanos = settings.borrowTimeout().toNanos();
        String name = settings.name();
        this.problems = PubProblems.of(settings, divertToStderr);
        List<ZmqEndpoint> endpoints = ZmqEndpoint.all(settings.endpoints());
        ZmqEndpoint handshake = settings.handshake() == null ? null : ZmqEndpoint.of(settings.handshake());
        List<ZmqEndpoint> all = new ArrayList<>(endpoints);
        if (handshake != null) {
            all.add(handshake);
        }
        this.names = new EndpointNames(settings, all, errors, this::resolved);
        this.runtime = new ZmqRuntime(errors, name);
        List<PubSocket> created = new ArrayList<>(settings.poolSize());
        try {
            int linger = (int) Math.min(Integer.MAX_VALUE, settings.linger().toMillis());
            for (int i = 0; i < settings.poolSize(); i++) {
                created.add(new PubSocket(runtime, endpoints, settings.hwm(), linger,
                    settings.handshake() == null));
            }
        } catch (RuntimeException e) {
            created.forEach(PubSocket::close);
            runtime.terminate(CLOSE_WAIT);
            throw e;
        }
        this.sockets = List.copyOf(created);
        String failing = sockets.get(0).lastError;
        if (failing != null) {
            report(problems.connect(), null, new ZmqProblem(failing));
        }
        this.pool = new SlotPool<>(sockets);
        this.handshaker = settings.handshake() == null ? null
            : new Handshaker(runtime, settings, handshake, sockets, errors, problems.notConnected());
        this.livecheck = new Thread(this::runLivecheck, LIVECHECK_THREAD);
        livecheck.setDaemon(true);
    }

    /** Starts the livecheck thread and the resolver's. */
    PubEngine start() {
        livecheck.start();
        names.start();
        return this;
    }

    /** {@return the resolver of the endpoints' host names, or null if there are none (for tests)} */
    HostResolver resolver() {
        return names.resolver();
    }

    /** A host name resolved (or changed address): every socket is connected by whoever holds it next. */
    private void resolved() {
        for (PubSocket s : sockets) {
            s.connectDue = true;
        }
        wake();
    }

    /** Asks the livecheck thread for a round now rather than at the end of its interval (or, closing, to end). */
    private void wake() {
        synchronized (tick) {
            woken = true;
            tick.notifyAll();
        }
    }

    /** Waits for the next round: the interval passed, {@link #wake()} or closing. Returns true once closed. */
    private boolean awaitRound(long intervalNanos) {
        synchronized (tick) {
            Monitors.awaitHeld(tick, System.nanoTime() + intervalNanos, () -> woken || closed);
            woken = false;
        }
        return closed || Thread.currentThread().isInterrupted();
    }

    // ---------------------------------------------------------------- sending

    /**
     * Sends one message; never blocks longer than the borrow timeout and never throws (a message that cannot be
     * serialized is counted as failed and reported; a {@link VirtualMachineError} is counted, then rethrown).
     */
    void send(Message message) {
        EncodedEnvelope json;
        try {
            json = message.encode();
        } catch (Throwable error) {
            counters.failed();
            if (error instanceof VirtualMachineError vme && !(error instanceof StackOverflowError)) {
                throw vme;
            }
            report(problems.notEncoded(), message, error);
            return;
        }
        try (json) {
            ByteBuffer view = json.bytes();
            byte[] bytes = view.array();
            int off = view.arrayOffset() + view.position();
            int len = view.remaining();
            if (settings.debugStderr()) {
                StderrJson.line(bytes, off, len);
            }
            PubSocket.Outcome outcome = publish(bytes, off, len); // JeroMQ copies the bytes into its message
            account(outcome, message, bytes, off, len);
        }
    }

    private PubSocket.Outcome publish(byte[] bytes, int off, int len) {
        if (closed) {
            return PubSocket.Outcome.CLOSED;
        }
        // JeroMQ's signalling pipes are interruptible channels: an interrupted thread touching one would close it
        // and break the socket for good. Clear the flag around the ZeroMQ calls and restore it afterwards.
        boolean interrupted = Thread.interrupted();
        PubSocket socket = null;
        try {
            socket = pool.borrow(borrowNanos);
            if (socket == null) {
                return pool.isClosed() ? PubSocket.Outcome.CLOSED : PubSocket.Outcome.NO_SLOT;
            }
            return socket.publish(bytes, off, len);
        } catch (InterruptedException e) {
            interrupted = true;
            return PubSocket.Outcome.NO_SLOT;
        } finally {
            if (socket != null) {
                pool.release(socket);
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void account(PubSocket.Outcome outcome, Message message, byte[] bytes, int off, int len) {
        String problem;
        switch (outcome) {
            case SENT -> {
                counters.sent();
                return;
            }
            case FULL -> {
                counters.droppedQueueFull();
                problem = problems.full();
            }
            case NO_SLOT -> {
                counters.droppedQueueFull();
                problem = problems.noSlot();
            }
            case NO_SUBSCRIBER -> {
                counters.failed();
                problem = problems.noSubscriber();
            }
            case NOT_CONNECTED -> {
                counters.failed();
                problem = problems.notConnected();
            }
            case ERROR -> {
                counters.failed();
                problem = problems.error();
            }
            case CLOSED -> {
                counters.failed();
                report(problems.closed(), message, null);
                if (!settings.debugStderr()) {
                    StderrJson.line(bytes, off, len);
                }
                return;
            }
            default -> throw new IllegalStateException("unexpected outcome " + outcome);
        }
        report(problem, message, null); // before the diverted line, which it explains
        if (divertToStderr && !settings.debugStderr()) {
            StderrJson.line(bytes, off, len);
        }
    }

    private void report(String problem, Message message, Throwable cause) {
        if (problem != null) {
            ErrorHandler.report(errors, DeliveryError.of(settings.name(), problem, message, cause));
        }
    }
    /** Reports what the error handler has held back. Never throws. */
    void flushErrors() {
        errors.flush();
    }

    DeliveryStats stats() {
        return counters.snapshot();
    }

    // ---------------------------------------------------------------- connection

    /**
     * Waits until every pooled socket is ready: handshake answered (handshake sender) and a subscriber attached.
     *
     * @return true if all were ready in time
     */
    boolean awaitConnection(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        boolean interrupted = Thread.interrupted();
        try {
            while (!closed) {
                boolean all = true;
                for (PubSocket s : sockets) {
                    if (!s.handshakeOk) {
                        all = false;
                    } else if (!s.subscribed()) {
                        if (pool.take(s)) {
                            try {
                                if (s.connectDue) {
                                    s.connectMissing();
                                }
                                s.refresh();
                            } catch (RuntimeException e) {
                                // the livecheck replaces it
                            } finally {
                                pool.giveBack(s);
                            }
                        }
                        all &= s.subscribed();
                    }
                }
                if (all) {
                    return true;
                }
                if (System.nanoTime() - deadline >= 0) {
                    return false;
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    interrupted = true;
                    return false;
                }
            }
            return false;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void runLivecheck() {
        long intervalNanos = settings.livecheck().toNanos();
        try {
            do {
                try {
                    if (handshaker != null) {
                        handshaker.round(() -> closed);
                    }
                    if (!closed) {
                        maintainIdleSockets();
                    }
                } catch (RuntimeException e) {
                    report(problems.livecheck(), null, e);
                }
            } while (!awaitRound(intervalNanos)); // only close() (or the JVM's shutdown interrupt) ends it
        } finally {
            if (handshaker != null) {
                handshaker.close();
            }
        }
    }

    private void maintainIdleSockets() {
        for (PubSocket s : sockets) {
            if (closed || !pool.take(s)) {
                continue;
            }
            try {
                if (s.broken()) {
                    Diagnostics.warn(settings.name() + ": replacing a socket after an error: " + s.lastError);
                    s.reopen();
                }
                String failing = s.connectMissing();
                if (failing != null) {
                    report(problems.connect(), null, new ZmqProblem(failing));
                }
                s.refresh();
            } catch (RuntimeException e) {
                report(problems.livecheck(), null, e);
            } finally {
                pool.giveBack(s);
            }
        }
    }

    // ---------------------------------------------------------------- closing

    /** {@return whether {@link #close()} has terminated the context} */
    boolean contextTerminated() {
        return runtime.isTerminated();
    }

    /**
     * Stops the livecheck thread, closes every socket (a socket in use is closed by its user as it returns it)
     * and terminates the context, waiting at most the linger time plus two seconds. Never throws.
     */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        names.close(); // without waiting for a lookup in progress
        runtime.closing();
        wake();
        try {
            livecheck.join(CLOSE_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        boolean allClosed = pool.close(PubSocket::close, CLOSE_WAIT);
        if (livecheck.isAlive() || !allClosed) {
            Diagnostics.warn(settings.name() + ": closing: some sockets are still in use; ZeroMQ finishes in the"
                + " background");
        }
        if (!runtime.terminate(settings.linger().plus(CLOSE_WAIT))) {
            Diagnostics.warn(settings.name() + ": ZeroMQ did not shut down within "
                + settings.linger().plus(CLOSE_WAIT).toMillis() + " ms; it finishes in the background");
        }
        errors.flush();
    }
}
