package org.metlog.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** A JUL handler that keeps every record it is given, for assertions. Thread-safe. */
public final class RecordingHandler extends Handler {
    private final List<LogRecord> records = new ArrayList<>();

    /** Creates a handler that accepts every level. */
    public RecordingHandler() {
        setLevel(Level.ALL);
    }

    /**
     * Returns a logger of this name that logs every level only to {@code handlers} (not to its parents).
     * Keep the returned reference: JUL holds loggers weakly.
     */
    public static Logger isolatedLogger(String name, Handler... handlers) {
        Logger logger = Logger.getLogger(name);
        logger.setUseParentHandlers(false);
        logger.setLevel(Level.ALL);
        for (Handler h : logger.getHandlers()) {
            logger.removeHandler(h);
        }
        for (Handler h : handlers) {
            logger.addHandler(h);
        }
        return logger;
    }

    @Override
    public synchronized void publish(LogRecord record) {
        if (isLoggable(record)) {
            records.add(record);
        }
    }

    /** @return the records so far, oldest first */
    public synchronized List<LogRecord> records() {
        return new ArrayList<>(records);
    }

    /** @return the message texts so far, oldest first */
    public synchronized List<String> messages() {
        List<String> out = new ArrayList<>();
        for (LogRecord r : records) {
            out.add(r.getMessage());
        }
        return out;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
