package org.metlog.cli;

import org.metlog.senders.Formatters;
import org.metlog.spi.Formatter;

/** How {@code demo} and {@code send} print envelopes when they build their own client: {@code --format}. */
enum OutputFormat {
    /** One compact JSON object a line, as the envelope goes over the network (the default). */
    json(Formatters::compactJson),
    /** JSON indented by four spaces, several lines per envelope (metlog-py's StdoutSender). */
    pretty(Formatters::prettyJson);

    private final Formatter formatter;

    OutputFormat(Formatter formatter) {
        this.formatter = formatter;
    }

    /** {@return the formatter that prints an envelope this way} */
    Formatter formatter() {
        return formatter;
    }
}
