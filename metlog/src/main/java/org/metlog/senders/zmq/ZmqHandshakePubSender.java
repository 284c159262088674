package org.metlog.senders.zmq;
import org.metlog.spi.ErrorHandlers;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.metlog.internal.HostLookup;
import org.metlog.internal.HostResolver;
import org.metlog.message.DeliveryStats;
import org.metlog.message.Message;
import org.metlog.spi.ErrorHandler;
import org.metlog.spi.Options;
import org.metlog.spi.Sender;

/**
 * Publishes each message as one ZeroMQ message of compact JSON once the router has answered a handshake, and
 * writes it to stderr otherwise (metlog-py's {@code metlog.senders.zmq.ZmqHandshakePubSender}: "redirect all
 * dropped messages to stderr"), on JeroMQ.
 *
 * <p><b>Handshake.</b> Each of the {@code pool_size} pooled clients has a publisher socket connected to
 * {@code connect_bind} and a REQ socket connected to {@code handshake_bind}. The daemon thread
 * {@value PubEngine#LIVECHECK_THREAD} sends an empty request on every client's REQ socket at once, right after the
 * sender is built and then every {@code livecheck} seconds, and waits up to {@code handshake_timeout} ms for the
 * replies (any reply will do). A client whose request was answered is connected; one whose request was not is
 * not connected, and its REQ socket (which ZeroMQ leaves stuck waiting for that reply) is closed and created again
 * for the next round. Because the handshake is repeated for connected clients too, a router that goes away is
 * noticed within {@code livecheck} and its messages go to stderr instead of piling up, and a router that comes up
 * later, or restarts, starts receiving without restarting the application. Building never waits for the
 * handshake, nor for DNS: host names in both endpoints are resolved in the background as for {@link ZmqPubSender},
 * and the sockets connect to the numeric address; {@link #awaitConnection(Duration)} waits for both.
 *
 * <p><b>Delivery and failure.</b> Sending never blocks on the network and never throws. A message goes over
 * ZeroMQ only if its client is connected and a subscriber has subscribed to its publisher socket (before that,
 * ZeroMQ would discard it). Every message that does not go over ZeroMQ is written to stderr as one JSON line
 * (flushed) and counted: {@code failed} while not connected, without subscriber or after a ZeroMQ error;
 * {@code droppedQueueFull} past the high-water mark {@code hwm} or when no pooled client was free within
 * {@link Builder#borrowTimeout(Duration)} (100 ms). {@code debug_stderr} writes every message to stderr as well
 * (then a diverted message is not written a second time).
 *
 * <p><b>Threads.</b> The livecheck thread above, which also maintains idle publisher sockets as
 * {@link ZmqPubSender} does, and JeroMQ's daemon threads {@code metlog-zmq-...}. {@link #close()} stops them
 * and closes every socket, giving queued messages up to {@link Builder#linger(Duration)} (1 s) to go out.
 *
 * <p>Configuration options, positional in this order: {@code handshake_bind} (required), {@code connect_bind}
 * (required; one endpoint each, as for {@link ZmqPubSender}), {@code handshake_timeout} (milliseconds, required),
 * {@code pool_size} (10), {@code hwm} (200), {@code livecheck} (10 seconds; fractions allowed),
 * {@code debug_stderr} (false).
 *
 * <p>Needs JeroMQ ({@code org.zeromq:jeromq}), an optional dependency of metlog. Thread-safe.
 */
public final class ZmqHandshakePubSender implements Sender {
    /** Default {@code pool_size}. */
    public static final int DEFAULT_POOL_SIZE = 10;
    /** Default {@code hwm}: the send high-water mark, in messages. */
    public static final int DEFAULT_HWM = 200;
    /** Default {@code livecheck} interval. */
    public static final Duration DEFAULT_LIVECHECK = Duration.ofSeconds(10);
    /** The longest accepted {@code handshake_timeout}. */
    public static final Duration MAX_HANDSHAKE_TIMEOUT = Duration.ofMinutes(10);

    private final PubEngine engine;
    private final String handshakeBind;
    private final String connectBind;

    private ZmqHandshakePubSender(PubEngine engine, String handshakeBind, String connectBind) {
        this.engine = engine;
        this.handshakeBind = handshakeBind;
        this.connectBind = connectBind;
    }

    /**
     * Starts a builder.
     *
     * @param handshakeBind    the endpoint answering handshakes (a REP or ROUTER socket of the router)
     * @param connectBind      the endpoint messages are published to (a SUB socket of the router)
     * @param handshakeTimeout how long a handshake waits for its answer, 1 ms to 10 minutes
     * @return a builder with the defaults of metlog-py
     */
    public static Builder builder(String handshakeBind, String connectBind, Duration handshakeTimeout) {
        return new Builder(handshakeBind, connectBind, handshakeTimeout);
    }

    /**
     * Builds the sender from configuration options {@code handshake_bind}, {@code connect_bind},
     * {@code handshake_timeout} (ms), {@code pool_size}, {@code hwm}, {@code livecheck} (seconds) and
     * {@code debug_stderr} (also accepted as positional args in that order).
     *
     * @param options the options
     * @return the sender, handshaking in the background
     * @throws org.metlog.spi.InvalidOptionException if an option is missing or malformed
     * @throws org.metlog.spi.ConfigurationException if JeroMQ is not on the classpath
     */
    public static ZmqHandshakePubSender fromConfig(Options options) {
        options.bindPositional("handshake_bind", "connect_bind", "handshake_timeout", "pool_size", "hwm",
            "livecheck", "debug_stderr");
        String handshake = ZmqOptions.singleEndpoint(options, "handshake_bind");
        String connect = ZmqOptions.singleEndpoint(options, "connect_bind");
        int timeout = options.integer("handshake_timeout");
        if (timeout < 1 || timeout > MAX_HANDSHAKE_TIMEOUT.toMillis()) {
            throw options.invalid("handshake_timeout", options.raw("handshake_timeout"),
                "a number of milliseconds from 1 to " + MAX_HANDSHAKE_TIMEOUT.toMillis());
        }
        Builder b = builder(handshake, connect, Duration.ofMillis(timeout))
            .poolSize(options.integer("pool_size", DEFAULT_POOL_SIZE, 1, ZmqPubSender.Builder.MAX_POOL_SIZE))
            .hwm(options.integer("hwm", DEFAULT_HWM, 1, Integer.MAX_VALUE))
            .livecheck(ZmqOptions.livecheck(options, "livecheck", DEFAULT_LIVECHECK))
            .debugStderr(options.bool("debug_stderr", false))
            .errorHandler(options.errorHandler());
        return b.build();
    }

    /** {@return the handshake endpoint} */
    public String handshakeBind() {
        return handshakeBind;
    }

    /** {@return the endpoint messages are published to} */
    public String connectBind() {
        return connectBind;
    }

    /**
     * Publishes the message if its client is connected, else writes it to stderr. Never throws; waits at most
     * the borrow timeout for a client.
     *
     * @param message the message
     */
    @Override
    public void send(Message message) {
        engine.send(message);
    }

    /**
     * Waits until every pooled client's handshake has been answered and a subscriber has subscribed to its
     * publisher socket.
     *
     * @param max the longest wait
     * @return true if every client was ready in time
     */
    @Override
    public boolean awaitConnection(Duration max) {
        return engine.awaitConnection(max);
    }

    @Override
    public DeliveryStats stats() {
        return engine.stats();
    }

    /** Reports what the error handler has held back (a count of suppressed problems). Never throws. */
    @Override
    public void flush() {
        engine.flushErrors();
    }

    /**
     * Stops the livecheck thread (within about 50 ms even during a handshake), closes the sockets and terminates
     * the ZeroMQ context, waiting at most the linger time plus two seconds. Later messages are written to stderr
     * and counted as failed. Never throws.
     */
    @Override
    public void close() {
        engine.close();
    }

    /** {@return whether close() has terminated the ZeroMQ context (for tests)} */
    boolean contextTerminated() {
        return engine.contextTerminated();
    }

    @Override
    public String toString() {
        return "ZmqHandshakePubSender(handshake=" + handshakeBind + ", publish=" + connectBind + ")";
    }

    /**
     * Builds a {@link ZmqHandshakePubSender}. Not thread-safe. Defaults: pool size {@value #DEFAULT_POOL_SIZE},
     * hwm {@value #DEFAULT_HWM}, livecheck 10 s, no stderr mirror, linger 1 s, borrow timeout 100 ms.
     */
    public static final class Builder {
        private final String handshakeBind;
        private final String connectBind;
        private final Duration handshakeTimeout;
        private int poolSize = DEFAULT_POOL_SIZE;
        private int hwm = DEFAULT_HWM;
        private Duration livecheck = DEFAULT_LIVECHECK;
        private boolean debugStderr;
        private Duration linger = ZmqPubSender.DEFAULT_LINGER;
        private ErrorHandler errorHandler;
        private Duration borrowTimeout = ZmqPubSender.DEFAULT_BORROW_TIMEOUT;
        private HostResolver.Policy resolving = HostResolver.Policy.defaults();

        private Builder(String handshakeBind, String connectBind, Duration handshakeTimeout) {
            this.handshakeBind = ZmqOptions.endpoint(handshakeBind);
            this.connectBind = ZmqOptions.endpoint(connectBind);
            Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
            if (handshakeTimeout.compareTo(Duration.ofMillis(1)) < 0
                || handshakeTimeout.compareTo(MAX_HANDSHAKE_TIMEOUT) > 0) {
                throw new IllegalArgumentException("handshake_timeout " + handshakeTimeout
                    + " is out of range: expected 1 ms to 10 minutes");
            }
            this.handshakeTimeout = handshakeTimeout;
        }

        /**
         * Sets how many clients the pool holds.
         *
         * @param size 1 to 1024
         * @return this builder
         */
        public Builder poolSize(int size) {
            this.poolSize = ZmqOptions.checkRange("pool_size", size, 1, ZmqPubSender.Builder.MAX_POOL_SIZE);
            return this;
        }

        /**
         * Sets the send high-water mark of each publisher socket.
         *
         * @param hwm 1 or more messages
         * @return this builder
         */
        public Builder hwm(int hwm) {
            this.hwm = ZmqOptions.checkRange("hwm", hwm, 1, Integer.MAX_VALUE);
            return this;
        }

        /**
         * Sets the interval between handshakes.
         *
         * @param interval 1 ms to 1 day
         * @return this builder
         */
        public Builder livecheck(Duration interval) {
            this.livecheck = ZmqOptions.checkLivecheck(interval);
            return this;
        }

        /**
         * Sets whether every message is also written to stderr as one JSON line.
         *
         * @param mirror true to mirror
         * @return this builder
         */
        public Builder debugStderr(boolean mirror) {
            this.debugStderr = mirror;
            return this;
        }

        /**
         * Sets how long closing gives queued messages to go out.
         *
         * @param linger 0 to 1 minute
         * @return this builder
         */
        public Builder linger(Duration linger) {
            this.linger = ZmqOptions.checkDuration("linger", linger, Duration.ofMinutes(1));
            return this;
        }

        /**
         * Sets where delivery problems are reported: messages dropped, diverted or failed, endpoints that do not
         * connect or answer. Default: a new {@link ErrorHandlers#stderr()} handler.
         *
         * @param handler the handler
         * @return this builder
         */
        public Builder errorHandler(ErrorHandler handler) {
            this.errorHandler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /**
         * Sets how long a sending thread waits for a free client before writing its message to stderr.
         *
         * @param timeout 0 to 1 minute
         * @return this builder
         */
        public Builder borrowTimeout(Duration timeout) {
            this.borrowTimeout = ZmqOptions.checkDuration("borrowTimeout", timeout, Duration.ofMinutes(1));
            return this;
        }

        /** For tests: looks the endpoints' host names up with {@code lookup} instead of the JVM's resolver. */
        Builder lookup(HostLookup lookup) {
            this.resolving = resolving.withLookup(lookup);
            return this;
        }

        /**
         * Builds the sender: creates its sockets and starts the livecheck thread, which handshakes at once.
         *
         * @return the sender
         * @throws org.metlog.spi.ConfigurationException if JeroMQ is not on the classpath
         */
        public ZmqHandshakePubSender build() {
            JeroMq.require("ZmqHandshakePubSender");
            ZmqSettings settings = new ZmqSettings("ZmqHandshakePubSender", List.of(connectBind), poolSize, hwm,
                livecheck, debugStderr, linger, borrowTimeout, handshakeBind, handshakeTimeout, resolving);
            return new ZmqHandshakePubSender(new PubEngine(settings, true, errorHandler != null ? errorHandler : ErrorHandlers.stderr()).start(), handshakeBind, connectBind);
        }
    }
}
