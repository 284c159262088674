package org.metlog.senders.zmq;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.metlog.internal.Diagnostics;
import org.metlog.spi.DeliveryError;
import org.metlog.spi.ErrorHandler;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * The handshake of {@link ZmqHandshakePubSender}: one REQ socket per pooled publisher sends an empty request to
 * the handshake endpoint and waits for any reply. A publisher whose request was answered within the timeout is
 * marked connected; one whose request was not is marked not connected, and its REQ socket, which ZeroMQ leaves
 * waiting for that reply forever, is closed and created again for the next round. All requests of a round go
 * out together and are awaited together, so a round takes at most the handshake timeout.
 *
 * <p>A round reports a change in how many publishers are answered before it marks them: the line explaining why
 * messages go to stderr is written before the first message that goes there because of it. That the endpoint
 * does not answer is a delivery problem and goes to the error handler; that it answers again is a one-off
 * diagnostic on stderr.
 *
 * <p>The REQ sockets connect to the endpoint's {@link ZmqEndpoint#connectTarget()}, never to a host name (JeroMQ
 * would look it up inside {@code connect}): while the name has not resolved, a round asks nobody and every
 * publisher stays not connected; when it resolves to a new address, the REQ sockets are made anew for it.
 *
 * <p>Used only by the livecheck thread.
 */
final class Handshaker {
    private static final byte[] EMPTY = new byte[0];
    private static final long SLICE_MS = 50;

    private final ZmqRuntime runtime;
    private final ZmqSettings settings;
    private final ZmqEndpoint endpoint;
    /** The address the REQ sockets are connected to; they are made anew when it changes. */
    private String connectedTo;
    private final List<PubSocket> clients;
    private final ZMQ.Socket[] requesters;
    private final boolean ipv6;
    private final ErrorHandler errors;
    private final String noneAnswered;
    private final String someNotAnswered;
    private int answeredBefore = -1;

    /**
     * @param noneAnswered the problem reported when no publisher is answered, {@link #notAnswered(ZmqSettings)};
     *                     the engine reports messages diverted for want of an answer under the same text
     */
    Handshaker(ZmqRuntime runtime, ZmqSettings settings, ZmqEndpoint endpoint, List<PubSocket> clients,
               ErrorHandler errors, String noneAnswered) {
        this.runtime = runtime;
        this.settings = settings;
        this.endpoint = endpoint;
        this.clients = clients;
        this.requesters = new ZMQ.Socket[clients.size()];
        this.ipv6 = endpoint.mayBeIpv6();
        this.errors = errors;
        this.noneAnswered = noneAnswered;
        this.someNotAnswered = settings.name() + ": handshake endpoint " + settings.handshake() + " did not answer"
            + " some of the " + clients.size() + " clients within " + settings.handshakeTimeout().toMillis()
            + " ms; their messages go to stderr as JSON lines until it answers them";
    }

    /**
     * Returns the problem of a handshake endpoint that does not answer, fixed for the sender's settings.
     *
     * @param settings the sender's settings, with a handshake endpoint
     * @return the text
     */
    static String notAnswered(ZmqSettings settings) {
        return settings.name() + ": handshake endpoint " + settings.handshake() + " did not answer within "
            + settings.handshakeTimeout().toMillis() + " ms; messages go to stderr as JSON lines until it answers"
            + " (asked again every " + settings.livecheck().toMillis() + " ms)";
    }

    /**
     * Runs one handshake for every publisher.
     *
     * @param stopping true when the sender is closing: the round ends early
     */
    void round(BooleanSupplier stopping) {
        int n = clients.size();
        boolean[] asked = new boolean[n];
        boolean[] answered = new boolean[n];
        int[] index = new int[n];
        int pending = 0;
        String error = null;
        String target = endpoint.connectTarget();
        if (target == null) {
            error = "the host name of " + endpoint + " has not resolved yet";
        } else if (!target.equals(connectedTo)) {
            close(); // connected to an address the name no longer has
            connectedTo = target;
        }
        ZMQ.Poller poller = runtime.poller(n);
        try {
            for (int i = 0; i < n && target != null; i++) {
                try {
                    if (requesters[i] == null) {
                        requesters[i] = runtime.socket(SocketType.REQ, 0, ipv6);
                        requesters[i].connect(target);
                    }
                    if (requesters[i].send(EMPTY, ZMQ.DONTWAIT)) {
                        index[i] = poller.register(requesters[i], ZMQ.Poller.POLLIN);
                        asked[i] = true;
                        pending++;
                    }
                } catch (RuntimeException e) {
                    error = String.valueOf(e.getMessage());
                }
            }
            long deadline = System.nanoTime() + settings.handshakeTimeout().toNanos();
            while (pending > 0 && !stopping.getAsBoolean()) {
                long leftMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (leftMs <= 0) {
                    break;
                }
                poller.poll(Math.min(SLICE_MS, leftMs));
                for (int i = 0; i < n; i++) {
                    if (asked[i] && !answered[i] && poller.pollin(index[i]) && receiveReply(requesters[i])) {
                        answered[i] = true;
                        pending--;
                    }
                }
            }
        } finally {
            poller.close();
        }
        int ok = 0;
        for (int i = 0; i < n; i++) {
            if (answered[i]) {
                ok++;
            } else {
                closeRequester(i);
            }
        }
        if (!stopping.getAsBoolean()) {
            report(ok, error); // first explain, then divert: a message diverted from now on follows the line
        }
        for (int i = 0; i < n; i++) {
            clients.get(i).handshakeOk = answered[i];
        }
    }

    private static boolean receiveReply(ZMQ.Socket requester) {
        byte[] reply = requester.recv(ZMQ.DONTWAIT);
        if (reply == null) {
            return false;
        }
        while (requester.hasReceiveMore()) {
            requester.recv(ZMQ.DONTWAIT);
        }
        return true;
    }

    /** Reports changes in how many clients the router answers; the first round reports unless all answered. */
    private void report(int ok, String error) {
        int n = clients.size();
        if (ok == answeredBefore || (answeredBefore == -1 && ok == n)) {
            answeredBefore = ok;
            return;
        }
        if (ok == n) {
            Diagnostics.warn(settings.name() + ": handshake endpoint " + settings.handshake()
                + " answered; sending over ZeroMQ to " + settings.endpoints().get(0));
        } else {
            ErrorHandler.report(errors, DeliveryError.of(settings.name(), ok == 0 ? noneAnswered : someNotAnswered,
                null, error == null ? null : new ZmqProblem(error)));
        }
        answeredBefore = ok;
    }

    private void closeRequester(int i) {
        if (requesters[i] != null) {
            try {
                requesters[i].close();
            } catch (RuntimeException e) {
                // it is being replaced anyway
            }
            requesters[i] = null;
        }
    }

    /** Closes every REQ socket. */
    void close() {
        for (int i = 0; i < requesters.length; i++) {
            closeRequester(i);
        }
    }
}
