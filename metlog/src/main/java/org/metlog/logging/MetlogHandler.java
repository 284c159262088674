package org.metlog.logging;

import java.util.logging.ErrorManager;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import org.metlog.MetlogClient;
import org.metlog.spi.ConfigurationException;

/**
 * A {@code java.util.logging} handler that sends every record it accepts to metlog as an {@code oldstyle} message
 * (metlog-py's {@code MetlogHandler} for the standard {@code logging} module).
 *
 * <p>Each record becomes one message:
 * <ul>
 *   <li>payload: the record's message with its parameters applied as {@link Formatter#formatMessage} does
 *       ({@code {0}}-style, after resource-bundle localisation), followed by a newline and the stack trace
 *       ({@link MetlogClient#stackTrace}) when the record has a Throwable. A formatter set with
 *       {@link #setFormatter} replaces this rendering: its {@code format(record)} becomes the payload;</li>
 *   <li>severity by {@link Level#intValue()}: SEVERE (and above) 3, WARNING 4, INFO 6, CONFIG 5, FINE, FINER and
 *       FINEST 7; a custom level takes the severity of the nearest standard level at or below it
 *       ({@link LogLevels#jul});</li>
 *   <li>fields {@value #FIELD_LOGLEVEL} (the level's name) and, unless {@link LogContext} turns them off,
 *       {@value #FIELD_LOGGER_NAME} (the record's logger name, "" for none) and {@value LogContext#FIELD_THREAD}
 *       (the name of the publishing thread when the record was logged on it, else {@code #} and the record's
 *       thread id: JUL records carry no thread name); the envelope's {@code logger} stays the client's.</li>
 * </ul>
 *
 * <p>The client is either given, or a {@link org.metlog.ClientHolder} client looked up by name (or the holder's
 * default client) at every record, so the handler can be installed before configuration runs; records published
 * while the holder has no such client are dropped, and the first such drop is reported once on stderr.
 *
 * <p>No loops: records from loggers named {@code org.metlog} or {@code org.metlog.*} are ignored, and so is every
 * record published while metlog itself is delivering on that thread or logging through
 * {@link org.metlog.senders.StdLibLoggingSender} ({@link LogBridge}); so a sender that logs, or a logging sender
 * writing to the logger this handler is hooked on, never feeds a message back into metlog.
 *
 * <p>Configurable from {@code logging.properties} through the no-argument constructor:
 * <pre>
 * handlers = org.metlog.logging.MetlogHandler
 * org.metlog.logging.MetlogHandler.client = myapp
 * org.metlog.logging.MetlogHandler.level = INFO
 * # optional, true by default
 * org.metlog.logging.MetlogHandler.threadName = false
 * org.metlog.logging.MetlogHandler.loggerName = true
 * </pre>
 *
 * <p>Thread-safe; {@link #publish} never throws (a failure goes to the {@link ErrorManager}) and blocks only as
 * long as the client's sender does. {@link #close()} stops publishing but does not close the client.
 */
public final class MetlogHandler extends Handler {
    /** Field holding the record's JUL logger name. */
    public static final String FIELD_LOGGER_NAME = LogContext.FIELD_LOGGER_NAME;
    /** Field holding the record's level name, such as {@code WARNING}. */
    public static final String FIELD_LOGLEVEL = LogContext.FIELD_LOGLEVEL;
    private static final String PREFIX = MetlogHandler.class.getName();

    private final ClientRef ref;
    private volatile LogBridge<LogRecord> bridge;
    private volatile boolean closed;

    /**
     * Creates a handler configured from the {@link LogManager} properties
     * {@code org.metlog.logging.MetlogHandler.client} (a ClientHolder name; absent means the holder's default client), {@code .level} (default ALL),
     * {@code .threadName} and {@code .loggerName} ({@code true} or {@code false}, default true). A bad value is
     * reported to the {@link ErrorManager} (stderr), naming the property, and that setting keeps its default. For
     * {@code logging.properties}; code should prefer {@link #MetlogHandler(MetlogClient)} or {@link #named(String)}.
     */
    public MetlogHandler() {
        this(ClientRef.named(LogManager.getLogManager().getProperty(PREFIX + ".client")));
        String level = LogManager.getLogManager().getProperty(PREFIX + ".level");
        if (level != null && !level.isBlank()) {
            try {
                setLevel(Level.parse(level.trim()));
            } catch (IllegalArgumentException e) {
                reportError("bad level '" + level + "' for " + PREFIX + ".level", e, ErrorManager.GENERIC_FAILURE);
            }
        }
        LogContext.Builder context = LogContext.builder();
        for (String option : new String[] {"threadName", "loggerName"}) {
            try {
                context.option(PREFIX, option, LogManager.getLogManager().getProperty(PREFIX + "." + option));
            } catch (ConfigurationException e) {
                reportError(e.getMessage(), e, ErrorManager.GENERIC_FAILURE);
            }
        }
        setLogContext(context.build());
    }

    /**
     * Creates a handler that sends to {@code client}.
     *
     * @param client the client, not null
     */
    public MetlogHandler(MetlogClient client) {
        this(ClientRef.of(client));
    }

    private MetlogHandler(ClientRef ref) {
        this.ref = ref;
        setLevel(Level.ALL);
        setFormatter(new MessageFormatter());
        setLogContext(LogContext.defaults());
    }

    /**
     * Creates a handler that sends to the {@link org.metlog.ClientHolder} client of this name, looked up at every
     * record.
     *
     * @param clientName the holder name; null or blank means the holder's default client
     * @return the handler
     */
    public static MetlogHandler named(String clientName) {
        return new MetlogHandler(ClientRef.named(clientName));
    }

    /** {@return the client given at construction, or null if the handler looks one up in the ClientHolder} */
    public MetlogClient client() {
        return ref.fixed();
    }

    /** {@return the ClientHolder name looked up, or null for a given client or the holder's default} */
    public String clientName() {
        return ref.name();
    }

    /**
     * Sets which of the record's context becomes fields; JUL records have a thread and a logger name, and no MDC,
     * key-value pairs or markers.
     *
     * @param context the policy, not null
     */
    public void setLogContext(LogContext context) {
        LogBridge.Builder<LogRecord> b = LogBridge.builder(new RecordReader()).context(context)
            .owner(getClass().getSimpleName())
            .onError((problem, e) -> reportError(problem, e, ErrorManager.WRITE_FAILURE));
        bridge = b.ref(ref).build();
    }

    /** {@return which of the record's context becomes fields} */
    public LogContext logContext() {
        return bridge.context();
    }

    /**
     * Sends the record to metlog if it passes this handler's level and filter. Never throws.
     *
     * @param record the record; null is ignored
     */
    @Override
    public void publish(LogRecord record) {
        if (record != null && !closed && isLoggable(record)) {
            bridge.forward(record);
        }
    }

    /** Flushes the client's sender, if there is a client now. Never throws. */
    @Override
    public void flush() {
        MetlogClient client = ref.peek();
        if (client != null) {
            client.flush();
        }
    }

    /** Stops publishing. The client is not closed: it belongs to the application. */
    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return "MetlogHandler[" + ref + "]";
    }

    /** Reads JUL records; the payload is this handler's formatter's rendering. */
    private final class RecordReader implements LogEventReader<LogRecord> {
        @Override
        public String loggerName(LogRecord record) {
            return record.getLoggerName();
        }

        @Override
        public String levelName(LogRecord record) {
            return record.getLevel() == null ? null : record.getLevel().getName();
        }

        @Override
        public int severity(LogRecord record) {
            return LogLevels.jul(record.getLevel());
        }

        @Override
        public String payload(LogRecord record) {
            return getFormatter().format(record);
        }

        /** The current thread's name if the record was logged on it (the usual case), else "#" and its id. */
        @Override
        public String threadName(LogRecord record) {
            Thread current = Thread.currentThread();
            return record.getLongThreadID() == current.getId() ? current.getName() : "#" + record.getLongThreadID();
        }
    }

    /**
     * The default rendering: {@link Formatter#formatMessage} plus the stack trace of the record's Throwable.
     */
    static final class MessageFormatter extends Formatter {
        @Override
        public String format(LogRecord record) {
            String text = formatMessage(record);
            Throwable thrown = record.getThrown();
            return thrown == null ? text : text + "\n" + MetlogClient.stackTrace(thrown);
        }
    }
}
