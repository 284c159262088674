package org.metlog.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A router stand-in: a JeroMQ SUB socket bound on loopback, subscribed to everything, in its own context, read by
 * its own thread as a router would (a SUB socket only takes in new connections, and sends them its subscription,
 * while somebody uses it).
 */
public final class ZmqSubscriber implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger MONITORS = new AtomicInteger();

    private final ZContext context = new ZContext();
    private final ZMQ.Socket socket;
    private final String endpoint;
    private final LinkedBlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
    private final Thread reader;
    private volatile boolean running = true;
    private volatile boolean reading = true;
    private ZMQ.Socket monitor;
    private int accepted;
    private int disconnected;

    private ZmqSubscriber(String bindTo, int rcvHwm, int rcvBuf, boolean monitored) {
        socket = context.createSocket(SocketType.SUB);
        socket.setRcvHWM(rcvHwm);
        if (rcvBuf > 0) {
            socket.setReceiveBufferSize(rcvBuf);
        }
        socket.setLinger(0);
        socket.subscribe(new byte[0]);
        if (monitored) {
            String address = "inproc://monitor-" + MONITORS.incrementAndGet();
            socket.monitor(address, ZMQ.EVENT_ACCEPTED | ZMQ.EVENT_DISCONNECTED);
            monitor = context.createSocket(SocketType.PAIR);
            monitor.connect(address);
        }
        if (!socket.bind(bindTo)) {
            throw new IllegalStateException("cannot bind " + bindTo);
        }
        endpoint = socket.getLastEndpoint();
        socket.setReceiveTimeOut(20);
        reader = new Thread(this::read, "test-subscriber");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        while (running) {
            if (!reading) {
                sleep(5);
                continue;
            }
            byte[] bytes = socket.recv(0);
            if (bytes != null) {
                received.add(bytes);
            }
        }
    }

    /** Stops reading: the socket is left alone, as by a router that hangs. */
    public void stopReading() {
        reading = false;
    }

    /** Reads again after {@link #stopReading()}. */
    public void resumeReading() {
        reading = true;
    }

    /** @return a subscriber on a port the OS chooses, with the given receive high-water mark (0: none) */
    public static ZmqSubscriber bind(int rcvHwm) {
        return new ZmqSubscriber("tcp://127.0.0.1:*", rcvHwm, 0, false);
    }

    /** @return a subscriber that also counts the connections it accepts and loses */
    public static ZmqSubscriber bindMonitored() {
        return new ZmqSubscriber("tcp://127.0.0.1:*", 1000, 0, true);
    }

    /** @return a subscriber with a tiny receive high-water mark and TCP receive buffer */
    public static ZmqSubscriber bindSlow() {
        return new ZmqSubscriber("tcp://127.0.0.1:*", 1, 4096, false);
    }

    /** Binds {@code endpoint}, retrying while the port is not free again yet. */
    public static ZmqSubscriber bindTo(String endpoint, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            try {
                return new ZmqSubscriber(endpoint, 1000, 0, false);
            } catch (RuntimeException e) {
                if (System.nanoTime() - deadline >= 0) {
                    throw e;
                }
                sleep(50);
            }
        }
    }

    public String endpoint() {
        return endpoint;
    }

    /** @return the next message, or null if none arrives within {@code max} */
    public String receive(Duration max) {
        try {
            byte[] bytes = received.poll(max.toNanos(), TimeUnit.NANOSECONDS);
            return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** @return the next message decoded, or null */
    @SuppressWarnings("unchecked")
    public Map<String, Object> receiveJson(Duration max) {
        String text = receive(max);
        if (text == null) {
            return null;
        }
        try {
            return JSON.readValue(text, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return connections accepted minus connections lost so far (monitored subscribers only) */
    @SuppressWarnings("deprecation") // ZMQ.Event is deprecated in favour of ZEvent, but reads the same events
    public int openConnections() {
        ZMQ.Event event;
        while ((event = ZMQ.Event.recv(monitor, ZMQ.DONTWAIT)) != null) {
            if (event.getEvent() == ZMQ.EVENT_ACCEPTED) {
                accepted++;
            } else if (event.getEvent() == ZMQ.EVENT_DISCONNECTED) {
                disconnected++;
            }
        }
        return accepted - disconnected;
    }

    public static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            reader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        context.close();
    }
}
