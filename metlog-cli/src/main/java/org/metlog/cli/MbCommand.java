package org.metlog.cli;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.metlog.MetlogClient;
import org.metlog.message.Severity;
import org.metlog.senders.UdpSender;
import org.metlog.spi.Sender;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code metlog mb}: metlog-py's benchmark command. Sends {@value #TYPE} messages as fast as it can, from one or
 * more threads, through a client or (with {@code --raw}) as ready-made datagrams straight through a
 * {@link java.nio.channels.DatagramChannel}, and prints how many it sent, how fast, and the delivery counters.
 *
 * <p>Every message is the same: type {@value #TYPE}, logger {@value #LOGGER} (or the configured client's),
 * severity 6, payload {@value #PAYLOAD}, no fields. A run stops after {@code --count} messages in all or after
 * {@code --duration} seconds (default {@value #DEFAULT_DURATION}), whichever comes first; it is never unbounded.
 */
@Command(name = "mb",
    customSynopsis = {"metlog mb HOST PORT [--raw] [--count=N] [--duration=SECONDS] [--threads=N]",
        "       metlog mb --config=FILE [--section=NAME]",
        "                 [--count=N] [--duration=SECONDS] [--threads=N]"},
    description = {"Benchmark: send the same message as fast as possible and report the rate and the counters.",
        "Sends type " + MbCommand.TYPE + ", payload '" + MbCommand.PAYLOAD + "', severity 6, over UDP"
        + " to HOST PORT through a client and a UdpSender, or with --raw as the same bytes through a bare"
        + " DatagramChannel, or through the client --config FILE configures. Stops at --count or --duration,"
        + " whichever comes first, then prints one 'key: value' line each on stdout."})
final class MbCommand implements Callable<Integer> {
    /** The type of every benchmark message. */
    static final String TYPE = "MBTEST";
    /** The logger of the benchmark messages when mb builds the client itself. */
    static final String LOGGER = "mb";
    /** The payload of every benchmark message. */
    static final String PAYLOAD = "metlog mb benchmark message";
    /** The run's length when {@code --duration} is not given, in seconds. */
    static final String DEFAULT_DURATION = "10";
    /** The longest run {@code --duration} allows, in seconds: one hour. */
    static final double MAX_DURATION_SECONDS = 3600;
    /** The most threads {@code --threads} allows. */
    static final int MAX_THREADS = 64;

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "HOST",
        description = "Where to send over UDP: a host name or address (required unless --config is given).")
    private String host;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PORT", description = "The UDP port, 1 to 65535.")
    private Integer port;

    @Mixin
    private ConfigOptions config;

    @Option(names = "--raw", order = 1, description = "No client: serialize one envelope once and send those bytes"
        + " again and again through one blocking, unconnected DatagramChannel the threads share; not with --config.")
    private boolean raw;

    @Option(names = "--count", paramLabel = "N", order = 2,
        description = "Stop after N messages in all, at least 1 (default: no count limit).")
    private Long count;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = DEFAULT_DURATION, order = 3,
        description = "Stop after this time, more than 0 and at most 3600, fractions allowed"
            + " (default: ${DEFAULT-VALUE}).")
    private double duration;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1", order = 4,
        description = "How many threads send at once, 1 to " + MAX_THREADS + " (default: ${DEFAULT-VALUE}).")
    private int threads;

    MbCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        MbLoad.Limits limits = limits();
        Path file = config.file();
        if (file != null) {
            if (raw) {
                throw usage("--raw sends to HOST PORT and cannot use --config");
            }
            if (host != null) {
                throw usage("mb --config takes no HOST PORT: the file configures the sender");
            }
            return throughClient(context.configured(file, config.section()), limits);
        }
        if (host == null || port == null) {
            throw usage("mb needs HOST PORT (or --config FILE)");
        }
        if (port < 1 || port > 65_535) {
            throw usage("mb PORT " + port + ": expected an integer from 1 to 65535");
        }
        if (new InetSocketAddress(host, port).isUnresolved()) {
            context.err.println("metlog: mb: cannot resolve host '" + host + "'; nothing was sent");
            return ExitCode.UNDELIVERED;
        }
        if (raw) {
            return new MbLoad(context.out, context.err).raw(host, port, limits);
        }
        UdpSender sender;
        try {
            sender = UdpSender.to(host, port);
        } catch (IllegalArgumentException e) {
            throw usage("mb HOST " + host + ": " + e.getMessage());
        }
        MetlogClient client = MetlogClient.builder().sender(sender).logger(LOGGER)
            .severity(Severity.INFORMATIONAL).build();
        context.awaitConnection(client);
        return throughClient(client, limits);
    }

    private int throughClient(MetlogClient client, MbLoad.Limits limits) {
        Sender sender = client.sender();
        new MbLoad(context.out, context.err).throughClient(client, limits);
        return context.outcome(client, sender);
    }

    private MbLoad.Limits limits() {
        if (count != null && count < 1) {
            throw usage("--count " + count + ": expected a whole number of messages, at least 1");
        }
        if (!(duration > 0 && duration <= MAX_DURATION_SECONDS)) {
            throw usage("--duration " + duration + ": expected seconds, more than 0 and at most "
                + (long) MAX_DURATION_SECONDS);
        }
        if (threads < 1 || threads > MAX_THREADS) {
            throw usage("--threads " + threads + ": expected an integer from 1 to " + MAX_THREADS);
        }
        return new MbLoad.Limits(count == null ? Long.MAX_VALUE : count, Math.max(1, (long) (duration * 1e9)),
            threads);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
