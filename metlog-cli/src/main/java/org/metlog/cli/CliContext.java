package org.metlog.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BiFunction;
import org.metlog.MetlogClient;
import org.metlog.message.DeliveryStats;
import org.metlog.message.Severity;
import org.metlog.senders.StdoutSender;
import org.metlog.senders.StreamSender;
import org.metlog.spi.Formatter;
import org.metlog.spi.Sender;

/**
 * What every command of one run shares: its output streams, how it loads {@code --config FILE}, how long it waits
 * for a sender's connection, and how it turns what became of the messages into a line on stderr and an exit code.
 */
final class CliContext {
    final PrintStream out;
    final PrintStream err;
    private final BiFunction<Path, String, MetlogClient> loader;
    private final Duration connectWait;

    /**
     * @param out         where envelopes and reports go
     * @param err         where summaries and problems go
     * @param loader      builds the client of {@code --config FILE [--section NAME]}
     * @param connectWait how long to wait for a sender that connects in the background
     */
    CliContext(PrintStream out, PrintStream err, BiFunction<Path, String, MetlogClient> loader,
               Duration connectWait) {
        this.out = out;
        this.err = err;
        this.loader = loader;
        this.connectWait = connectWait;
    }

    /**
     * Returns the client an INI file configures, once its sender is connected or {@code connectWait} has passed.
     *
     * @param file    the file of {@code --config}
     * @param section the section of {@code --section}
     * @return a new client; the caller closes it
     * @throws org.metlog.spi.ConfigurationException if the file cannot be loaded (exit code 3)
     */
    MetlogClient configured(Path file, String section) {
        MetlogClient client = loader.apply(file, section);
        awaitConnection(client);
        return client;
    }

    /**
     * Returns a client that prints each envelope on {@code out}: logger {@code logger}, severity 6.
     *
     * @param logger    the logger of the messages
     * @param formatter how each envelope is printed
     * @return a new client; the caller closes it
     */
    MetlogClient printing(String logger, Formatter formatter) {
        // From main() out is System.out, so this is a StdoutSender; embedded (tests) it is the caller's stream.
        Sender sender = out == System.out ? new StdoutSender(formatter) : new StreamSender(out, formatter);
        return MetlogClient.builder().sender(sender).logger(logger).severity(Severity.INFORMATIONAL).build();
    }

    /** Waits for a sender that connects in the background, so that the few messages of a run are not lost. */
    void awaitConnection(MetlogClient client) {
        if (!client.sender().awaitConnection(connectWait)) {
            err.println("metlog: " + client.sender() + " is not connected after " + connectWait.toMillis()
                + " ms; sending anyway");
        }
    }

    /**
     * Reports on stderr what was not delivered end to end (through any asynchronous or routing wrapper), and
     * returns the exit code. Call it after the client was closed, so that queued messages have been counted.
     *
     * @param client the closed client
     * @param sender its sender, as it was when the messages were sent
     * @return {@link ExitCode#OK} or {@link ExitCode#UNDELIVERED}
     */
    int outcome(MetlogClient client, Sender sender) {
        DeliveryStats stats = client.deliveryStats();
        long lost = ExitCode.undelivered(stats);
        if (lost > 0) {
            err.println("metlog: " + lost + " of " + stats.total() + " messages were not delivered by " + sender
                + ": " + format(stats));
        }
        return ExitCode.of(stats);
    }

    /**
     * Formats delivery counters for people and scripts alike.
     *
     * @param s the counters
     * @return {@code sent=N filtered=N dropped_queue_full=N dropped_too_large=N failed=N}
     */
    static String format(DeliveryStats s) {
        return "sent=" + s.sent() + " filtered=" + s.filtered() + " dropped_queue_full=" + s.droppedQueueFull()
            + " dropped_too_large=" + s.droppedTooLarge() + " failed=" + s.failed();
    }
}
