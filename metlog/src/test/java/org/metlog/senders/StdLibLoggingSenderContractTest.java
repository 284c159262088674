package org.metlog.senders;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.metlog.spi.Sender;
import org.metlog.testing.Envelopes;
import org.metlog.testing.RecordingHandler;

/**
 * {@link StdLibLoggingSender} keeps the sender contract, logging every type as JSON to an isolated JUL logger
 * whose recording handler is read back.
 */
class StdLibLoggingSenderContractTest extends SenderContractTest {
    private static final AtomicInteger LOGGERS = new AtomicInteger();

    private final Map<Sender, RecordingHandler> handlers = new IdentityHashMap<>();
    private final List<Logger> loggers = new ArrayList<>(); // JUL holds loggers weakly

    @Override
    protected Sender createSender() {
        String name = "metlog.contract.jul" + LOGGERS.incrementAndGet();
        RecordingHandler handler = new RecordingHandler();
        loggers.add(RecordingHandler.isolatedLogger(name, handler));
        StdLibLoggingSender sender = new StdLibLoggingSender(name, List.of(), List.of("*"));
        handlers.put(sender, handler);
        return sender;
    }

    /** The logger belongs to the application: {@code close()} does nothing and later messages are still logged. */
    @Override
    protected boolean deliversAfterClose() {
        return true;
    }

    @Override
    protected List<JsonNode> delivered(Sender sender) {
        List<JsonNode> out = new ArrayList<>();
        for (String text : handlers.get(sender).messages()) {
            out.add(Envelopes.parse(text));
        }
        return out;
    }
}
