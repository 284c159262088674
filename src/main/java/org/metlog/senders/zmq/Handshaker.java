package org.metlog.senders.zmq;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.metlog.internal.Diagnostics;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * The handshake of {@link ZmqHandshakePubSender}: one REQ socket per pooled publisher sends an empty request to
 * the handshake endpoint and waits for any reply. A publisher whose request was answered within the timeout is
 * marked connected; one whose request was not is marked not connected, and its REQ socket, which ZeroMQ leaves
 * waiting for that reply forever, is closed and created again for the next round. All requests of a round go
 * out together and are awaited together, so a round takes at most the handshake timeout.
 *
 * <p>Used only by the livecheck thread.
 */
final class Handshaker {
    private static final byte[] EMPTY = new byte[0];
    private static final long SLICE_MS = 50;

    private final ZmqRuntime runtime;
    private final ZmqSettings settings;
    private final List<PubSocket> clients;
    private final ZMQ.Socket[] requesters;
    private final boolean ipv6;
    private int answeredBefore = -1;

    Handshaker(ZmqRuntime runtime, ZmqSettings settings, List<PubSocket> clients) {
        this.runtime = runtime;
        this.settings = settings;
        this.clients = clients;
        this.requesters = new ZMQ.Socket[clients.size()];
        this.ipv6 = ZmqOptions.isIpv6(settings.handshake());
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
        ZMQ.Poller poller = runtime.poller(n);
        try {
            for (int i = 0; i < n; i++) {
                try {
                    if (requesters[i] == null) {
                        requesters[i] = runtime.socket(SocketType.REQ, 0, ipv6);
                        requesters[i].connect(settings.handshake());
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
            clients.get(i).handshakeOk = answered[i];
            if (answered[i]) {
                ok++;
            } else {
                closeRequester(i);
            }
        }
        if (!stopping.getAsBoolean()) {
            report(ok, error);
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
        String name = settings.name();
        String endpoint = "handshake endpoint " + settings.handshake();
        String within = " within " + settings.handshakeTimeout().toMillis() + " ms"
            + (error == null ? "" : " (" + error + ")");
        if (ok == n) {
            Diagnostics.warn(name + ": " + endpoint + " answered; sending over ZeroMQ to "
                + settings.endpoints().get(0));
        } else if (ok == 0) {
            Diagnostics.warn(name + ": " + endpoint + " did not answer" + within + "; messages go to stderr as JSON"
                + " lines until it answers (asked again every " + settings.livecheck().toMillis() + " ms)");
        } else {
            Diagnostics.warn(name + ": " + endpoint + " did not answer " + (n - ok) + " of " + n + " clients" + within
                + "; their messages go to stderr as JSON lines until it answers them");
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
