package org.metlog.log4j2;

import org.apache.logging.log4j.message.AsynchronouslyFormattable;
import org.apache.logging.log4j.message.Message;

/** Log4j2 messages for the tests. */
final class Messages {
    private Messages() {
    }

    /**
     * A message that fails when formatted. Marked asynchronously formattable, so Log4j2 leaves its formatting to
     * the appender instead of doing it while it creates the event.
     */
    @AsynchronouslyFormattable
    static final class Hostile implements Message {
        private static final long serialVersionUID = 1L;

        @Override
        public String getFormattedMessage() {
            throw new IllegalStateException("hostile message");
        }

        @Override
        public String getFormat() {
            return "hostile";
        }

        @Override
        public Object[] getParameters() {
            return null;
        }

        @Override
        public Throwable getThrowable() {
            return null;
        }
    }
}
