package org.metlog.senders.otlp;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import java.util.Map;
import org.metlog.message.Message;

/**
 * A log message (oldstyle or any custom type) as an OTLP log record: the timestamp as time and observed time, the
 * syslog level as severity number and text, the payload as a string body, every field as an attribute and the
 * message type as the attribute {@value #TYPE}.
 */
final class LogRecords {
    static final String TYPE = "metlog.type";

    private LogRecords() {
    }

    static LogRecord of(Message message) {
        long nanos = message.timestampMicros() * 1_000L;
        LogRecord.Builder b = LogRecord.newBuilder()
            .setTimeUnixNano(nanos)
            .setObservedTimeUnixNano(nanos)
            .setSeverityNumber(Severities.number(message.severity()))
            .setSeverityText(Severities.text(message.severity()))
            .setBody(AnyValue.newBuilder().setStringValue(message.payload()))
            .addAttributes(Attributes.string(TYPE, message.type()));
        // read as Map<?, ?>: a map given through a raw type may hold keys that are not strings
        for (Map.Entry<?, ?> field : ((Map<?, ?>) message.fields()).entrySet()) {
            b.addAttributes(Attributes.of(Attributes.describe(field.getKey()), field.getValue()));
        }
        return b.build();
    }
}
