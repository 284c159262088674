package org.metlog.logging;

import java.util.Collection;
import org.metlog.DeliveryStats;
import org.metlog.Message;
import org.metlog.Severity;
import org.metlog.config.Options;
import org.metlog.internal.DeliveryCounters;
import org.metlog.internal.LoopGuard;
import org.metlog.internal.TypeRouting;
import org.metlog.senders.Sender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Hands metlog messages to an SLF4J logger: the {@link org.metlog.senders.StdLibLoggingSender} for applications
 * that log through SLF4J. Needs {@code slf4j-api} (and a binding such as Logback) on the class path.
 *
 * <p>Same options and rules: {@code logger_name} (default "", the SLF4J root logger {@value Logger#ROOT_LOGGER_NAME}),
 * {@code payload_types} (default {@code oldstyle}: logged as payload text), {@code json_types} (default {@code *}:
 * logged as the whole envelope in compact JSON); any other type is dropped and counted as
 * {@link DeliveryStats#filtered() filtered}. Severity to level: 0-3 ERROR, 4 WARN, 5-6 INFO, 7 DEBUG. The text is
 * logged as is: {@code {}} in it is not a placeholder. While it logs, {@link LoopGuard} is set, so a
 * {@link MetlogAppender} on the same logger ignores this output.
 *
 * <pre>
 * [metlog]
 * sender_class = org.metlog.logging.Slf4jLoggingSender
 * sender_logger_name = metlog
 * </pre>
 *
 * <p>Thread-safe.
 */
public final class Slf4jLoggingSender implements Sender {
    private static final Level[] LEVELS = {
        Level.ERROR, Level.ERROR, Level.ERROR, Level.ERROR, Level.WARN, Level.INFO, Level.INFO, Level.DEBUG
    };

    private final Logger logger;
    private final TypeRouting routing;
    private final DeliveryCounters counters = new DeliveryCounters();

    /** Creates a sender to the SLF4J root logger with the default types. */
    public Slf4jLoggingSender() {
        this("", null, null);
    }

    /**
     * Creates a sender.
     *
     * @param loggerName   the SLF4J logger name; null or "" means the root logger
     * @param payloadTypes types logged as payload text; null means {@code [oldstyle]}. Entries may hold several
     *                     names separated by whitespace or commas
     * @param jsonTypes    types logged as JSON; null means {@code [*]}
     */
    public Slf4jLoggingSender(String loggerName, Collection<String> payloadTypes, Collection<String> jsonTypes) {
        this.logger = LoggerFactory.getLogger(loggerName == null || loggerName.isEmpty() ? Logger.ROOT_LOGGER_NAME
            : loggerName);
        this.routing = TypeRouting.of(payloadTypes, jsonTypes);
    }

    /**
     * Builds the sender from the options {@code logger_name}, {@code payload_types} and {@code json_types}, as
     * {@link org.metlog.senders.StdLibLoggingSender#fromConfig(Options)} does.
     *
     * @param options the options
     * @return the sender
     * @throws org.metlog.config.InvalidOptionException if an option has the wrong shape
     */
    public static Slf4jLoggingSender fromConfig(Options options) {
        options.bindPositional("logger_name", "payload_types", "json_types");
        TypeRouting routing = TypeRouting.fromOptions(options);
        return new Slf4jLoggingSender(options.string("logger_name", ""), routing.payloadTypes(),
            routing.jsonTypes());
    }

    /** @return the name of the SLF4J logger messages go to */
    public String loggerName() {
        return logger.getName();
    }

    /**
     * Returns the SLF4J level used for a severity.
     *
     * @param severity 0 to 7
     * @return ERROR for 0-3, WARN for 4, INFO for 5-6, DEBUG for 7
     * @throws IllegalArgumentException if the severity is outside 0 to 7
     */
    public static Level level(int severity) {
        return LEVELS[Severity.check(severity)];
    }

    /**
     * Logs the message, or drops it if its type is in neither list.
     *
     * @param message the message
     */
    @Override
    public void send(Message message) {
        String text;
        switch (routing.route(message.type())) {
            case PAYLOAD -> text = message.payload();
            case JSON -> text = message.toJson();
            default -> {
                counters.filtered();
                return;
            }
        }
        boolean outer = LoopGuard.enter();
        try {
            switch (LEVELS[message.severity()]) {
                case ERROR -> logger.error(text);
                case WARN -> logger.warn(text);
                case INFO -> logger.info(text);
                default -> logger.debug(text);
            }
            counters.sent();
        } catch (RuntimeException e) {
            counters.failed();
            throw e;
        } finally {
            LoopGuard.exit(outer);
        }
    }

    /** @return messages logged ({@code sent}), dropped by type ({@code filtered}) and failed */
    @Override
    public DeliveryStats stats() {
        return counters.snapshot();
    }

    @Override
    public String toString() {
        return "Slf4jLoggingSender[logger='" + logger.getName() + "', payload_types=" + routing.payloadTypes()
            + ", json_types=" + routing.jsonTypes() + "]";
    }
}
