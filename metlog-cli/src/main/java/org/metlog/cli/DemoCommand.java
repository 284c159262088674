package org.metlog.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.metlog.MetlogClient;
import org.metlog.message.DeliveryStats;
import org.metlog.spi.Sender;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code metlog demo}: sends one message of every kind, prints the envelopes on stdout (without {@code --config})
 * and a short summary on stderr: what it sent, where, and what was delivered.
 */
@Command(name = "demo",
    description = {"Send one message of every kind: log lines, counters, a timer, a custom message, an exception.",
        "Sends 5 log lines (type oldstyle, severities 7 debug, 6 info, 4 warning, 3 error, 2"
        + " critical), 2 counters (demo.counter), a timer (demo.timer), a custom message (demo.custom) and an"
        + " ALERT (severity 1) carrying the stack trace of an exception the demo throws and catches on purpose.",
        "Without --config the envelopes are printed on stdout (see --format); with it they go wherever the file's"
            + " sender sends them. A summary goes to stderr."})
final class DemoCommand implements Callable<Integer> {
    /** How many messages the demo sends. */
    static final int MESSAGES = 10;
    /** The text of the exception the demo throws and catches, to show what an exception message looks like. */
    static final String EXCEPTION = "demo exception, thrown and caught on purpose (not a crash)";

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOptions config;

    @Option(names = "--format", paramLabel = "json|pretty", defaultValue = "json", order = 1,
        description = "How envelopes are printed without --config: json, one JSON object a line, or pretty,"
            + " indented by four spaces (default: ${DEFAULT-VALUE}).")
    private OutputFormat format;

    DemoCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Path file = config.file();
        if (file != null && spec.commandLine().getParseResult().hasMatchedOption("--format")) {
            throw new ParameterException(spec.commandLine(),
                "--format is for the printed envelopes; with --config the file's sender formats them");
        }
        MetlogClient client = file == null ? context.printing("demo", format.formatter())
            : context.configured(file, config.section());
        Sender sender = client.sender();
        try (client) {
            sendAll(client);
        }
        summarize(sender, client.deliveryStats());
        return context.outcome(client, sender);
    }

    private static void sendAll(MetlogClient client) {
        client.debug("demo: a debug line");
        client.info("demo: user %s logged in", "alice");
        client.warn("demo: disk %(disk)s is %(pct)d%% full", Map.of("disk", "/var", "pct", 91));
        client.error("demo: an error line");
        client.critical("demo: a critical line");
        client.incr("demo.counter");
        client.incr("demo.counter", 5);
        client.timer("demo.timer").run(() -> pause(3));
        client.metlog("demo.custom", "a custom message", Map.of("colour", "blue", "size", 3));
        try {
            throw new IllegalStateException(EXCEPTION);
        } catch (IllegalStateException e) {
            client.exception("demo: an example exception message (severity 1, ALERT)", e);
        }
    }

    private void summarize(Sender sender, DeliveryStats stats) {
        context.err.println("demo: sent " + MESSAGES + " messages to " + sender + ": 5 log lines (severities 7 to"
            + " 2), 2 counters, 1 timer, 1 custom message, 1 exception message");
        context.err.println("demo: the exception message (severity 1) carries the stack trace of a demo exception,"
            + " thrown and caught on purpose: nothing crashed");
        context.err.println("demo: delivered: " + CliContext.format(stats));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
