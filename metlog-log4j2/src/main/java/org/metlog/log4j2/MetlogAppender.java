package org.metlog.log4j2;

import java.util.Objects;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderFactory;
import org.metlog.MetlogClient;
import org.metlog.logging.LogBridge;
import org.metlog.logging.LogContext;

/**
 * A Log4j2 appender that sends every event to metlog as an {@code oldstyle} message, like the library's Logback
 * appender ({@link org.metlog.logging.MetlogAppender}) and JUL handler do; the {@code <Metlog>} element of
 * {@code log4j2.xml}:
 *
 * <pre>{@code
 * <Appenders>
 *   <Metlog name="METLOG" client="myapp"/>
 * </Appenders>
 * }</pre>
 *
 * <p>Each event becomes one message: payload the formatted message, then a newline and the stack trace when the
 * event has a throwable; severity FATAL 2, ERROR 3, WARN 4, INFO 6, DEBUG and TRACE 7
 * ({@link org.metlog.logging.LogLevels#log4j2}); fields {@value LogContext#FIELD_LOGLEVEL} and, as the
 * attributes below say, {@value LogContext#FIELD_LOGGER_NAME}, {@value LogContext#FIELD_THREAD}, the event's
 * context data (the ThreadContext map) and {@value LogContext#FIELD_MARKERS} (the marker's name). The envelope's
 * {@code logger} stays the client's.
 *
 * <p>Attributes: {@code name} (required); {@code client}, a {@link org.metlog.ClientHolder} name looked up at every
 * event, so that Log4j2 may start before metlog is configured (absent: the holder's default client; events logged
 * while the holder has no such client are dropped, reported once on stderr); {@code mdc} ({@code true}, the
 * default, {@code false} or a comma-separated list of keys), {@code markers}, {@code threadName} and
 * {@code loggerName} ({@code true}, the default, or {@code false}), as {@link LogContext} reads them; and
 * Log4j2's {@code <Filter>}. A bad value fails the appender's creation with a message naming the attribute, its
 * value and what was expected, in Log4j2's status log.
 *
 * <p>Never throws into the application, whatever {@code ignoreExceptions} says: a failure goes to the appender's
 * error handler. Events from loggers under {@code org.metlog}, and events logged while metlog is delivering on
 * the same thread (by any bridge), are dropped ({@link LogBridge}), so metlog never loops into itself.
 * Thread-safe.
 */
@Plugin(name = MetlogAppender.PLUGIN_NAME, category = Core.CATEGORY_NAME, elementType = Appender.ELEMENT_TYPE,
    printObject = true)
public final class MetlogAppender extends AbstractAppender {
    /** The element name in {@code log4j2.xml}. */
    public static final String PLUGIN_NAME = "Metlog";

    private final LogBridge<LogEvent> bridge;

    private MetlogAppender(String name, Filter filter, Property[] properties, LogBridge.Builder<LogEvent> bridge) {
        super(name, filter, null, true, properties);
        this.bridge = bridge.onError((problem, e) -> error(problem, e)).build();
    }

    /**
     * {@return a builder; Log4j2 calls this for a {@code <Metlog>} element}
     */
    @PluginBuilderFactory
    public static Builder newBuilder() {
        return new Builder();
    }

    /**
     * Sends the event to metlog. Never throws.
     *
     * @param event the event
     */
    @Override
    public void append(LogEvent event) {
        bridge.forward(event);
    }

    /** {@return the ClientHolder name looked up, or null for a given client or the holder's default} */
    public String clientName() {
        return bridge.clientName();
    }

    /** {@return which context becomes fields} */
    public LogContext logContext() {
        return bridge.context();
    }

    @Override
    public String toString() {
        return "MetlogAppender[" + getName() + ", " + bridge + "]";
    }

    /** Builds a {@link MetlogAppender} from the {@code <Metlog>} element's attributes, or in code. Not thread-safe. */
    public static final class Builder extends AbstractAppender.Builder<Builder>
        implements org.apache.logging.log4j.core.util.Builder<MetlogAppender> {
        @PluginBuilderAttribute
        private String client;
        @PluginBuilderAttribute
        private String mdc;
        @PluginBuilderAttribute
        private String markers;
        @PluginBuilderAttribute
        private String threadName;
        @PluginBuilderAttribute
        private String loggerName;
        private MetlogClient metlogClient;

        private Builder() {
        }

        /**
         * Sends to the ClientHolder client of this name (attribute {@code client}).
         *
         * @param client the holder name; null or blank means the holder's default client
         * @return this builder
         */
        public Builder setClient(String client) {
            this.client = client;
            this.metlogClient = null;
            return this;
        }

        /**
         * Sends to this client instead of a ClientHolder client; for code that configures Log4j2 by hand.
         *
         * @param client the client, not null
         * @return this builder
         */
        public Builder setMetlogClient(MetlogClient client) {
            this.metlogClient = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * Sets which context data entries become fields (attribute {@code mdc}).
         *
         * @param mdc {@code true}, {@code false} or a comma-separated list of keys
         * @return this builder
         */
        public Builder setMdc(String mdc) {
            this.mdc = mdc;
            return this;
        }

        /**
         * Sets whether the {@value LogContext#FIELD_MARKERS} field is set (attribute {@code markers}).
         *
         * @param markers {@code true} or {@code false}
         * @return this builder
         */
        public Builder setMarkers(String markers) {
            this.markers = markers;
            return this;
        }

        /**
         * Sets whether the {@value LogContext#FIELD_THREAD} field is set (attribute {@code threadName}).
         *
         * @param threadName {@code true} or {@code false}
         * @return this builder
         */
        public Builder setThreadName(String threadName) {
            this.threadName = threadName;
            return this;
        }

        /**
         * Sets whether the {@value LogContext#FIELD_LOGGER_NAME} field is set (attribute {@code loggerName}).
         *
         * @param loggerName {@code true} or {@code false}
         * @return this builder
         */
        public Builder setLoggerName(String loggerName) {
            this.loggerName = loggerName;
            return this;
        }

        /**
         * {@return the appender}
         *
         * @throws org.metlog.spi.InvalidOptionException if an attribute has a value it does not take; the message
         *                                               names the appender, the attribute, the value and what was
         *                                               expected
         */
        @Override
        public MetlogAppender build() {
            String owner = "Metlog appender '" + getName() + "'";
            LogContext context = LogContext.builder().option(owner, "mdc", mdc).option(owner, "markers", markers)
                .option(owner, "threadName", threadName).option(owner, "loggerName", loggerName).build();
            LogBridge.Builder<LogEvent> bridge = LogBridge.builder(Log4j2Reader.INSTANCE).context(context)
                .owner(owner);
            if (metlogClient != null) {
                bridge.client(metlogClient);
            } else {
                bridge.clientName(client);
            }
            return new MetlogAppender(getName(), getFilter(), getPropertyArray(), bridge);
        }
    }
}
