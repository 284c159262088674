package org.metlog.log4j2;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.status.StatusData;
import org.apache.logging.log4j.status.StatusListener;
import org.apache.logging.log4j.status.StatusLogger;

/** Real Log4j2 configurations in logger contexts of the tests' own, and what Log4j2 reports about them. */
final class Log4j2Contexts {
    private Log4j2Contexts() {
    }

    /** {@return a started context configured from the test resource} */
    static LoggerContext load(String resource) {
        URL url = Log4j2Contexts.class.getResource(resource);
        if (url == null) {
            throw new IllegalArgumentException("no test resource " + resource);
        }
        try {
            return load(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** {@return a started context configured from the file} */
    static LoggerContext load(URI location) {
        LoggerContext context = new LoggerContext("metlog-test-" + location, null, location);
        context.start();
        return context;
    }

    /** Records what Log4j2's status logger reports at WARN and above while it is open. */
    static final class StatusRecorder implements AutoCloseable {
        private final List<String> lines = new CopyOnWriteArrayList<>();
        // StatusLogger closes a listener it removes: that close must not remove it again.
        private final StatusListener listener = new StatusListener() {
            @Override
            public void log(StatusData data) {
                Throwable thrown = data.getThrowable();
                lines.add(data.getMessage().getFormattedMessage() + (thrown == null ? "" : " " + thrown));
            }

            @Override
            public Level getStatusLevel() {
                return Level.WARN;
            }

            @Override
            public void close() {
            }
        };

        StatusRecorder() {
            StatusLogger.getLogger().registerListener(listener);
        }

        /** {@return the lines recorded} */
        List<String> lines() {
            return List.copyOf(lines);
        }

        @Override
        public void close() {
            StatusLogger.getLogger().removeListener(listener);
        }
    }
}
