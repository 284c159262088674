package org.metlog.senders;
import org.metlog.spi.Formatter;

import org.metlog.spi.Options;

/**
 * Writes each message to standard output (metlog-py's {@code metlog.senders.dev.StdoutSender}), as
 * 4-space-indented JSON unless a formatter is given. For development.
 *
 * <p>Configuration option: {@code formatter}.
 */
public final class StdoutSender extends StreamSender {
    /** Creates a sender writing indented JSON to {@link System#out} as it is now. */
    public StdoutSender() {
        this(null);
    }

    /**
     * Creates a sender writing to {@link System#out} as it is now.
     *
     * @param formatter the formatter, or null for 4-space-indented JSON
     */
    public StdoutSender(Formatter formatter) {
        super(System.out, formatter);
    }

    /**
     * Builds the sender from configuration option {@code formatter}.
     *
     * @param options the options
     * @return the sender
     */
    public static StdoutSender fromConfig(Options options) {
        return new StdoutSender(formatter(options));
    }
}
