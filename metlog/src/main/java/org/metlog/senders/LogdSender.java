package org.metlog.senders;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.metlog.message.Message;
import org.metlog.message.Severity;
import org.metlog.spi.ConfigurationException;
import org.metlog.spi.ErrorHandler;
import org.metlog.spi.Options;

/**
 * Sends log messages and statistics to a <a href="https://github.com/hiidef/logd">logd</a> server: one msgpack
 * map per UDP datagram, in logd's published message format (what pylogd's {@code Logd} stats object and
 * {@code PylogdHandler} send).
 *
 * <table>
 *   <caption>Message types and what goes on the wire</caption>
 *   <tr><th>metlog type</th><th>logd message</th></tr>
 *   <tr><td>{@code oldstyle}</td><td>{@code {id: 1, path, level, msg, name, time, pid}} plus {@code tb} when the
 *       message carries a stack trace; {@code level} is the lower-case severity name ({@link Severity#name}),
 *       {@code name} the logger, {@code time} Unix seconds as a double</td></tr>
 *   <tr><td>{@code counter}</td><td>{@code {id: 2, key, value}} (value an integer)</td></tr>
 *   <tr><td>{@code timer}</td><td>{@code {id: 3, key, value}} (value milliseconds as a double)</td></tr>
 *   <tr><td>{@code gauge}</td><td>{@code {id: 4, key, value}} (an integer for whole numbers, else a double)</td></tr>
 * </table>
 *
 * <p>{@code key} is the message's {@code name} field; {@code sampleRate} (a double) is added only when the
 * message's {@code rate} is below 1. Other message types are not logd's: they are dropped and counted as
 * {@code filtered} in {@link #stats()}, as are log messages when no {@code path} is configured (a stats-only
 * sender, like pylogd's {@code Logd}). {@link #deleteLog(String)} sends {@code {id: 1000, path}}.
 *
 * <p>The stack trace: if the message has a {@code tb} field it is used as is; otherwise a Java stack trace that
 * the client's log methods appended to the payload (a line naming a throwable class, followed by
 * {@code "\tat "} lines) is split off into {@code tb} and the text before it becomes {@code msg}.
 *
 * <p>Needs msgpack-core ({@code org.msgpack:msgpack-core}, an optional dependency of metlog); without it the
 * constructor fails with a {@link ConfigurationException} saying so. Thread-safe; {@link #send(Message)} never
 * blocks (one non-blocking datagram write). A datagram that would exceed {@value #MAX_DATAGRAM} bytes is
 * dropped and counted as {@code droppedTooLarge}.
 *
 * <p>The socket and the DNS policy are {@link UdpSender}'s: a host name is resolved in the background (building
 * never waits for it and never fails because of it), messages sent while it is not resolved are counted as
 * {@code failed}, and every delivery error (an unresolved host, a failed or oversized datagram) goes to the
 * sender's {@link ErrorHandler} (throttled stderr lines by default; see {@link Builder#errorHandler(ErrorHandler)})
 * instead of being thrown.
 */
public final class LogdSender extends UdpTransportSender {
    /** logd's default port. */
    public static final int DEFAULT_PORT = 8126;
    /** The default host. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** The largest UDP payload over IPv4. */
    public static final int MAX_DATAGRAM = UdpTransport.MAX_DATAGRAM;
    /** The Maven coordinates of the msgpack dependency this sender needs. */
    public static final String MSGPACK_DEPENDENCY = "org.msgpack:msgpack-core:0.9.8";

    /** A line that starts a Java stack trace: a qualified class name, optionally ": message". */
    private static final Pattern TRACE_HEADER =
        Pattern.compile("(?:[A-Za-z_$][\\w$]*\\.)+[A-Za-z_$][\\w$]*(?::.*)?\\r?");

    private static final String DELETE_FAILED = "LogdSender: a request to delete a log could not be packed";

    private final String host;
    private final int port;
    private final String path;
    private final LogdPacker packer;

    /**
     * Creates a sender of statistics only: log messages are dropped (counted as filtered).
     *
     * @param host the logd host
     * @param port the logd UDP port, 1 to 65535
     * @throws ConfigurationException   if msgpack-core is missing
     * @throws IllegalArgumentException if the host is malformed or the port is outside 1 to 65535
     */
    public LogdSender(String host, int port) {
        this(builder().host(host).port(port));
    }

    /**
     * Creates a sender of statistics and log messages.
     *
     * @param host the logd host
     * @param port the logd UDP port, 1 to 65535
     * @param path the log ("file") that log messages go to on the logd server; null for statistics only
     * @throws ConfigurationException   if msgpack-core is missing
     * @throws IllegalArgumentException if the host is malformed or the port is outside 1 to 65535
     */
    public LogdSender(String host, int port, String path) {
        this(builder().host(host).port(port).path(path));
    }

    private LogdSender(Builder b) {
        super(open(b));
        this.host = b.host;
        this.port = b.port;
        this.path = b.path == null || b.path.isEmpty() ? null : b.path;
        this.packer = new LogdPacker();
    }

    /** Checks for msgpack and the destination before anything is opened, then opens the transport. */
    private static UdpTransport open(Builder b) {
        requireMsgpack();
        UdpDestination destination = UdpDestination.of(Objects.requireNonNull(b.host, "host"), b.port);
        return new UdpTransport("LogdSender", List.of(destination), MAX_DATAGRAM, UdpTransport.Oversize.DROP,
            b.settings);
    }

    /** {@return a builder: host {@value #DEFAULT_HOST}, port {@value #DEFAULT_PORT}, no path (statistics only)} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds the sender from options {@code host} (default {@value #DEFAULT_HOST}), {@code port} (default
     * {@value #DEFAULT_PORT}) and {@code path} (default none: statistics only). A host name is resolved in the
     * background: one that does not resolve is not an error here. Delivery errors go to
     * {@link Options#errorHandler()}.
     *
     * @param options the options
     * @return the sender
     * @throws ConfigurationException if an option is invalid or msgpack-core is missing
     */
    public static LogdSender fromConfig(Options options) {
        options.bindPositional("host", "port", "path");
        String host = options.string("host", DEFAULT_HOST);
        int port = options.port("port", DEFAULT_PORT);
        String path = options.string("path", null);
        if (path != null && path.isEmpty()) {
            throw options.invalid("path", path, "a non-empty log path");
        }
        requireMsgpack();
        try {
            UdpDestination.of(host, port);
        } catch (IllegalArgumentException e) {
            throw options.invalid("host", host, "a host name or an IP address (" + e.getMessage() + ")");
        }
        return builder().host(host).port(port).path(path).errorHandler(options.errorHandler()).build();
    }

    static void requireMsgpack() {
        try {
            Class.forName("org.msgpack.core.MessagePack", false, LogdSender.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ConfigurationException("LogdSender needs msgpack-core on the class path: add the Maven"
                + " dependency " + MSGPACK_DEPENDENCY + " (metlog declares it optional)");
        }
    }

    /** {@return the logd host} */
    public String host() {
        return host;
    }

    /** {@return the logd port} */
    public int port() {
        return port;
    }

    /** {@return the log path that log messages go to, or null if this sender sends statistics only} */
    public String path() {
        return path;
    }

    /**
     * Sends one message as a logd datagram, or drops it (counted as filtered) if logd has no such message type.
     *
     * @param message the message
     * @throws IOException              if the sender is closed (a datagram that cannot be written is reported to
     *                                  the error handler and counted as failed, not thrown)
     * @throws IllegalArgumentException if a statistic has no name or a payload that is not a number
     */
    @Override
    public void send(Message message) throws IOException {
        if (transport.isClosed()) {
            counters.failed();
            throw new IOException("LogdSender is closed");
        }
        byte[] datagram;
        try {
            datagram = pack(message);
        } catch (Throwable e) { // counted once, then reported by the client
            counters.failed();
            throw e;
        }
        if (datagram == null) {
            counters.filtered();
            return;
        }
        transport.send(message, ByteBuffer.wrap(datagram)).count(counters, 1);
    }

    private byte[] pack(Message message) throws IOException {
        switch (message.type()) {
            case Message.TYPE_OLDSTYLE: {
                if (path == null) {
                    return null;
                }
                String[] parts = messageAndTrace(message);
                return packer.log(path, Severity.name(message.severity()), parts[0], message.logger(),
                    message.timestampMicros() / 1_000_000.0, message.pid(), parts[1]);
            }
            case Message.TYPE_COUNTER:
                return packer.stat(LogdPacker.COUNTER, StatFields.name(message), StatFields.number(message), false,
                    StatFields.rate(message));
            case Message.TYPE_TIMER:
                return packer.stat(LogdPacker.TIMER, StatFields.name(message), StatFields.number(message), true,
                    StatFields.rate(message));
            case Message.TYPE_GAUGE:
                return packer.stat(LogdPacker.GAUGE, StatFields.name(message), StatFields.number(message), false,
                    StatFields.rate(message));
            default:
                return null;
        }
    }

    /** {@return {msg, tb}: the {@code tb} field if present, else a Java trace split off the payload; tb may be null} */
    static String[] messageAndTrace(Message message) {
        Object tb = message.field("tb");
        if (tb != null) {
            return new String[] {message.payload(), tb.toString()};
        }
        return splitTrace(message.payload());
    }

    /**
     * Splits a payload into the text and a Java stack trace appended to it (as the client's log methods append
     * one after a newline).
     *
     * @param payload the payload
     * @return {text, trace}; trace is null (and text the whole payload) if there is no recognisable trace
     */
    static String[] splitTrace(String payload) {
        int at = payload.indexOf("\n\tat ");
        if (at < 0) {
            return new String[] {payload, null};
        }
        int lineEnd = at;
        while (true) {
            int lineStart = payload.lastIndexOf('\n', lineEnd - 1) + 1;
            if (TRACE_HEADER.matcher(payload.substring(lineStart, lineEnd)).matches()) {
                String text = lineStart == 0 ? "" : payload.substring(0, lineStart - 1);
                if (text.endsWith("\r")) {
                    text = text.substring(0, text.length() - 1);
                }
                return new String[] {text, payload.substring(lineStart)};
            }
            if (lineStart == 0) {
                return new String[] {payload, null};
            }
            lineEnd = lineStart - 1;
        }
    }

    /**
     * Asks logd to delete the log at {@code path} ({@code {id: 1000, path}}, pylogd's {@code delete_log}). Like
     * everything over UDP this is fire-and-forget: a failure goes to the error handler, never thrown.
     *
     * @param path the log path to delete, not null
     * @return true if the datagram was written to the socket
     */
    public boolean deleteLog(String path) {
        Objects.requireNonNull(path, "path");
        byte[] request;
        try {
            request = packer.deleteLog(path);
        } catch (IOException | RuntimeException e) {
            transport.report(DELETE_FAILED, null, e);
            return false;
        }
        return transport.send(null, ByteBuffer.wrap(request)) == UdpTransport.Outcome.SENT;
    }

    /** Reports what the error handler has held back. Never throws. */
    @Override
    public void flush() {
        transport.flush();
    }

    /** Closes the socket and stops the resolver; later messages are counted as failed. Never throws. */
    @Override
    public void close() {
        transport.close();
    }

    /**
     * Builds a {@link LogdSender}. Defaults: host {@value LogdSender#DEFAULT_HOST}, port
     * {@value LogdSender#DEFAULT_PORT}, no path (statistics only), errors to a new
     * {@link org.metlog.spi.ErrorHandlers#stderr()}. Not thread-safe.
     */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private String path;
        private final TransportSettings settings = new TransportSettings();

        private Builder() {
        }

        /**
         * @param host the logd host name or IP address, not null
         * @return this builder
         */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /**
         * @param port the logd UDP port, 1 to 65535 (checked by {@link #build()})
         * @return this builder
         */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * @param path the log ("file") that log messages go to on the logd server; null or "" for statistics only
         * @return this builder
         */
        public Builder path(String path) {
            this.path = path;
            return this;
        }

        /**
         * Sets where delivery errors (an unresolved host, failed or oversized datagrams) are reported.
         *
         * @param handler the handler, not null (default: a new {@link org.metlog.spi.ErrorHandlers#stderr()})
         * @return this builder
         */
        public Builder errorHandler(ErrorHandler handler) {
            settings.errorHandler(handler);
            return this;
        }

        /** {@return the transport settings, for tests to inject a lookup and a clock} */
        TransportSettings transport() {
            return settings;
        }

        /**
         * Opens the socket (and starts resolving a host name in the background). Never waits for DNS, and a host
         * name that does not resolve is not an error.
         *
         * @return the sender
         * @throws ConfigurationException   if msgpack-core is missing
         * @throws IllegalArgumentException if the host is malformed or the port is outside 1 to 65535
         */
        public LogdSender build() {
            return new LogdSender(this);
        }
    }
}
