package org.metlog.logging;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import org.metlog.MetlogClient;
import org.metlog.internal.Diagnostics;
import org.metlog.internal.LoopGuard;

/**
 * The path of one log event into metlog, shared by every bridge ({@link MetlogHandler}, {@link MetlogAppender},
 * {@code org.metlog.log4j2.MetlogAppender}): a bridge for another framework needs only a {@link LogEventReader}.
 *
 * <p>{@link #forward} turns an event into one {@code oldstyle} message: payload and severity from the reader
 * (see {@link LogLevels}), the envelope's {@code logger} the client's own, fields as {@link LogContext} says. It
 * drops events from loggers named {@code org.metlog} or {@code org.metlog.*}, and every event handed to any bridge
 * while metlog is delivering on the same thread (a sender that logs, a logging sender's output reaching a bridge),
 * so metlog never loops into itself.
 *
 * <pre>{@code
 * LogBridge<MyEvent> bridge = LogBridge.builder(new MyEventReader())
 *     .clientName("myapp")                        // a ClientHolder client, looked up at every event
 *     .context(LogContext.builder().mdcKeys(List.of("trace_id")).build())
 *     .onError((problem, e) -> myFramework.reportError(problem, e))
 *     .build();
 * bridge.forward(event);                          // never throws
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param <E> the framework's event type
 */
public final class LogBridge<E> {
    private static final String METLOG_PACKAGE = "org.metlog";

    private final LogEventReader<E> reader;
    private final ClientRef ref;
    private final LogContext context;
    private final String owner;
    private final BiConsumer<String, RuntimeException> onError;

    private LogBridge(Builder<E> b) {
        this.reader = b.reader;
        this.ref = b.ref;
        this.context = b.context;
        this.owner = b.owner;
        String name = b.owner;
        this.onError = b.onError != null ? b.onError : (problem, e) -> Diagnostics.warn(name + ": " + problem, e);
    }

    /**
     * Starts a bridge for the holder's default client, the default {@link LogContext} and errors reported on
     * stderr.
     *
     * @param reader reads the framework's events, not null
     * @param <E>    the framework's event type
     * @return the builder
     */
    public static <E> Builder<E> builder(LogEventReader<E> reader) {
        return new Builder<>(Objects.requireNonNull(reader, "reader"));
    }

    /**
     * Sends the event to the client as one message, unless it comes from metlog's own loggers or is logged while
     * metlog is delivering on this thread. Events handed over while the holder has no such client are dropped;
     * the first such drop is reported once on stderr. Never throws: a failure (of the reader, or a programming
     * error the client rejects) goes to the error callback. Blocks only as long as the client's sender does.
     *
     * @param event the event; null is ignored
     */
    public void forward(E event) {
        if (event == null || LoopGuard.isActive()) {
            return;
        }
        boolean outer = LoopGuard.enter();
        try {
            String loggerName = reader.loggerName(event);
            if (isMetlogLogger(loggerName)) {
                return;
            }
            MetlogClient client = ref.resolve(owner);
            if (client == null) {
                return;
            }
            client.metlog(MetlogClient.TYPE_OLDSTYLE, null, reader.severity(event), reader.payload(event),
                fields(event, loggerName));
        } catch (RuntimeException e) {
            onError.accept("sending a log event to metlog failed", e);
        } finally {
            LoopGuard.exit(outer);
        }
    }

    private Map<String, Object> fields(E event, String loggerName) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (context.loggerName()) {
            fields.put(LogContext.FIELD_LOGGER_NAME, loggerName == null ? "" : loggerName);
        }
        String level = reader.levelName(event);
        fields.put(LogContext.FIELD_LOGLEVEL, level == null ? "" : level);
        if (context.threadName()) {
            String thread = reader.threadName(event);
            fields.put(LogContext.FIELD_THREAD, thread == null ? "" : thread);
        }
        ContextFields collector = new ContextFields(fields, context);
        if (context.keyValues()) {
            reader.keyValues(event, collector);
        }
        if (context.copiesMdc()) {
            collector.mdcFollows();
            reader.mdc(event, collector);
        }
        if (context.markers()) {
            reader.markers(event, collector);
            collector.finish();
        }
        return fields;
    }

    /** {@return the client given to the builder, or null if the bridge looks one up in the ClientHolder} */
    public MetlogClient client() {
        return ref.fixed();
    }

    /** {@return the ClientHolder name looked up, or null for a given client or the holder's default} */
    public String clientName() {
        return ref.name();
    }

    /** {@return the client events would go to now, without any diagnostic; null if the holder has none} */
    public MetlogClient currentClient() {
        return ref.peek();
    }

    /** {@return which context becomes fields} */
    public LogContext context() {
        return context;
    }

    /**
     * Tells whether a logger is one of metlog's own, whose events never enter metlog.
     *
     * @param name a logger name; may be null
     * @return true for {@code org.metlog} and {@code org.metlog.*}
     */
    public static boolean isMetlogLogger(String name) {
        return name != null && name.startsWith(METLOG_PACKAGE) && (name.length() == METLOG_PACKAGE.length()
            || name.charAt(METLOG_PACKAGE.length()) == '.');
    }

    @Override
    public String toString() {
        return owner + "[" + ref + ", " + context + "]";
    }

    /**
     * Builds a {@link LogBridge}. Not thread-safe.
     *
     * @param <E> the framework's event type
     */
    public static final class Builder<E> {
        private final LogEventReader<E> reader;
        private ClientRef ref = ClientRef.named(null);
        private LogContext context = LogContext.defaults();
        private String owner = "LogBridge";
        private BiConsumer<String, RuntimeException> onError;

        private Builder(LogEventReader<E> reader) {
            this.reader = reader;
        }

        /**
         * Sends to this client.
         *
         * @param client the client, not null
         * @return this builder
         */
        public Builder<E> client(MetlogClient client) {
            this.ref = ClientRef.of(client);
            return this;
        }

        /**
         * Sends to the {@link org.metlog.ClientHolder} client of this name, looked up at every event (never
         * created), so the bridge may exist before configuration registers the client.
         *
         * @param clientName the holder name; null or blank means the holder's default client
         * @return this builder
         */
        public Builder<E> clientName(String clientName) {
            this.ref = ClientRef.named(clientName);
            return this;
        }

        Builder<E> ref(ClientRef ref) {
            this.ref = ref;
            return this;
        }

        /**
         * Sets which context becomes fields; the default is {@link LogContext#defaults()}.
         *
         * @param context the policy, not null
         * @return this builder
         */
        public Builder<E> context(LogContext context) {
            this.context = Objects.requireNonNull(context, "context");
            return this;
        }

        /**
         * Names the bridge in diagnostics, such as {@code "MetlogAppender METLOG"}; the default is
         * {@code "LogBridge"}.
         *
         * @param owner the name, not null
         * @return this builder
         */
        public Builder<E> owner(String owner) {
            this.owner = Objects.requireNonNull(owner, "owner");
            return this;
        }

        /**
         * Sets where failures of {@link #forward} go, usually the framework's own error reporting; the default
         * prints a line on stderr.
         *
         * @param onError takes a description of the problem and the exception; must not throw
         * @return this builder
         */
        public Builder<E> onError(BiConsumer<String, RuntimeException> onError) {
            this.onError = Objects.requireNonNull(onError, "onError");
            return this;
        }

        /** {@return the bridge} */
        public LogBridge<E> build() {
            return new LogBridge<>(this);
        }
    }
}
