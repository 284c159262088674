package org.metlog.senders;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.metlog.internal.BoundedQueue;
import org.metlog.message.DeliveryStats;
import org.metlog.message.Message;
import org.metlog.spi.DeliveryError;
import org.metlog.spi.ErrorHandler;
import org.metlog.spi.Options;
import org.metlog.spi.Sender;

/**
 * Streams messages over one TCP connection as newline-delimited JSON envelopes (one compact envelope per line,
 * the stream heka-py added after metlog-py), optionally over TLS, with reconnection and fail-over across hosts.
 *
 * <p><b>Never blocks the caller.</b> {@link #send} puts the message on a bounded buffer and returns; one daemon
 * thread, {@code metlog-tcp-<n>}, looks host names up, connects, encodes and writes. While it is disconnected,
 * or the peer reads slowly, messages wait in the buffer; when the buffer is full new messages are dropped and
 * counted ({@code droppedQueueFull}).
 *
 * <p><b>Connecting.</b> Each round tries the hosts in order, each within the connect timeout (TLS handshake
 * included); the first that accepts is used until the connection ends, and the next round starts again at the
 * first host. After a round in which no host accepted (or whose connection ended before a message was written),
 * the next round waits {@link Builder#reconnectMin(Duration) reconnectMin} (100 ms), doubled after each further
 * failed round up to {@link Builder#reconnectMax(Duration) reconnectMax} (30 s), each wait shortened by up to a
 * fifth at random. A peer that closes the connection is noticed at once (a watcher thread reads the socket; the
 * peer is expected never to send), and a write blocked for longer than the write timeout (10 s) ends the
 * connection. Every failure goes to the {@linkplain Builder#errorHandler(ErrorHandler) error handler}.
 *
 * <p><b>Counting.</b> Every message given to {@code send} ends up in exactly one counter: {@code sent} once its
 * line, final newline included, was written to the socket; {@code droppedQueueFull} if the buffer was full, if it
 * was sent after close, or if it was still buffered when the close timeout ran out; {@code failed} if it could
 * not be encoded. A write that fails did not hand the line's final newline to the system, so that message is
 * written again, whole, on the next connection: the peer never receives a complete line twice (it may receive an
 * incomplete last line before a connection ends, which a line reader discards).
 *
 * <p><b>What "sent" does not promise.</b> A line written to the socket is in the operating system's hands; TCP
 * has no acknowledgement the application can see. If the connection breaks (the peer dies, or closes without
 * reading to the end), what was still in this host's send buffer, in flight or in the peer's receive buffer
 * unread is lost although counted as sent. That loss is bounded by the send buffer plus the peer's receive buffer
 * plus one segment ({@link Builder#sendBufferBytes(int)} bounds the first); a peer that reads to the end of the stream before
 * closing loses nothing, and {@link #close()} closes the connection normally, so what it wrote is delivered.
 *
 * <p>Thread-safe; {@code send} is lock-free and allocates nothing. Options: see {@link #fromConfig(Options)}.
 */
public final class TcpSender implements Sender {
    /** Default buffer capacity, in messages. */
    public static final int DEFAULT_QUEUE_LENGTH = TcpSettings.DEFAULT_QUEUE_LENGTH;
    /** Default bound on connecting to one host, TLS handshake included (separately): 5 s. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = TcpSettings.DEFAULT_CONNECT_TIMEOUT;
    /** Default bound on one write before the connection is given up: 10 s. */
    public static final Duration DEFAULT_WRITE_TIMEOUT = TcpSettings.DEFAULT_WRITE_TIMEOUT;
    /** Default time {@link #close()} and {@link #flush()} wait for the buffer to drain: 5 s. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = TcpSettings.DEFAULT_CLOSE_TIMEOUT;
    /** Default wait after the first failed connection round: 100 ms. */
    public static final Duration DEFAULT_RECONNECT_MIN = TcpSettings.DEFAULT_RECONNECT_MIN;
    /** Default longest wait between connection rounds: 30 s. */
    public static final Duration DEFAULT_RECONNECT_MAX = TcpSettings.DEFAULT_RECONNECT_MAX;
    private static final AtomicInteger THREAD_NUMBERS = new AtomicInteger();

    private final List<UdpDestination> hosts;
    private final BoundedQueue<Message> queue;
    private final TcpLoop loop;
    private final ErrorHandler handler;
    private final TcpProblems problems;
    private final long closeTimeoutNanos;
    private final String description;
    private final String name;
    private final LongAdder droppedFull = new LongAdder();
    private final LongAdder droppedAfterClose = new LongAdder();
    private final AtomicInteger closing = new AtomicInteger();
    private volatile boolean fullReported;

    private TcpSender(TcpSettings s) {
        this.hosts = List.copyOf(s.hosts);
        this.queue = new BoundedQueue<>(s.queueLength);
        this.handler = s.handler();
        this.problems = new TcpProblems("TcpSender");
        this.closeTimeoutNanos = s.closeTimeout.toNanos();
        this.name = "metlog-tcp-" + THREAD_NUMBERS.incrementAndGet();
        List<String> uris = new ArrayList<>();
        for (UdpDestination d : hosts) {
            uris.add((s.tls ? "tls://" : "tcp://") + d);
        }
        this.description = "TcpSender(" + String.join(", ", uris) + ")";
        TcpConnector connector = new TcpConnector(s.lookup, !s.tls ? null : s.tlsFactory != null
            ? s.tlsFactory : TcpTls.factory(s.trustStore, s.trustStorePassword), (int) Math.min(Integer.MAX_VALUE, s.connectTimeout.toMillis()),
            s.writeTimeout.toNanos(), s.sendBufferBytes);
        this.loop = new TcpLoop(queue, hosts, connector, new TcpBackoff(s.reconnectMin, s.reconnectMax, s.random),
            s.nanoClock, handler, problems, name, () -> fullReported = false);
        if (s.background) {
            loop.start();
        }
    }

    /**
     * Creates a sender to one host, with the defaults of {@link Builder}.
     *
     * @param host an IP literal or a host name
     * @param port 1 to 65535
     * @return the sender, connecting in the background
     * @throws IllegalArgumentException if the host is malformed or the port out of range
     */
    public static TcpSender to(String host, int port) {
        return builder().host(host, port).build();
    }

    /** {@return a builder; at least one host must be added} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds the sender from configuration: {@code host} and {@code port} (positional in that order), or
     * {@code hosts} ({@code h1:p1, h2:p2}, IPv6 as {@code [::1]:p}), tried in order; {@code tls} (false),
     * {@code tls_truststore} (a PKCS#12 or JKS file; the JDK's default trust if absent),
     * {@code tls_truststore_password}; {@code queue_length} ({@value #DEFAULT_QUEUE_LENGTH} messages);
     * {@code connect_timeout_ms} (5000), {@code write_timeout_ms} (10000), {@code close_timeout_ms} (5000),
     * {@code reconnect_min_ms} (100), {@code reconnect_max_ms} (30000); {@code send_buffer_bytes} (0: the
     * system's default). Delivery errors go to {@link Options#errorHandler()}.
     *
     * @param options the options
     * @return the sender, connecting in the background
     * @throws org.metlog.spi.InvalidOptionException naming the option if one is missing, malformed or out of range
     */
    public static TcpSender fromConfig(Options options) {
        TcpSettings settings = TcpConfig.read(options);
        settings.validate();
        return new TcpSender(settings);
    }

    /**
     * Puts the message on the buffer for the I/O thread, or drops and counts it if the buffer is full or the
     * sender is closed. Never blocks and never throws for delivery reasons.
     *
     * @param message the message, not null; owned by this sender from now on
     * @throws NullPointerException if the message is null
     */
    @Override
    public void send(Message message) {
        Objects.requireNonNull(message, "message");
        int result = queue.offer(message);
        if (result == BoundedQueue.OK) {
            loop.wake();
        } else if (result == BoundedQueue.FULL) {
            droppedFull.increment();
            if (!fullReported) {
                fullReported = true; // once per filling: the I/O thread re-arms it when the buffer empties
                ErrorHandler.report(handler, DeliveryError.of(name, problems.queueFull(), message, null));
            }
        } else {
            droppedAfterClose.increment();
            ErrorHandler.report(handler, DeliveryError.of(name, problems.afterClose(), message, null));
        }
    }

    /**
     * Waits until every message buffered before this call has been written (or counted as dropped), at most the
     * close timeout, then flushes the error handler. Never throws.
     */
    @Override
    public void flush() {
        loop.awaitSettled(queue.claimed(), closeTimeoutNanos);
        handler.flush();
    }

    /**
     * Stops accepting messages (later ones are counted as {@code droppedQueueFull}), gives the I/O thread up to
     * the close timeout to write what is buffered, counts and reports what it could not, and closes the connection
     * normally, so that the system still delivers what was written. Blocks for at most about the close timeout;
     * idempotent; never throws.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(0, 1)) {
            return;
        }
        long undelivered = loop.close(queue.seal(), closeTimeoutNanos);
        if (undelivered > 0) { // once per sender: the text may name the count
            ErrorHandler.report(handler, DeliveryError.of(name, description + " could not write " + undelivered
                + " buffered message" + (undelivered == 1 ? "" : "s") + " within the close timeout of "
                + Duration.ofNanos(closeTimeoutNanos).toMillis() + " ms; counted as droppedQueueFull", null, null));
        }
        handler.flush();
    }

    /**
     * Returns the counters: {@code sent} (written to the socket), {@code droppedQueueFull} (buffer full, after
     * close, or undelivered at close) and {@code failed} (could not be encoded). Messages still buffered are in
     * none of them yet.
     *
     * @return a snapshot
     */
    @Override
    public DeliveryStats stats() {
        long failed = loop.failed();
        long sent = loop.sent();
        return new DeliveryStats(sent, 0, droppedFull.sum() + droppedAfterClose.sum() + loop.undeliveredAtClose(),
            0, failed);
    }

    /**
     * Waits until a connection is open. Blocks for at most about {@code max}; never throws.
     *
     * @param max the longest time to wait
     * @return true if connected; false if not in time, or if the sender is closed
     */
    @Override
    public boolean awaitConnection(Duration max) {
        return loop.awaitConnected(max);
    }

    /** {@return whether a connection is open now} */
    public boolean isConnected() {
        return loop.isConnected();
    }

    /** {@return the hosts in the order they are tried, as configured (not resolved)} */
    public List<String> hosts() {
        List<String> out = new ArrayList<>(hosts.size());
        for (UdpDestination d : hosts) {
            out.add(d.toString());
        }
        return out;
    }

    /** For tests: the I/O loop, to run its steps on the test's thread. */
    TcpLoop loop() {
        return loop;
    }

    /** {@return the class and the hosts in order, such as {@code TcpSender(tcp://127.0.0.1:5565)}} */
    @Override
    public String toString() {
        return description;
    }

    /**
     * Builds a {@link TcpSender}. Not thread-safe.
     *
     * <p>Defaults: no host (at least one required), plain TCP, a buffer of {@value TcpSender#DEFAULT_QUEUE_LENGTH}
     * messages, connect timeout 5 s, write timeout 10 s, close timeout 5 s, reconnect waits from 100 ms to 30 s,
     * the system's send buffer, errors to a new {@link org.metlog.spi.ErrorHandlers#stderr()}.
     */
    public static final class Builder {
        private final TcpSettings settings = new TcpSettings();

        private Builder() {
        }

        /**
         * Adds a host; hosts are tried in the order added.
         *
         * @param host an IPv4 or IPv6 literal (IPv6 with or without brackets) or a host name
         * @param port 1 to 65535
         * @return this builder
         * @throws IllegalArgumentException if the host is malformed or the port out of range
         */
        public Builder host(String host, int port) {
            settings.host(host, port);
            return this;
        }

        /**
         * Turns TLS on or off. With TLS the server's certificate must be trusted and name the host as configured
         * (a DNS name or an IP address in its subject alternative names).
         *
         * @param on default false
         * @return this builder
         */
        public Builder tls(boolean on) {
            settings.tls = on;
            return this;
        }

        /**
         * Trusts the certificates in a trust store file instead of the JDK's default trust store. Needs TLS on.
         *
         * @param file     a PKCS#12 or JKS file (the type is detected)
         * @param password its password, or null if it has none
         * @return this builder
         */
        public Builder trustStore(Path file, String password) {
            settings.trustStore(file, password);
            return this;
        }

        /**
         * Sets how many messages the buffer holds while the connection is down or slow.
         *
         * @param messages 1 to 2^24; default {@value TcpSender#DEFAULT_QUEUE_LENGTH}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder queueLength(int messages) {
            settings.queueLength(messages);
            return this;
        }

        /**
         * Sets the bound on connecting to one host, and separately on its TLS handshake.
         *
         * @param timeout more than 0, at most an hour; default 5 s
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            settings.connectTimeout = TcpSettings.positive("connectTimeout", timeout);
            return this;
        }

        /**
         * Sets how long one write may block (a peer that stopped reading) before the connection is given up.
         *
         * @param timeout more than 0, at most an hour; default 10 s
         * @return this builder
         */
        public Builder writeTimeout(Duration timeout) {
            settings.writeTimeout = TcpSettings.positive("writeTimeout", timeout);
            return this;
        }

        /**
         * Sets how long {@code close()} (and {@code flush()}) wait for the buffer to drain.
         *
         * @param timeout 0 to an hour; default 5 s
         * @return this builder
         */
        public Builder closeTimeout(Duration timeout) {
            settings.closeTimeout = TcpSettings.nonNegative("closeTimeout", timeout);
            return this;
        }

        /**
         * Sets the wait after the first failed connection round; it doubles after each further one.
         *
         * @param wait more than 0, at most an hour; default 100 ms
         * @return this builder
         */
        public Builder reconnectMin(Duration wait) {
            settings.reconnectMin = TcpSettings.positive("reconnectMin", wait);
            return this;
        }

        /**
         * Sets the longest wait between connection rounds.
         *
         * @param wait at least the first wait, at most an hour; default 30 s
         * @return this builder
         */
        public Builder reconnectMax(Duration wait) {
            settings.reconnectMax = TcpSettings.positive("reconnectMax", wait);
            return this;
        }

        /**
         * Sets the socket's send buffer ({@code SO_SNDBUF}), which bounds what a broken connection can lose.
         *
         * @param bytes 0 (the system's default, which the system may grow) to 2^30
         * @return this builder
         */
        public Builder sendBufferBytes(int bytes) {
            settings.sendBufferBytes(bytes);
            return this;
        }

        /**
         * Sets where delivery errors (connections refused or lost, a full buffer) are reported.
         *
         * @param handler the handler, not null
         * @return this builder
         */
        public Builder errorHandler(ErrorHandler handler) {
            settings.errorHandler(handler);
            return this;
        }

        /** {@return the settings, for tests to inject a lookup, a clock and a random source} */
        TcpSettings settings() {
            return settings;
        }

        /**
         * Builds the sender and starts its I/O thread, which connects in the background (never waited for).
         *
         * @return the sender
         * @throws IllegalArgumentException if no host was added, the reconnect waits are inverted, a trust store
         *                                  is set without TLS or cannot be read
         */
        public TcpSender build() {
            settings.validate();
            return new TcpSender(settings);
        }
    }
}
