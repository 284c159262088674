package org.metlog.logging;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Handler;
import java.util.logging.Logger;
import org.metlog.MetlogClient;

/**
 * Connects {@code java.util.logging} loggers to metlog (metlog-py's {@code hook_logger}).
 *
 * <pre>{@code
 * MetlogLogging.hookLogger("com.example", ClientHolder.get("myapp"));   // every com.example.* record
 * MetlogLogging.hookLogger("", client);                                 // the root logger: everything
 * }</pre>
 *
 * <p>Thread-safe. A hooked logger is kept strongly reachable here, so its handler is not lost when the
 * application holds no reference to the logger (JUL keeps loggers only weakly).
 */
public final class MetlogLogging {
    private static final Map<String, Logger> HOOKED = new ConcurrentHashMap<>();

    private MetlogLogging() {
    }

    /**
     * Adds a {@link MetlogHandler} for {@code client} to the JUL logger {@code loggerName}, once: if the logger
     * already has a MetlogHandler for this same client, that one is returned and nothing is added. The logger's
     * level is left as it is. Pass a {@code ClientHolder.get(name)} client to hook a logger before configuration
     * runs: the holder's client is configured in place later.
     *
     * @param loggerName the JUL logger name; "" is the root logger
     * @param client     the client records go to, not null
     * @return the handler on the logger
     * @throws NullPointerException if an argument is null
     */
    public static MetlogHandler hookLogger(String loggerName, MetlogClient client) {
        Objects.requireNonNull(loggerName, "loggerName");
        Objects.requireNonNull(client, "client");
        synchronized (HOOKED) {
            Logger logger = Logger.getLogger(loggerName);
            HOOKED.put(loggerName, logger);
            MetlogHandler existing = find(logger, client);
            if (existing != null) {
                return existing;
            }
            MetlogHandler handler = new MetlogHandler(client);
            logger.addHandler(handler);
            return handler;
        }
    }

    /**
     * Removes and closes the MetlogHandler for {@code client} from the JUL logger {@code loggerName}.
     *
     * @param loggerName the JUL logger name; "" is the root logger
     * @param client     the client given to {@link #hookLogger}
     * @return true if a handler was removed
     */
    public static boolean unhookLogger(String loggerName, MetlogClient client) {
        synchronized (HOOKED) {
            Logger logger = Logger.getLogger(Objects.requireNonNull(loggerName, "loggerName"));
            MetlogHandler existing = find(logger, client);
            if (existing == null) {
                return false;
            }
            logger.removeHandler(existing);
            existing.close();
            boolean stillHooked = false;
            for (Handler h : logger.getHandlers()) {
                stillHooked |= h instanceof MetlogHandler;
            }
            if (!stillHooked) {
                HOOKED.remove(loggerName);
            }
            return true;
        }
    }

    private static MetlogHandler find(Logger logger, MetlogClient client) {
        for (Handler h : logger.getHandlers()) {
            if (h instanceof MetlogHandler mh && mh.client() == client) {
                return mh;
            }
        }
        return null;
    }
}
