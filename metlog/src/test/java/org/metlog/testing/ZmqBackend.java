package org.metlog.testing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** A handshake router stand-in: a REP socket answering every request on its own thread, plus a subscriber. */
public final class ZmqBackend implements AutoCloseable {
    private final ZContext context = new ZContext();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger answered = new AtomicInteger();
    private final Thread answerer;
    /** The subscriber bound on the publish endpoint. */
    public final ZmqSubscriber subscriber;

    private ZmqBackend(String handshakeEndpoint, String publishEndpoint) {
        ZMQ.Socket rep = context.createSocket(SocketType.REP);
        rep.setLinger(0);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!rep.bind(handshakeEndpoint)) {
            if (System.nanoTime() - deadline >= 0) {
                throw new IllegalStateException("cannot bind " + handshakeEndpoint);
            }
            ZmqSubscriber.sleep(50);
        }
        rep.setReceiveTimeOut(50);
        answerer = new Thread(() -> {
            while (running.get()) {
                byte[] request = rep.recv(0);
                if (request != null) {
                    rep.send(new byte[0], 0);
                    answered.incrementAndGet();
                }
            }
            rep.close();
        }, "test-handshake-answerer");
        answerer.setDaemon(true);
        answerer.start();
        subscriber = ZmqSubscriber.bindTo(publishEndpoint, Duration.ofSeconds(10));
    }

    /** Starts answering handshakes on {@code handshakeEndpoint} and subscribing on {@code publishEndpoint}. */
    public static ZmqBackend start(String handshakeEndpoint, String publishEndpoint) {
        return new ZmqBackend(handshakeEndpoint, publishEndpoint);
    }

    public int answered() {
        return answered.get();
    }

    @Override
    public void close() {
        running.set(false);
        try {
            answerer.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        subscriber.close();
        context.close();
    }
}
