package org.metlog.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.metlog.senders.SenderContractTest;
import org.metlog.spi.Sender;
import org.metlog.testing.Envelopes;
import org.metlog.testing.LogbackConfig;

/**
 * {@link Slf4jLoggingSender} keeps the sender contract, logging every type as JSON through SLF4J to a Logback
 * logger of its own whose list appender is read back.
 */
class Slf4jLoggingSenderContractTest extends SenderContractTest {
    private static final AtomicInteger LOGGERS = new AtomicInteger();

    private final Map<Sender, ListAppender<ILoggingEvent>> appenders = new IdentityHashMap<>();
    private final List<Logger> loggers = new ArrayList<>();

    @Override
    protected Sender createSender() {
        String name = "metlog.contract.slf4j" + LOGGERS.incrementAndGet();
        Logger logger = LogbackConfig.context().getLogger(name);
        logger.setLevel(Level.ALL);
        logger.setAdditive(false);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.setContext(LogbackConfig.context());
        appender.start();
        logger.addAppender(appender);
        loggers.add(logger);
        Slf4jLoggingSender sender = new Slf4jLoggingSender(name, List.of(), List.of("*"));
        appenders.put(sender, appender);
        return sender;
    }

    /** The logger belongs to the application: {@code close()} does nothing and later messages are still logged. */
    @Override
    protected boolean deliversAfterClose() {
        return true;
    }

    @Override
    protected List<JsonNode> delivered(Sender sender) {
        ListAppender<ILoggingEvent> appender = appenders.get(sender);
        List<ILoggingEvent> events;
        synchronized (appender) {
            events = new ArrayList<>(appender.list);
        }
        List<JsonNode> out = new ArrayList<>();
        for (ILoggingEvent event : events) {
            out.add(Envelopes.parse(event.getFormattedMessage()));
        }
        return out;
    }

    @AfterEach
    void detachAppenders() {
        loggers.forEach(Logger::detachAndStopAllAppenders);
    }
}
