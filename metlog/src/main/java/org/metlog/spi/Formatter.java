package org.metlog.spi;

import org.metlog.message.Message;

/**
 * Turns a message into the text a stream sender (such as {@code org.metlog.senders.StreamSender}) writes (without the trailing newline). Called from every
 * thread that sends, so it must be thread-safe; if it throws, the message is counted as failed and reported by
 * the client. Named in configuration by class (with a public no-argument constructor) or as
 * {@code Class#staticMethod} taking a {@link org.metlog.message.Message} and returning a String.
 */
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
