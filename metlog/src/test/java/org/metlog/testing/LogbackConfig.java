package org.metlog.testing;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import java.net.URL;
import org.slf4j.LoggerFactory;

/** Loads a Logback configuration from a test resource, and resets Logback afterwards. */
public final class LogbackConfig {
    private LogbackConfig() {
    }

    /** @return the Logback context SLF4J is bound to */
    public static LoggerContext context() {
        return (LoggerContext) LoggerFactory.getILoggerFactory();
    }

    /**
     * Replaces the current Logback configuration with the test resource {@code resource}.
     *
     * @throws IllegalStateException if Logback reports an error while configuring
     */
    public static LoggerContext load(String resource) throws JoranException {
        LoggerContext context = context();
        context.reset();
        URL url = LogbackConfig.class.getResource(resource);
        if (url == null) {
            throw new IllegalStateException("no test resource " + resource);
        }
        long start = System.currentTimeMillis();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(url);
        StatusUtil status = new StatusUtil(context);
        if (status.getHighestLevel(start) >= Status.ERROR) {
            throw new IllegalStateException("Logback reported errors loading " + resource + ": "
                + context.getStatusManager().getCopyOfStatusList());
        }
        return context;
    }

    /** Removes every appender and logger setting, leaving Logback silent. */
    public static void reset() {
        context().reset();
    }
}
