package org.metlog.log4j2;

import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.spi.StandardLevel;
import org.apache.logging.log4j.util.ReadOnlyStringMap;
import org.apache.logging.log4j.util.TriConsumer;
import org.metlog.MetlogClient;
import org.metlog.logging.LogEventReader;
import org.metlog.logging.LogLevels;

/** Reads Log4j2 events for {@link MetlogAppender}. Stateless. */
final class Log4j2Reader implements LogEventReader<LogEvent> {
    static final Log4j2Reader INSTANCE = new Log4j2Reader();
    // The sink travels as Log4j2's state argument, so reading the context data allocates nothing.
    private static final TriConsumer<String, Object, BiConsumer<String, Object>> TO_SINK =
        (key, value, sink) -> sink.accept(key, value);

    private Log4j2Reader() {
    }

    @Override
    public String loggerName(LogEvent event) {
        return event.getLoggerName();
    }

    @Override
    public String levelName(LogEvent event) {
        return event.getLevel() == null ? null : event.getLevel().name();
    }

    @Override
    public int severity(LogEvent event) {
        return LogLevels.log4j2(event.getLevel() == null ? StandardLevel.INFO.intLevel() : event.getLevel().intLevel());
    }

    /** The formatted message, then the stack trace as {@link MetlogClient#stackTrace} renders it. */
    @Override
    public String payload(LogEvent event) {
        Message message = event.getMessage();
        String text = message == null ? null : message.getFormattedMessage();
        if (text == null) {
            text = "";
        }
        Throwable thrown = event.getThrown();
        return thrown == null ? text : text + "\n" + MetlogClient.stackTrace(thrown);
    }

    @Override
    public String threadName(LogEvent event) {
        return event.getThreadName();
    }

    /** The event's context data: the ThreadContext map, plus whatever a ContextDataInjector added. */
    @Override
    public void mdc(LogEvent event, BiConsumer<String, Object> sink) {
        ReadOnlyStringMap data = event.getContextData();
        if (data != null) {
            data.forEach(TO_SINK, sink);
        }
    }

    /** The name of the event's marker; its parents are not followed. */
    @Override
    public void markers(LogEvent event, Consumer<String> sink) {
        Marker marker = event.getMarker();
        if (marker != null) {
            sink.accept(marker.getName());
        }
    }
}
