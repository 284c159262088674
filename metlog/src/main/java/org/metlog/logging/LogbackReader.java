package org.metlog.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/** Reads Logback events for {@link MetlogAppender}. Stateless. */
final class LogbackReader implements LogEventReader<ILoggingEvent> {
    static final LogbackReader INSTANCE = new LogbackReader();

    private LogbackReader() {
    }

    @Override
    public String loggerName(ILoggingEvent event) {
        return event.getLoggerName();
    }

    @Override
    public String levelName(ILoggingEvent event) {
        return event.getLevel() == null ? null : event.getLevel().toString();
    }

    @Override
    public int severity(ILoggingEvent event) {
        return LogLevels.logback(event.getLevel() == null ? Level.INFO_INT : event.getLevel().toInt());
    }

    /** The formatted message ({@code {}} applied), then the trace as Logback prints it, causes included. */
    @Override
    public String payload(ILoggingEvent event) {
        String payload = event.getFormattedMessage();
        if (payload == null) {
            payload = "";
        }
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown == null) {
            return payload;
        }
        String trace = ThrowableProxyUtil.asString(thrown);
        if (trace.endsWith(CoreConstants.LINE_SEPARATOR)) {
            trace = trace.substring(0, trace.length() - CoreConstants.LINE_SEPARATOR.length());
        }
        return payload + "\n" + trace;
    }

    @Override
    public String threadName(ILoggingEvent event) {
        return event.getThreadName();
    }

    @Override
    public void mdc(ILoggingEvent event, BiConsumer<String, Object> sink) {
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (mdc != null) {
            mdc.forEach(sink);
        }
    }

    @Override
    public void keyValues(ILoggingEvent event, BiConsumer<String, Object> sink) {
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs != null) {
            for (KeyValuePair pair : pairs) {
                sink.accept(pair.key, pair.value);
            }
        }
    }

    /** The names of the markers the event was logged with; their references are not followed. */
    @Override
    public void markers(ILoggingEvent event, Consumer<String> sink) {
        List<Marker> markers = event.getMarkerList();
        if (markers != null) {
            for (Marker marker : markers) {
                sink.accept(marker.getName());
            }
        }
    }
}
