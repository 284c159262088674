package org.metlog.senders;

import org.metlog.message.Message;

/** The built-in {@link org.metlog.spi.Formatter}s. */
public final class Formatters {
    private Formatters() {
    }

    /**
     * Formats the envelope as JSON indented by four spaces: metlog-py's {@code StreamSender.default_formatter}.
     *
     * @param message the message
     * @return multi-line JSON
     */
    public static String prettyJson(Message message) {
        return message.toPrettyJson();
    }

    /**
     * Formats the envelope as compact one-line JSON, exactly as it goes over the network.
     *
     * @param message the message
     * @return one line of JSON
     */
    public static String compactJson(Message message) {
        return message.toJson();
    }

    /**
     * Formats only the payload.
     *
     * @param message the message
     * @return its payload
     */
    public static String payload(Message message) {
        return message.payload();
    }
}
