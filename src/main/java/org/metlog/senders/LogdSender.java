package org.metlog.senders;
import org.metlog.spi.Sender;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Objects;
import java.util.regex.Pattern;
import org.metlog.message.DeliveryStats;
import org.metlog.message.Message;
import org.metlog.MetlogClient;
import org.metlog.message.Severity;
import org.metlog.spi.ConfigurationException;
import org.metlog.spi.Options;
import org.metlog.spi.DeliveryCounters;
import org.metlog.internal.Diagnostics;

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
 */
public final class LogdSender implements Sender {
    /** logd's default port. */
    public static final int DEFAULT_PORT = 8126;
    /** The default host. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** The largest UDP payload over IPv4. */
    public static final int MAX_DATAGRAM = 65_507;
    /** The Maven coordinates of the msgpack dependency this sender needs. */
    public static final String MSGPACK_DEPENDENCY = "org.msgpack:msgpack-core:0.9.8";

    /** A line that starts a Java stack trace: a qualified class name, optionally ": message". */
    private static final Pattern TRACE_HEADER =
        Pattern.compile("(?:[A-Za-z_$][\\w$]*\\.)+[A-Za-z_$][\\w$]*(?::.*)?\\r?");

    private final String host;
    private final int port;
    private final String path;
    private final InetSocketAddress target;
    private final DatagramChannel channel;
    private final LogdPacker packer;
    private final DeliveryCounters counters = new DeliveryCounters();
    private volatile boolean closed;

    /**
     * Creates a sender of statistics only: log messages are dropped (counted as filtered).
     *
     * @param host the logd host
     * @param port the logd UDP port, 1 to 65535
     * @throws ConfigurationException if msgpack-core is missing, the host cannot be resolved or no socket can
     *                                be opened
     */
    public LogdSender(String host, int port) {
        this(host, port, null);
    }

    /**
     * Creates a sender of statistics and log messages.
     *
     * @param host the logd host
     * @param port the logd UDP port, 1 to 65535
     * @param path the log ("file") that log messages go to on the logd server; null for statistics only
     * @throws ConfigurationException   if msgpack-core is missing, the host cannot be resolved or no socket can
     *                                  be opened
     * @throws IllegalArgumentException if the port is outside 1 to 65535
     */
    public LogdSender(String host, int port, String path) {
        requireMsgpack();
        this.host = Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is out of range: expected 1 to 65535");
        }
        this.port = port;
        this.path = path == null || path.isEmpty() ? null : path;
        this.target = new InetSocketAddress(host, port);
        if (target.isUnresolved()) {
            throw new ConfigurationException("LogdSender: cannot resolve host '" + host + "'");
        }
        try {
            this.channel = DatagramChannel.open();
            channel.configureBlocking(false);
        } catch (IOException e) {
            throw new ConfigurationException("LogdSender: cannot open a UDP socket: " + e, e);
        }
        this.packer = new LogdPacker();
    }

    /**
     * Builds the sender from options {@code host} (default {@value #DEFAULT_HOST}), {@code port} (default
     * {@value #DEFAULT_PORT}) and {@code path} (default none: statistics only).
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
        if (new InetSocketAddress(host, port).isUnresolved()) {
            throw options.invalid("host", host, "a host name that resolves");
        }
        return new LogdSender(host, port, path);
    }

    static void requireMsgpack() {
        try {
            Class.forName("org.msgpack.core.MessagePack", false, LogdSender.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ConfigurationException("LogdSender needs msgpack-core on the class path: add the Maven"
                + " dependency " + MSGPACK_DEPENDENCY + " (metlog declares it optional)");
        }
    }

    /** @return the logd host */
    public String host() {
        return host;
    }

    /** @return the logd port */
    public int port() {
        return port;
    }

    /** @return the log path that log messages go to, or null if this sender sends statistics only */
    public String path() {
        return path;
    }

    /**
     * Sends one message as a logd datagram, or drops it (counted as filtered) if logd has no such message type.
     *
     * @param message the message
     * @throws IOException              if the sender is closed or the datagram could not be written
     * @throws IllegalArgumentException if a statistic has no name or a payload that is not a number
     */
    @Override
    public void send(Message message) throws IOException {
        if (closed) {
            counters.failed();
            throw new IOException("LogdSender is closed");
        }
        byte[] datagram;
        try {
            datagram = pack(message);
        } catch (IOException | RuntimeException e) {
            counters.failed();
            throw e;
        }
        if (datagram == null) {
            counters.filtered();
            return;
        }
        if (datagram.length > MAX_DATAGRAM) {
            counters.droppedTooLarge();
            Diagnostics.warn("LogdSender dropped a " + message.type() + " message of " + datagram.length
                + " bytes: more than a UDP datagram holds (" + MAX_DATAGRAM + ")");
            return;
        }
        write(datagram);
    }

    private byte[] pack(Message message) throws IOException {
        switch (message.type()) {
            case MetlogClient.TYPE_OLDSTYLE: {
                if (path == null) {
                    return null;
                }
                String[] parts = messageAndTrace(message);
                return packer.log(path, Severity.name(message.severity()), parts[0], message.logger(),
                    message.timestampMicros() / 1_000_000.0, message.pid(), parts[1]);
            }
            case MetlogClient.TYPE_COUNTER:
                return packer.stat(LogdPacker.COUNTER, StatFields.name(message), StatFields.number(message), false,
                    StatFields.rate(message));
            case MetlogClient.TYPE_TIMER:
                return packer.stat(LogdPacker.TIMER, StatFields.name(message), StatFields.number(message), true,
                    StatFields.rate(message));
            case MetlogClient.TYPE_GAUGE:
                return packer.stat(LogdPacker.GAUGE, StatFields.name(message), StatFields.number(message), false,
                    StatFields.rate(message));
            default:
                return null;
        }
    }

    /** @return {msg, tb}: the {@code tb} field if present, else a Java trace split off the payload; tb may be null */
    static String[] messageAndTrace(Message message) {
        Object tb = message.field("tb");
        if (tb != null) {
            return new String[] {message.payload(), tb.toString()};
        }
        return splitTrace(message.payload());
    }

    /**
     * Splits a payload into the text and a Java stack trace appended to it (as {@link MetlogClient#log} appends
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
     * everything over UDP this is fire-and-forget: a failure is reported on stderr, never thrown.
     *
     * @param path the log path to delete, not null
     * @return true if the datagram was written to the socket
     */
    public boolean deleteLog(String path) {
        Objects.requireNonNull(path, "path");
        if (closed) {
            Diagnostics.warn("LogdSender is closed: delete of log '" + path + "' not sent");
            return false;
        }
        try {
            return channel.send(ByteBuffer.wrap(packer.deleteLog(path)), target) > 0;
        } catch (IOException | RuntimeException e) {
            Diagnostics.warn("LogdSender could not send the delete of log '" + path + "'", e);
            return false;
        }
    }

    private void write(byte[] datagram) throws IOException {
        int written;
        try {
            written = channel.send(ByteBuffer.wrap(datagram), target);
        } catch (IOException | RuntimeException e) {
            counters.failed();
            throw e;
        }
        if (written == 0) {
            counters.droppedQueueFull(); // the socket's send buffer is full; UDP drops rather than waits
        } else {
            counters.sent();
        }
    }

    @Override
    public DeliveryStats stats() {
        return counters.snapshot();
    }

    /** Closes the socket; later messages are counted as failed. Never throws. */
    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            // nothing left to lose
        }
    }
}
