package org.metlog.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.metlog.message.DeliveryStats;
import org.metlog.MetlogClient;
import org.metlog.message.Severity;
import org.metlog.spi.ConfigurationException;
import org.metlog.spi.Sender;
import org.metlog.senders.StdoutSender;
import org.metlog.senders.StreamSender;

/**
 * The {@code metlog} command line: {@code demo}, {@code send} and {@code mb}.
 *
 * <pre>
 * java -jar target/metlog-cli.jar demo [--config FILE [--section NAME]]
 * java -jar target/metlog-cli.jar send [--config FILE [--section NAME]] --type T [--payload P] [--severity N]
 *                                      [--logger L] [--field K=V]...
 * java -jar target/metlog-cli.jar mb HOST PORT [--raw] [--count N] [--duration SECONDS] [--threads N]
 * java -jar target/metlog-cli.jar mb --metlogcfg FILE [--section NAME] [--count N] [--duration SECONDS]
 *                                    [--threads N]
 * </pre>
 *
 * Bad arguments print a usage line and exit with status 2; other errors print one line and exit with 1.
 *
 * <p>With a sender that connects in the background (ZeroMQ, UDP to a host name), the CLI waits up to
 * {@link #CONNECT_WAIT} for it to be ready before sending, and closing the client gives queued messages the
 * sender's linger time to go out, so that a short run delivers to a router that is up. Messages the sender could
 * not deliver are reported on stderr after it is closed.
 */
public final class Main {
    static final String USAGE = "usage: metlog demo [--config FILE [--section NAME]]\n"
        + "       metlog send [--config FILE [--section NAME]] --type T [--payload P] [--severity N] [--logger L]"
        + " [--field K=V]...\n"
        + MbCommand.USAGE;

    /** How long the CLI waits for a sender that awaits a connection before sending anyway. */
    static final Duration CONNECT_WAIT = Duration.ofSeconds(5);

    private final PrintStream out;
    private final PrintStream err;
    private final BiFunction<Path, String, MetlogClient> loader;
    private final Duration connectWait;

    Main(PrintStream out, PrintStream err) {
        this(out, err, CliConfig::load, CONNECT_WAIT);
    }

    /** For tests: {@code loader} stands in for reading {@code --config FILE [--section NAME]}. */
    Main(PrintStream out, PrintStream err, BiFunction<Path, String, MetlogClient> loader, Duration connectWait) {
        this.out = out;
        this.err = err;
        this.loader = loader;
        this.connectWait = connectWait;
    }

    /**
     * Runs the command line and exits with its status.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        int status = new Main(System.out, System.err).run(args);
        System.out.flush();
        System.exit(status);
    }

    /**
     * Runs one command.
     *
     * @param args the arguments
     * @return the exit status: 0 success, 1 error, 2 bad usage
     */
    int run(String... args) {
        try {
            if (args.length == 0) {
                throw new UsageException("no command given");
            }
            List<String> rest = Arrays.asList(args).subList(1, args.length);
            switch (args[0]) {
                case "demo" -> demo(rest);
                case "send" -> send(rest);
                case "mb" -> new MbCommand(out, err, loader, connectWait).run(rest);
                case "-h", "--help", "help" -> out.println(USAGE);
                default -> throw new UsageException("unknown command '" + args[0] + "'");
            }
            return 0;
        } catch (UsageException e) {
            err.println("metlog: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (ConfigurationException e) {
            err.println("metlog: configuration error: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            err.println("metlog: error: " + e);
            return 1;
        }
    }

    private void demo(List<String> rest) throws Exception {
        Args args = Args.parse(rest, Set.of("config", "section"), Set.of());
        noPositional(args);
        MetlogClient client = client(args, "demo");
        Sender sender = client.sender();
        try (client) {
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
                throw new IllegalStateException("demo exception");
            } catch (IllegalStateException e) {
                client.exception("demo: something failed", e);
            }
        }
        reportUndelivered(sender);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(List<String> rest) throws Exception {
        Args args = Args.parse(rest, Set.of("config", "section", "type", "payload", "severity", "logger", "field"),
            Set.of());
        noPositional(args);
        String type = args.value("type");
        if (type == null || type.isEmpty()) {
            throw new UsageException("send needs --type");
        }
        Integer severity = args.value("severity") == null ? null : args.intValue("severity", 6, 0, 7);
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String field : args.values("field")) {
            int eq = field.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--field " + field + ": expected KEY=VALUE");
            }
            fields.put(field.substring(0, eq), field.substring(eq + 1));
        }
        MetlogClient client = client(args, "metlog-cli");
        Sender sender = client.sender();
        try (client) {
            client.metlog(type, args.value("logger"), severity, args.value("payload", ""), fields);
        }
        reportUndelivered(sender);
    }

    /** Waits for a sender that connects in the background, so that the few messages of a run are not lost. */
    private void awaitConnection(MetlogClient client) {
        if (!client.sender().awaitConnection(connectWait)) {
            err.println("metlog: " + client.sender() + " is not connected after " + connectWait.toMillis()
                + " ms; sending anyway");
        }
    }

    /** Reports what was lost end to end, through any asynchronous or routing wrapper. */
    private void reportUndelivered(Sender sender) {
        DeliveryStats stats = sender.deliveryStats();
        if (stats.dropped() > 0) {
            err.println("metlog: " + stats.dropped() + " of " + stats.total() + " messages were not delivered by "
                + sender + ": " + stats);
        }
    }

    private static void noPositional(Args args) throws UsageException {
        if (!args.positional().isEmpty()) {
            throw new UsageException("unexpected argument '" + args.positional().get(0) + "'");
        }
    }

    private MetlogClient client(Args args, String defaultLogger) throws UsageException {
        String config = args.value("config");
        if (config == null) {
            if (args.value("section") != null) {
                throw new UsageException("--section needs --config");
            }
            // From main() out is System.out, so this is a StdoutSender; embedded (tests) it is the caller's stream.
            Sender sender = out == System.out ? new StdoutSender() : new StreamSender(out);
            return MetlogClient.builder().sender(sender).logger(defaultLogger)
                .severity(Severity.INFORMATIONAL).build();
        }
        MetlogClient client = loader.apply(Path.of(config), args.value("section", "metlog"));
        awaitConnection(client);
        return client;
    }
}
