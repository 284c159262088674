package org.metlog.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.util.LinkedHashMap;
import java.util.Map;
import org.metlog.MetlogClient;
import org.metlog.spi.ConfigurationException;

/**
 * A Logback appender that sends every event to metlog as an {@code oldstyle} message, like {@link MetlogHandler}
 * does for {@code java.util.logging}. Needs {@code logback-classic} (and so {@code slf4j-api}) on the class path;
 * the rest of metlog does not.
 *
 * <p>Each event becomes one message: payload the formatted message ({@code {}} placeholders applied) followed by a
 * newline and the stack trace when the event has a throwable; severity ERROR 3, WARN 4, INFO 6, DEBUG and TRACE 7
 * ({@link LogLevels#logback}); fields {@value LogContext#FIELD_LOGLEVEL} (the level's name) and, as
 * {@link LogContext} says (by default all of them), {@value LogContext#FIELD_LOGGER_NAME}, {@value
 * LogContext#FIELD_THREAD}, the MDC entries, the SLF4J 2 key-value pairs and {@value LogContext#FIELD_MARKERS}.
 * The envelope's {@code logger} stays the client's.
 *
 * <pre>{@code
 * <appender name="METLOG" class="org.metlog.logging.MetlogAppender">
 *   <clientName>myapp</clientName>
 *   <mdc>trace_id,span_id</mdc>          <!-- optional: true (default), false or the keys to copy -->
 *   <threadName>false</threadName>       <!-- optional, like keyValues, markers and loggerName -->
 * </appender>
 * <root level="INFO">
 *   <appender-ref ref="METLOG"/>
 * </root>
 * }</pre>
 *
 * <p>{@code clientName} names a {@link org.metlog.ClientHolder} client, looked up at every event so that Logback
 * may start before metlog is configured; without it the holder's default client is used. Events logged while the
 * holder has no such client are dropped (reported once on stderr). A bad context option keeps the appender from
 * starting, with an error naming the option, its value and what was expected in Logback's status. Events from
 * loggers under {@code org.metlog} and events logged while metlog is delivering on the same thread are ignored
 * ({@link LogBridge}), so metlog never loops into itself. Thread-safe: the client is.
 */
public final class MetlogAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    private final Map<String, String> contextOptions = new LinkedHashMap<>();
    private volatile ClientRef ref = ClientRef.named(null);
    private volatile LogContext logContext = LogContext.defaults();
    private volatile LogBridge<ILoggingEvent> bridge;

    /** Creates an appender for the ClientHolder's default client; Logback calls this. */
    public MetlogAppender() {
    }

    /**
     * Sets the {@link org.metlog.ClientHolder} client to send to ({@code <clientName>} in logback.xml).
     *
     * @param clientName the holder name; null or blank means the holder's default client
     */
    public void setClientName(String clientName) {
        this.ref = ClientRef.named(clientName);
        rebuildIfStarted();
    }

    /** {@return the ClientHolder name, or null for the holder's default client} */
    public String getClientName() {
        return ref.name();
    }

    /**
     * Sends to this client instead of a ClientHolder client; for code that builds Logback by hand.
     *
     * @param client the client, not null
     */
    public void setClient(MetlogClient client) {
        this.ref = ClientRef.of(client);
        rebuildIfStarted();
    }

    /**
     * Sets which MDC entries become fields ({@code <mdc>}): {@code true} (the default) all, {@code false} none,
     * or a comma-separated list of keys. Checked by {@link #start()}.
     *
     * @param mdc the option's text
     */
    public void setMdc(String mdc) {
        contextOptions.put("mdc", mdc);
    }

    /**
     * Sets whether SLF4J 2 key-value pairs become fields ({@code <keyValues>}, {@code true} or {@code false};
     * default true). Checked by {@link #start()}.
     *
     * @param keyValues the option's text
     */
    public void setKeyValues(String keyValues) {
        contextOptions.put("keyValues", keyValues);
    }

    /**
     * Sets whether the {@value LogContext#FIELD_MARKERS} field is set ({@code <markers>}, {@code true} or
     * {@code false}; default true). Checked by {@link #start()}.
     *
     * @param markers the option's text
     */
    public void setMarkers(String markers) {
        contextOptions.put("markers", markers);
    }

    /**
     * Sets whether the {@value LogContext#FIELD_THREAD} field is set ({@code <threadName>}, {@code true} or
     * {@code false}; default true). Checked by {@link #start()}.
     *
     * @param threadName the option's text
     */
    public void setThreadName(String threadName) {
        contextOptions.put("threadName", threadName);
    }

    /**
     * Sets whether the {@value LogContext#FIELD_LOGGER_NAME} field is set ({@code <loggerName>}, {@code true} or
     * {@code false}; default true). Checked by {@link #start()}.
     *
     * @param loggerName the option's text
     */
    public void setLoggerName(String loggerName) {
        contextOptions.put("loggerName", loggerName);
    }

    /** {@return which context becomes fields; final once the appender has started} */
    public LogContext getLogContext() {
        return logContext;
    }

    /** Checks the context options and starts; with a bad one, reports it in Logback's status and stays stopped. */
    @Override
    public void start() {
        LogContext.Builder context = LogContext.builder();
        try {
            contextOptions.forEach((name, value) -> context.option(owner(), name, value));
        } catch (ConfigurationException e) {
            addError(e.getMessage());
            return;
        }
        logContext = context.build();
        bridge = newBridge();
        super.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        LogBridge<ILoggingEvent> current = bridge;
        if (current != null) {
            current.forward(event);
        }
    }

    private void rebuildIfStarted() {
        if (bridge != null) {
            bridge = newBridge();
        }
    }

    private LogBridge<ILoggingEvent> newBridge() {
        return LogBridge.builder(LogbackReader.INSTANCE).ref(ref).context(logContext).owner(owner())
            .onError(this::addError).build();
    }

    private String owner() {
        return getName() == null ? "MetlogAppender" : "MetlogAppender " + getName();
    }
}
