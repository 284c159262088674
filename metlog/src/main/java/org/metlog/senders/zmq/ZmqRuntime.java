package org.metlog.senders.zmq;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.metlog.internal.Diagnostics;
import org.metlog.spi.DeliveryError;
import org.metlog.spi.ErrorHandler;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * One sender's private JeroMQ context. Its I/O and reaper threads are daemon threads named
 * {@code metlog-zmq-<jeromq name>}, so they are recognisable and never keep the JVM alive; they end when the
 * context is {@link #terminate(Duration) terminated}. Thread-safe (creating sockets is).
 */
final class ZmqRuntime {
    /**
     * How long a new connection's ZeroMQ handshake may take before ZeroMQ drops it and connects again. JeroMQ
     * 0.6.0 occasionally (a few connections in a hundred on loopback) never reads the peer's greeting on a freshly
     * connected socket; its default of 30 s would leave such a connection, and every message meant for it, stuck
     * for half a minute. Two seconds is ample for a handshake (two round trips) on any network.
     */
    static final int HANDSHAKE_IVL_MS = 2000;

    private final ZMQ.Context context;
    private final AtomicBoolean terminating = new AtomicBoolean();
    private volatile boolean closing;

    /**
     * Creates the context.
     *
     * @param errors where failures of JeroMQ's threads are reported
     * @param name   the sender's name, for those reports
     */
    ZmqRuntime(ErrorHandler errors, String name) {
        String failed = name + ": a ZeroMQ thread failed";
        String reported = name + ": a ZeroMQ thread reported an error";
        context = ZMQ.context(1);
        // set before the first socket: JeroMQ starts its threads then
        context.setThreadFactor((runnable, threadName) -> {
            Thread thread = new Thread(runnable, "metlog-zmq-" + threadName);
            thread.setDaemon(true);
            return thread;
        });
        context.setUncaughtExceptionHandler((thread, error) ->
            ErrorHandler.report(errors, DeliveryError.of(thread.getName(), failed, null, error)));
        context.setNotificationExceptionHandler((thread, error) -> {
            if (!closing) { // while shutting down, connections closing under JeroMQ's feet are expected
                ErrorHandler.report(errors, DeliveryError.of(thread.getName(), reported, null, error));
            }
        });
    }

    /**
     * Creates a socket.
     *
     * @param type      its type
     * @param lingerMs  how long closing it waits for queued messages, in milliseconds
     * @param ipv6      whether to enable IPv6 (needed to connect to an IPv6 literal)
     * @return the socket, owned by the caller
     */
    ZMQ.Socket socket(SocketType type, int lingerMs, boolean ipv6) {
        ZMQ.Socket socket = context.socket(type);
        socket.setLinger(lingerMs);
        socket.setHandshakeIvl(HANDSHAKE_IVL_MS);
        if (ipv6) {
            socket.setIPv6(true);
        }
        return socket;
    }

    /** {@return a poller for {@code size} sockets; the caller closes it} */
    ZMQ.Poller poller(int size) {
        return context.poller(size);
    }

    /** {@return whether the context has been terminated} */
    boolean isTerminated() {
        return context.isTerminated();
    }

    /** Marks the start of shutting down: from now on JeroMQ's complaints about closed connections are expected. */
    void closing() {
        closing = true;
    }

    /**
     * Terminates the context: waits for every socket to be closed and its linger to pass, then stops JeroMQ's
     * threads. Done on a helper thread so that a socket that was never closed cannot hang the caller.
     *
     * @param max how long to wait
     * @return true if the context terminated in time
     */
    boolean terminate(Duration max) {
        closing = true;
        if (!terminating.compareAndSet(false, true)) {
            return context.isTerminated();
        }
        Thread terminator = new Thread(() -> {
            try {
                context.term();
            } catch (RuntimeException e) {
                Diagnostics.warn("terminating the ZeroMQ context failed", e);
            }
        }, "metlog-zmq-term");
        terminator.setDaemon(true);
        terminator.start();
        try {
            terminator.join(Math.max(1, max.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !terminator.isAlive();
    }
}
