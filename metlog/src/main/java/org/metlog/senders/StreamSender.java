package org.metlog.senders;
import org.metlog.spi.Formatter;
import org.metlog.spi.Sender;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.metlog.message.DeliveryStats;
import org.metlog.message.Message;
import org.metlog.spi.Options;
import org.metlog.spi.DeliveryCounters;
import org.metlog.internal.Utf16;

/**
 * Writes each message to a stream: the formatter's text, then a newline, then a flush (metlog-py's
 * {@code metlog.senders.dev.StreamSender}). The default formatter is 4-space-indented JSON. Output is UTF-8.
 * Thread-safe: concurrent messages are written whole, one after the other; {@code send} blocks while the stream
 * writes, which is fine for development and tests. Counts every message as {@code sent} or {@code failed}; after
 * {@link #close()} every message fails with an {@link IOException} that the client reports.
 *
 * <p>A {@link PrintStream} (such as {@link System#out}) never throws: it swallows its {@code IOException} and
 * only remembers that one happened ({@link PrintStream#checkError()}). This sender asks it after every message,
 * and counts the message as {@code failed} (with an {@link IOException} for the client to report) if the stream
 * is in error, as it is for good on a full device or a closed pipe. The flag never clears, so once a print
 * stream has failed, every later message to it is counted as failed.
 *
 * <p>Configuration options: {@code stream} ({@code stdout} or {@code stderr}, default stdout) and
 * {@code formatter} (a {@link Formatter} class or a {@code Class#method} name).
 */
public class StreamSender implements Sender {
    private final Writer writer;
    /** The stream under the writer if it is a {@link PrintStream}, whose errors are seen only by asking it. */
    private final PrintStream printStream;
    private final Formatter formatter;
    private final String destination;
    private final DeliveryCounters counters = new DeliveryCounters();
    private volatile boolean closed;

    /**
     * Creates a sender writing UTF-8 to {@code out} with the default formatter.
     *
     * @param out the stream
     */
    public StreamSender(OutputStream out) {
        this(out, null);
    }

    /**
     * Creates a sender writing UTF-8 to {@code out}.
     *
     * @param out       the stream
     * @param formatter the formatter, or null for 4-space-indented JSON
     */
    public StreamSender(OutputStream out, Formatter formatter) {
        this(new OutputStreamWriter(Objects.requireNonNull(out, "out"), StandardCharsets.UTF_8), formatter,
            out == System.out ? "stdout" : out == System.err ? "stderr" : out.getClass().getName(),
            out instanceof PrintStream print ? print : null);
    }

    /**
     * Creates a sender writing to {@code writer}.
     *
     * @param writer    the writer
     * @param formatter the formatter, or null for 4-space-indented JSON
     */
    public StreamSender(Writer writer, Formatter formatter) {
        this(writer, formatter, Objects.requireNonNull(writer, "writer").getClass().getName());
    }

    StreamSender(Writer writer, Formatter formatter, String destination) {
        this(writer, formatter, destination, null);
    }

    private StreamSender(Writer writer, Formatter formatter, String destination, PrintStream printStream) {
        this.writer = Objects.requireNonNull(writer, "writer");
        this.printStream = printStream;
        this.formatter = formatter == null ? Formatters::prettyJson : formatter;
        this.destination = destination;
    }

    /**
     * Builds a stream sender from configuration options {@code stream} and {@code formatter}.
     *
     * @param options the options
     * @return the sender
     */
    public static StreamSender fromConfig(Options options) {
        options.bindPositional("stream", "formatter");
        String stream = options.string("stream", "stdout");
        PrintStream out;
        switch (stream) {
            case "stdout", "sys.stdout" -> out = System.out;
            case "stderr", "sys.stderr" -> out = System.err;
            default -> throw options.invalid("stream", stream, "stdout or stderr");
        }
        return new StreamSender(out, formatter(options));
    }

    static Formatter formatter(Options options) {
        String name = options.string("formatter", null);
        return name == null ? null : options.components().formatter(name, options.context());
    }

    @Override
    public void send(Message message) throws IOException {
        if (closed) {
            counters.failed();
            throw new IOException("sender is closed");
        }
        try {
            String text = Utf16.sanitize(formatter.format(message));
            synchronized (writer) {
                writer.write(text);
                writer.write('\n');
                writer.flush();
                if (printStream != null && printStream.checkError()) {
                    throw new IOException(destination + ": the print stream reports a write error (a full device"
                        + " or a closed pipe?); the message is counted as failed");
                }
            }
        } catch (Throwable e) {
            counters.failed(); // a failing formatter (a field's toString()) is counted like a failing stream
            throw e;
        }
        counters.sent();
    }

    @Override
    public void flush() {
        synchronized (writer) {
            try {
                writer.flush();
            } catch (IOException e) {
                // nothing was lost that send() did not already report
            }
        }
    }

    @Override
    public DeliveryStats stats() {
        return counters.snapshot();
    }

    /** Flushes; the underlying stream stays open (it may be stdout, which is not ours to close). */
    @Override
    public void close() {
        closed = true;
        flush();
    }

    /**
     * Returns {@code <class>(<destination>)}: {@code stdout}, {@code stderr}, the file, or the stream's class.
     *
     * @return a readable description
     */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + destination + ")";
    }

    /** Closes the underlying writer too; for subclasses that own their stream. */
    void closeWriter() {
        closed = true;
        synchronized (writer) {
            try {
                writer.close();
            } catch (IOException e) {
                // closing is best effort
            }
        }
    }
}
