package org.metlog.senders;

import org.metlog.Message;

/** Turns a message into the text a {@link StreamSender} writes (without the trailing newline). */
@FunctionalInterface
public interface Formatter {
    /**
     * Formats one message.
     *
     * @param message the message
     * @return its text form
     */
    String format(Message message);
}
