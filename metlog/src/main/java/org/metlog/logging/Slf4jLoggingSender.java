package org.metlog.logging;

import java.util.Collection;
import org.metlog.message.DeliveryStats;
import org.metlog.message.Message;
import org.metlog.message.Severity;
import org.metlog.spi.ConfigurationException;
import org.metlog.spi.Options;
import org.metlog.spi.DeliveryCounters;
import org.metlog.internal.LoopGuard;
import org.metlog.internal.TypeRouting;
import org.metlog.spi.Sender;

/**
 * Hands metlog messages to an SLF4J logger: the {@link org.metlog.senders.StdLibLoggingSender} for applications
 * that log through SLF4J. Needs {@code slf4j-api} (and a binding such as Logback) on the class path.
 *
 * <p>Same options and rules: {@code logger_name} (default "", the SLF4J root logger {@code ROOT}),
 * {@code payload_types} (default {@code oldstyle}: logged as payload text), {@code json_types} (default {@code *}:
 * logged as the whole envelope in compact JSON); any other type is dropped and counted as
 * {@link DeliveryStats#filtered() filtered}, and so is a message at a level the logger does not log (it would be
 * discarded; it is not encoded). What an appender drops or fails to write after that is the binding's to report
 * (Logback catches an appender's exceptions and records them in its status); the sender counts it as sent. Severity to level: 0-3 ERROR, 4 WARN, 5-6 INFO, 7 DEBUG. The text is
 * logged as is: {@code {}} in it is not a placeholder. While it logs, {@link LoopGuard} is set, so a
 * {@link MetlogAppender} on the same logger ignores this output.
 *
 * <pre>
 * [metlog]
 * sender_class = org.metlog.logging.Slf4jLoggingSender
 * sender_logger_name = metlog
 * </pre>
 *
 * <p>No SLF4J type appears in this class's signatures, so configuration naming it without slf4j-api on the class
 * path fails with a clear {@link ConfigurationException} instead of a {@code NoClassDefFoundError}. Thread-safe.
 */
public final class Slf4jLoggingSender implements Sender {
    private static final String[] LEVELS = {"ERROR", "ERROR", "ERROR", "ERROR", "WARN", "INFO", "INFO", "DEBUG"};

    private final Slf4jOutput output;
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
     * @param payloadTypes types logged as payload text; null means {@code [oldstyle]}; each entry is one type
     *                     name, taken verbatim
     * @param jsonTypes    types logged as JSON; null means {@code [*]}
     * @throws IllegalStateException if slf4j-api is not on the class path
     */
    public Slf4jLoggingSender(String loggerName, Collection<String> payloadTypes, Collection<String> jsonTypes) {
        String missing = missingSlf4j();
        if (missing != null) {
            throw new IllegalStateException(missing);
        }
        this.output = new Slf4jOutput(loggerName);
        this.routing = TypeRouting.of(payloadTypes, jsonTypes);
    }

    /** {@return why this sender cannot work here, or null if slf4j-api is available} */
    static String missingSlf4j() {
        try {
            Class.forName("org.slf4j.LoggerFactory", false, Slf4jLoggingSender.class.getClassLoader());
            return null;
        } catch (ClassNotFoundException | LinkageError e) {
            return Slf4jLoggingSender.class.getName() + " needs slf4j-api (and a binding such as logback-classic)"
                + " on the class path: add org.slf4j:slf4j-api to your dependencies, or use"
                + " metlog.senders.logging.StdLibLoggingSender";
        }
    }

    /**
     * Builds the sender from the options {@code logger_name}, {@code payload_types} and {@code json_types}, as
     * {@link org.metlog.senders.StdLibLoggingSender#fromConfig(Options)} does.
     *
     * @param options the options
     * @return the sender
     * @throws org.metlog.spi.InvalidOptionException if an option has the wrong shape
     * @throws ConfigurationException if slf4j-api is not on the class path
     */
    public static Slf4jLoggingSender fromConfig(Options options) {
        String missing = missingSlf4j();
        if (missing != null) {
            throw new ConfigurationException(options.context() + ": " + missing);
        }
        options.bindPositional("logger_name", "payload_types", "json_types");
        TypeRouting routing = TypeRouting.of(options.names("payload_types", TypeRouting.DEFAULT_PAYLOAD_TYPES),
            options.names("json_types", TypeRouting.DEFAULT_JSON_TYPES));
        return new Slf4jLoggingSender(options.string("logger_name", ""), routing.payloadTypes(),
            routing.jsonTypes());
    }

    /** {@return the name of the SLF4J logger messages go to} */
    public String loggerName() {
        return output.name();
    }

    /**
     * Returns the name of the SLF4J level used for a severity.
     *
     * @param severity 0 to 7
     * @return "ERROR" for 0-3, "WARN" for 4, "INFO" for 5-6, "DEBUG" for 7
     * @throws IllegalArgumentException if the severity is outside 0 to 7
     */
    public static String levelName(int severity) {
        return LEVELS[Severity.check(severity)];
    }

    /**
     * Logs the message, or drops it if its type is in neither list.
     *
     * @param message the message
     */
    @Override
    public void send(Message message) {
        if (!output.enabled(message.severity())) {
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
            output.log(message.severity(), text);
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
        return "Slf4jLoggingSender(logger='" + output.name() + "', payload_types=" + routing.payloadTypes()
            + ", json_types=" + routing.jsonTypes() + ")";
    }
}
