package org.metlog.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.util.LinkedHashMap;
import java.util.Map;
import org.metlog.MetlogClient;
import org.metlog.internal.LoopGuard;

/**
 * A Logback appender that sends every event to metlog as an {@code oldstyle} message, like {@link MetlogHandler}
 * does for {@code java.util.logging}. Needs {@code logback-classic} (and so {@code slf4j-api}) on the class path;
 * the rest of metlog does not.
 *
 * <p>Each event becomes one message: payload the formatted message ({@code {}} placeholders applied) followed by a
 * newline and the stack trace when the event has a throwable; severity ERROR 3, WARN 4, INFO 6, DEBUG and TRACE 7;
 * fields {@value MetlogHandler#FIELD_LOGGER_NAME} (the event's logger name) and
 * {@value MetlogHandler#FIELD_LOGLEVEL} (the level's name). The envelope's {@code logger} stays the client's.
 *
 * <pre>{@code
 * <appender name="METLOG" class="org.metlog.logging.MetlogAppender">
 *   <clientName>myapp</clientName>
 * </appender>
 * <root level="INFO">
 *   <appender-ref ref="METLOG"/>
 * </root>
 * }</pre>
 *
 * <p>{@code clientName} names a {@link org.metlog.ClientHolder} client, looked up at every event so that Logback
 * may start before metlog is configured; without it the holder's default client is used. Events logged while the
 * holder has no such client are dropped (reported once on stderr). Events from loggers under {@code org.metlog}
 * and events logged while metlog is delivering on the same thread ({@link LoopGuard}) are ignored, so metlog never
 * loops into itself. Thread-safe: the client is.
 */
public final class MetlogAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    private volatile ClientRef ref = ClientRef.named(null);

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
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (event == null || LoopGuard.isActive() || Levels.isMetlogLogger(event.getLoggerName())) {
            return;
        }
        boolean outer = LoopGuard.enter();
        try {
            MetlogClient client = ref.resolve(getName() == null ? "MetlogAppender" : "MetlogAppender " + getName());
            if (client == null) {
                return;
            }
            String payload = event.getFormattedMessage();
            if (payload == null) {
                payload = "";
            }
            IThrowableProxy thrown = event.getThrowableProxy();
            if (thrown != null) {
                String trace = ThrowableProxyUtil.asString(thrown);
                if (trace.endsWith(CoreConstants.LINE_SEPARATOR)) {
                    trace = trace.substring(0, trace.length() - CoreConstants.LINE_SEPARATOR.length());
                }
                payload = payload + "\n" + trace;
            }
            Map<String, Object> fields = new LinkedHashMap<>(4);
            fields.put(MetlogHandler.FIELD_LOGGER_NAME, event.getLoggerName() == null ? "" : event.getLoggerName());
            fields.put(MetlogHandler.FIELD_LOGLEVEL, event.getLevel() == null ? "" : event.getLevel().toString());
            int severity = Levels.logbackSeverity(event.getLevel() == null ? 20_000 : event.getLevel().toInt());
            client.metlog(MetlogClient.TYPE_OLDSTYLE, null, severity, payload, fields);
        } catch (RuntimeException e) {
            addError("sending a log event to metlog failed", e);
        } finally {
            LoopGuard.exit(outer);
        }
    }
}
