package org.metlog.senders;
import org.metlog.spi.Sender;

import java.util.Collection;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.metlog.message.DeliveryStats;
import org.metlog.message.Message;
import org.metlog.spi.Options;
import org.metlog.spi.DeliveryCounters;
import org.metlog.internal.LoopGuard;
import org.metlog.internal.TypeRouting;

/**
 * Hands metlog messages to a {@code java.util.logging} logger (metlog-py's
 * {@code metlog.senders.logging.StdLibLoggingSender}), for applications whose log handling is already set up.
 *
 * <p>Message types in {@code payload_types} (default {@code oldstyle}) are logged as their payload text; other
 * types in {@code json_types} (default {@code *}, every type) as the whole envelope in compact JSON; any other type
 * is dropped and counted as {@link DeliveryStats#filtered() filtered}. {@code *} in either list matches every type;
 * {@code payload_types} is consulted first. The severity picks the level as metlog-py does:
 * 0-3 {@link Level#SEVERE}, 4 {@link Level#WARNING}, 5-6 {@link Level#INFO}, 7 {@link Level#FINE}.
 *
 * <p>Records are logged with {@link Logger#logp} and no source class, so formatters show the logger name rather
 * than a metlog class. While it logs, this sender sets {@link LoopGuard}, so a {@code MetlogHandler} hooked on the
 * same logger tree ignores its output instead of sending it back into metlog.
 *
 * <p>A message whose level the logger does not log ({@link Logger#isLoggable}) is not encoded and is counted as
 * {@code filtered}, not {@code sent}: the logger would discard it. What a handler drops or fails to write after
 * that is the logging framework's to report (its {@code ErrorManager}); the sender counts the record as sent.
 *
 * <p>Thread-safe; never blocks beyond what the logger's handlers do.
 *
 * <pre>
 * [metlog]
 * sender_class = metlog.senders.logging.StdLibLoggingSender
 * sender_logger_name = myapp.metlog
 * sender_payload_types = oldstyle
 * sender_json_types = counter timer
 * </pre>
 */
public final class StdLibLoggingSender implements Sender {
    private static final Level[] LEVELS = {
        Level.SEVERE, Level.SEVERE, Level.SEVERE, Level.SEVERE, Level.WARNING, Level.INFO, Level.INFO, Level.FINE
    };

    private final Logger logger;
    private final TypeRouting routing;
    private final DeliveryCounters counters = new DeliveryCounters();

    /** Creates a sender to the root logger with the default types. */
    public StdLibLoggingSender() {
        this("", null, null);
    }

    /**
     * Creates a sender.
     *
     * @param loggerName   the JUL logger name; null or "" means the root logger
     * @param payloadTypes types logged as payload text; null means {@code [oldstyle]}; each entry is one type
     *                     name, taken verbatim
     * @param jsonTypes    types logged as JSON; null means {@code [*]}
     */
    public StdLibLoggingSender(String loggerName, Collection<String> payloadTypes, Collection<String> jsonTypes) {
        this.logger = Logger.getLogger(loggerName == null ? "" : loggerName);
        this.routing = TypeRouting.of(payloadTypes, jsonTypes);
    }

    /**
     * Builds the sender from configuration: options {@code logger_name} (default "", the root logger),
     * {@code payload_types} (default {@code oldstyle}) and {@code json_types} (default {@code *}); each type option
     * is one string (names separated by whitespace or commas) or a list of strings, each entry one name taken
     * verbatim (so a type may contain a space).
     *
     * @param options the options
     * @return the sender
     * @throws org.metlog.spi.InvalidOptionException if an option has the wrong shape
     */
    public static StdLibLoggingSender fromConfig(Options options) {
        options.bindPositional("logger_name", "payload_types", "json_types");
        TypeRouting routing = TypeRouting.of(options.names("payload_types", TypeRouting.DEFAULT_PAYLOAD_TYPES),
            options.names("json_types", TypeRouting.DEFAULT_JSON_TYPES));
        return new StdLibLoggingSender(options.string("logger_name", ""), routing.payloadTypes(),
            routing.jsonTypes());
    }

    /** {@return the name of the logger messages go to ("" for the root logger)} */
    public String loggerName() {
        return logger.getName();
    }

    /** {@return the types logged as payload text} */
    public Collection<String> payloadTypes() {
        return routing.payloadTypes();
    }

    /** {@return the types logged as JSON} */
    public Collection<String> jsonTypes() {
        return routing.jsonTypes();
    }

    /**
     * Returns the JUL level used for a severity.
     *
     * @param severity 0 to 7
     * @return SEVERE for 0-3, WARNING for 4, INFO for 5-6, FINE for 7
     * @throws IllegalArgumentException if the severity is outside 0 to 7
     */
    public static Level level(int severity) {
        return LEVELS[org.metlog.message.Severity.check(severity)];
    }

    /**
     * Logs the message, or drops it if its type is in neither list.
     *
     * @param message the message
     */
    @Override
    public void send(Message message) {
        if (!logger.isLoggable(LEVELS[message.severity()])) {
            counters.filtered(); // the logger would discard it: not delivered, so not counted as sent
            return;
        }
        String text;
        try {
            text = switch (routing.route(message.type())) {
                case PAYLOAD -> message.payload();
                case JSON -> message.toJson();
                default -> null;
            };
        } catch (Throwable e) { // a field's toString() threw: counted once, then reported by the client
            counters.failed();
            throw e;
        }
        if (text == null) {
            counters.filtered();
            return;
        }
        boolean outer = LoopGuard.enter();
        try {
            logger.logp(LEVELS[message.severity()], null, null, text);
            counters.sent();
        } catch (Throwable e) {
            counters.failed();
            throw e;
        } finally {
            LoopGuard.exit(outer);
        }
    }

    /** {@return messages logged ({@code sent}), dropped by type ({@code filtered}) and failed} */
    @Override
    public DeliveryStats stats() {
        return counters.snapshot();
    }

    @Override
    public String toString() {
        return "StdLibLoggingSender(logger='" + logger.getName() + "', payload_types=" + routing.payloadTypes()
            + ", json_types=" + routing.jsonTypes() + ")";
    }
}
