package org.metlog.senders;
import org.metlog.spi.Formatter;

import java.util.Locale;
import org.metlog.message.Message;

/** Formatters that configuration names by class and by {@code Class#method} in the tests. */
public final class TestFormatters {
    private TestFormatters() {
    }

    /**
     * A {@code Class#method} formatter.
     *
     * @param message the message
     * @return its payload in upper case
     */
    public static String upper(Message message) {
        return message.payload().toUpperCase(Locale.ROOT);
    }

    /** A formatter class: {@code type: payload}. */
    public static final class TypeAndPayload implements Formatter {
        /** Creates the formatter. */
        public TypeAndPayload() {
        }

        @Override
        public String format(Message message) {
            return message.type() + ": " + message.payload();
        }
    }
}
