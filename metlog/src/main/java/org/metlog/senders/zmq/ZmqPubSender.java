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
 * Publishes each message as one ZeroMQ message of compact JSON (metlog-py's
 * {@code metlog.senders.zmq.ZmqPubSender}), on JeroMQ. The router binds SUB sockets; this sender connects to them.
 *
 * <p><b>Sockets.</b> A pool of {@code pool_size} publisher sockets, each connected to every endpoint of
 * {@code bindstrs}. ZeroMQ sockets are not thread-safe, so each sending thread borrows a socket for the duration
 * of one non-blocking send; if all are busy it waits at most {@link Builder#borrowTimeout(Duration)} (100 ms)
 * and then drops the message ({@code droppedQueueFull}). Messages from one thread arrive in order as long as it
 * keeps getting the same socket, which is what the pool does for a thread sending alone.
 *
 * <p><b>Delivery and failure.</b> Sending never blocks on the network and never throws.
 * <ul>
 *   <li>{@code queue_length} is each socket's send high-water mark: while a subscriber is slow or gone, ZeroMQ
 *   queues up to that many messages for it; a message past it is refused, dropped and counted
 *   ({@code droppedQueueFull}). The sockets are XPUB sockets with {@code XPUB_NODROP}, so that this drop is seen
 *   and counted instead of happening silently inside ZeroMQ; with several endpoints, a message refused for one
 *   full subscriber is not sent to the others either.</li>
 *   <li>Until a subscriber has subscribed on a socket, ZeroMQ would discard what is published on it (the
 *   "slow joiner"): such messages are counted as {@code failed}, with a throttled warning on stderr. Once
 *   subscribed, a socket keeps queueing for its subscriber across reconnections (a restarted router gets what was
 *   queued meanwhile).</li>
 *   <li>A ZeroMQ error counts the message as {@code failed} and the socket is replaced at the next livecheck.</li>
 *   <li>Building and sending never wait for DNS: host names in endpoints are resolved on the daemon thread
 *   {@value EndpointNames#THREAD} (retried with backoff, refreshed every minute), and the sockets connect to the
 *   numeric address as soon as it is known. Until a socket has a connection, its messages are counted as
 *   {@code failed} (no subscriber).</li>
 *   <li>{@code debug_stderr} writes every message to stderr as one JSON line as well.</li>
 * </ul>
 *
 * <p><b>Threads.</b> A daemon thread {@value PubEngine#LIVECHECK_THREAD} runs every {@code livecheck} seconds
 * (metlog-py's pool reconnect thread): it replaces broken sockets, connects endpoints not connected yet (a connect
 * that failed, a host name resolved since; a host name that does not resolve does not stop the sender from being
 * built) and reads each idle socket's subscription notices. The daemon thread {@value EndpointNames#THREAD} resolves
 * host names (see above). JeroMQ's own I/O and reaper threads are daemons named {@code metlog-zmq-...}.
 * {@link #close()} stops all of them and closes every socket, giving queued messages up to
 * {@link Builder#linger(Duration)} (1 s) to go out, without waiting for a DNS lookup in progress.
 *
 * <p><b>Endpoints.</b> {@code tcp://HOST:PORT} (a host name, an IPv4 address or a bracketed IPv6 address),
 * {@code ipc://PATH}, or {@code inproc://NAME} (which only reaches sockets of this sender's own ZeroMQ context, so
 * it is of little use). Host names are resolved in the background, never by the thread that builds or sends.
 *
 * <p>Configuration options, positional in this order: {@code bindstrs} (one endpoint or a list, required),
 * {@code pool_size} (10), {@code queue_length} (1000), {@code livecheck} (10 seconds; fractions allowed),
 * {@code debug_stderr} (false).
 *
 * <p>Needs JeroMQ ({@code org.zeromq:jeromq}), an optional dependency of metlog. Thread-safe.
 */
public final class ZmqPubSender implements Sender {
    /** Default {@code pool_size}. */
    public static final int DEFAULT_POOL_SIZE = 10;
    /** Default {@code queue_length}: the send high-water mark, in messages. */
    public static final int DEFAULT_QUEUE_LENGTH = 1000;
    /** Default {@code livecheck} interval. */
    public static final Duration DEFAULT_LIVECHECK = Duration.ofSeconds(10);
    /** Default time closing gives queued messages to go out. */
    public static final Duration DEFAULT_LINGER = Duration.ofSeconds(1);
    /** Default longest wait of a sending thread for a free socket. */
    public static final Duration DEFAULT_BORROW_TIMEOUT = Duration.ofMillis(100);

    private final PubEngine engine;
    private final List<String> bindstrs;

    private ZmqPubSender(PubEngine engine, List<String> bindstrs) {
        this.engine = engine;
        this.bindstrs = bindstrs;
    }

    /**
     * Starts a builder.
     *
     * @param bindstrs the endpoints every socket connects to, at least one
     * @return a builder with the defaults of metlog-py
     */
    public static Builder builder(List<String> bindstrs) {
        return new Builder(bindstrs);
    }

    /**
     * Starts a builder for one endpoint.
     *
     * @param bindstr the endpoint every socket connects to
     * @return a builder with the defaults of metlog-py
     */
    public static Builder builder(String bindstr) {
        return new Builder(List.of(bindstr));
    }

    /**
     * Builds the sender from configuration options {@code bindstrs}, {@code pool_size}, {@code queue_length},
     * {@code livecheck} and {@code debug_stderr} (also accepted as positional args in that order).
     *
     * @param options the options
     * @return the sender, connecting in the background
     * @throws org.metlog.spi.InvalidOptionException if an option is missing or malformed
     * @throws org.metlog.spi.ConfigurationException if JeroMQ is not on the classpath
     */
    public static ZmqPubSender fromConfig(Options options) {
        options.bindPositional("bindstrs", "pool_size", "queue_length", "livecheck", "debug_stderr");
        List<String> bindstrs = ZmqOptions.endpointList(options, "bindstrs");
        Builder b = builder(bindstrs)
            .poolSize(options.integer("pool_size", DEFAULT_POOL_SIZE, 1, Builder.MAX_POOL_SIZE))
            .queueLength(options.integer("queue_length", DEFAULT_QUEUE_LENGTH, 1, Integer.MAX_VALUE))
            .livecheck(ZmqOptions.livecheck(options, "livecheck", DEFAULT_LIVECHECK))
            .debugStderr(options.bool("debug_stderr", false))
            .errorHandler(options.errorHandler());
        return b.build();
    }

    /** {@return the endpoints every socket connects to} */
    public List<String> bindstrs() {
        return bindstrs;
    }

    /**
     * Publishes the message on a borrowed socket. Never throws; waits at most the borrow timeout for a socket.
     *
     * @param message the message
     */
    @Override
    public void send(Message message) {
        engine.send(message);
    }

    /**
     * Waits until every pooled socket has a subscriber, so that nothing sent next is lost to the slow-joiner
     * moment. With several endpoints, one subscriber per socket is enough.
     *
     * @param max the longest wait
     * @return true if every socket had a subscriber in time
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
     * Stops the livecheck thread, closes the sockets and terminates the ZeroMQ context, waiting at most the
     * linger time plus two seconds. Later messages are written to stderr and counted as failed. Never throws.
     */
    @Override
    public void close() {
        engine.close();
    }

    /** {@return the resolver of the endpoints' host names, or null if there are none (for tests)} */
    HostResolver resolver() {
        return engine.resolver();
    }

    /** {@return whether close() has terminated the ZeroMQ context (for tests)} */
    boolean contextTerminated() {
        return engine.contextTerminated();
    }

    @Override
    public String toString() {
        return "ZmqPubSender(" + String.join(", ", bindstrs) + ")";
    }

    /**
     * Builds a {@link ZmqPubSender}. Not thread-safe. Defaults: pool size {@value #DEFAULT_POOL_SIZE}, queue length
     * {@value #DEFAULT_QUEUE_LENGTH}, livecheck 10 s, no stderr mirror, linger 1 s, borrow timeout 100 ms.
     */
    public static final class Builder {
        static final int MAX_POOL_SIZE = 1024;

        private final List<String> bindstrs;
        private int poolSize = DEFAULT_POOL_SIZE;
        private int queueLength = DEFAULT_QUEUE_LENGTH;
        private Duration livecheck = DEFAULT_LIVECHECK;
        private boolean debugStderr;
        private Duration linger = DEFAULT_LINGER;
        private ErrorHandler errorHandler;
        private Duration borrowTimeout = DEFAULT_BORROW_TIMEOUT;
        private HostResolver.Policy resolving = HostResolver.Policy.defaults();

        private Builder(List<String> bindstrs) {
            this.bindstrs = ZmqOptions.endpoints(List.copyOf(Objects.requireNonNull(bindstrs, "bindstrs")));
        }

        /**
         * Sets how many sockets the pool holds.
         *
         * @param size 1 to 1024
         * @return this builder
         */
        public Builder poolSize(int size) {
            this.poolSize = ZmqOptions.checkRange("pool_size", size, 1, MAX_POOL_SIZE);
            return this;
        }

        /**
         * Sets the send high-water mark of each socket: how many messages ZeroMQ queues per subscriber before it
         * refuses more.
         *
         * @param length 1 or more
         * @return this builder
         */
        public Builder queueLength(int length) {
            this.queueLength = ZmqOptions.checkRange("queue_length", length, 1, Integer.MAX_VALUE);
            return this;
        }

        /**
         * Sets the interval of the livecheck thread.
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
         * Sets how long {@link ZmqPubSender#close()} gives queued messages to go out to a connected subscriber.
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
         * Sets how long a sending thread waits for a free socket before dropping its message.
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

        /** For tests: resolves the endpoints' host names by {@code policy} (lookup, clock, retry, refresh). */
        Builder resolving(HostResolver.Policy policy) {
            this.resolving = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Builds the sender: creates and connects its sockets (connecting is asynchronous, and host names are
         * resolved in the background) and starts the livecheck and resolver threads. Never waits for DNS.
         *
         * @return the sender
         * @throws org.metlog.spi.ConfigurationException if JeroMQ is not on the classpath
         */
        public ZmqPubSender build() {
            JeroMq.require("ZmqPubSender");
            ZmqSettings settings = new ZmqSettings("ZmqPubSender", bindstrs, poolSize, queueLength, livecheck,
                debugStderr, linger, borrowTimeout, null, Duration.ZERO, resolving);
            return new ZmqPubSender(new PubEngine(settings, false, errorHandler != null ? errorHandler : ErrorHandlers.stderr()).start(), bindstrs);
        }
    }
}
