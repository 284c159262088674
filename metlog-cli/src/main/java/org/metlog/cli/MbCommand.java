package org.metlog.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import org.metlog.message.DeliveryStats;
import org.metlog.MetlogClient;
import org.metlog.message.Severity;
import org.metlog.senders.DebugCaptureSender;
import org.metlog.spi.Sender;
import org.metlog.senders.UdpSender;

/**
 * {@code metlog mb}: metlog-py's benchmark command. Sends {@value #TYPE} messages as fast as it can, from one or
 * more threads, through a client or (with {@code --raw}) as ready-made datagrams straight through a
 * {@link DatagramChannel}, and prints how many it sent, how fast, and the delivery counters.
 *
 * <pre>
 * metlog mb HOST PORT [--raw] [--count N] [--duration SECONDS] [--threads N]
 * metlog mb --metlogcfg FILE [--section NAME] [--count N] [--duration SECONDS] [--threads N]
 * </pre>
 *
 * <p>Every message is the same: type {@value #TYPE}, logger {@value #LOGGER} (or the configured client's),
 * severity 6, payload {@value #PAYLOAD}, no fields. A run stops after {@code --count} messages in all or after
 * {@code --duration} seconds (default {@value #DEFAULT_DURATION_SECONDS}), whichever comes first; it is never
 * unbounded.
 */
final class MbCommand {
    static final String USAGE = "       metlog mb HOST PORT [--raw] [--count N] [--duration SECONDS] [--threads N]\n"
        + "       metlog mb --metlogcfg FILE [--section NAME] [--count N] [--duration SECONDS] [--threads N]";

    /** The type of every benchmark message. */
    static final String TYPE = "MBTEST";
    /** The logger of the benchmark messages when mb builds the client itself. */
    static final String LOGGER = "mb";
    /** The payload of every benchmark message. */
    static final String PAYLOAD = "metlog mb benchmark message";
    static final double DEFAULT_DURATION_SECONDS = 10;
    /** The longest run {@code --duration} allows, in seconds: one hour. */
    static final double MAX_DURATION_SECONDS = 3600;
    static final int MAX_THREADS = 64;
    /** How many messages a thread sends between two looks at the clock. */
    private static final int CLOCK_EVERY = 64;

    private final PrintStream out;
    private final PrintStream err;
    private final BiFunction<Path, String, MetlogClient> loader;
    private final Duration connectWait;

    /**
     * @param out         where the results go
     * @param err         where problems go
     * @param loader      builds the client of {@code --metlogcfg FILE [--section NAME]}
     * @param connectWait how long to wait for a sender that connects in the background
     */
    MbCommand(PrintStream out, PrintStream err, BiFunction<Path, String, MetlogClient> loader, Duration connectWait) {
        this.out = out;
        this.err = err;
        this.loader = loader;
        this.connectWait = connectWait;
    }

    /** What one sending thread does for each message; returns normally when the message was handed on. */
    @FunctionalInterface
    private interface Shot {
        void fire() throws IOException;
    }

    /** The limits of a run. */
    private record Limits(long count, long durationNanos, int threads) {
    }

    /** What the threads of a run did. */
    private record Tally(long attempted, long failed, long elapsedNanos, IOException firstError) {
    }

    /**
     * Runs {@code mb} with the arguments after the command name, and prints the report on {@code out}.
     *
     * @param rest the arguments after {@code mb}
     * @throws UsageException for bad arguments (the CLI prints the usage and exits with 2)
     * @throws Exception      if the host does not resolve, the configuration is wrong, or the socket cannot be
     *                        opened (the CLI exits with 1)
     */
    void run(List<String> rest) throws Exception {
        Args args = Args.parse(rest, Set.of("metlogcfg", "section", "count", "duration", "threads"), Set.of("raw"));
        Limits limits = new Limits(count(args), durationNanos(args), args.intValue("threads", 1, 1, MAX_THREADS));
        String config = args.value("metlogcfg");
        List<String> positional = args.positional();
        if (config != null) {
            if (args.flag("raw")) {
                throw new UsageException("--raw sends to HOST PORT and cannot use --metlogcfg");
            }
            if (!positional.isEmpty()) {
                throw new UsageException("mb --metlogcfg takes no HOST PORT: the file configures the sender");
            }
            MetlogClient client = loader.apply(Path.of(config), args.value("section", "metlog"));
            awaitConnection(client);
            throughClient(client, limits);
            return;
        }
        if (args.value("section") != null) {
            throw new UsageException("--section needs --metlogcfg");
        }
        if (positional.size() != 2) {
            throw new UsageException(positional.size() < 2 ? "mb needs HOST PORT (or --metlogcfg FILE)"
                : "unexpected argument '" + positional.get(2) + "'");
        }
        String host = positional.get(0);
        int port = port(positional.get(1));
        if (new InetSocketAddress(host, port).isUnresolved()) {
            throw new IOException("mb: cannot resolve host '" + host + "'");
        }
        if (args.flag("raw")) {
            raw(host, port, limits);
        } else {
            UdpSender sender;
            try {
                sender = UdpSender.to(host, port);
            } catch (IllegalArgumentException e) {
                throw new UsageException("mb HOST " + host + ": " + e.getMessage());
            }
            MetlogClient client = MetlogClient.builder().sender(sender).logger(LOGGER)
                .severity(Severity.INFORMATIONAL).build();
            awaitConnection(client);
            throughClient(client, limits);
        }
    }

    private void throughClient(MetlogClient client, Limits limits) {
        Sender sender = client.sender();
        Tally tally;
        try (client) {
            tally = fire(limits, () -> client.metlog(TYPE, PAYLOAD));
        }
        // after close: an asynchronous sender has delivered (or counted) what it had queued
        out.println("mode: client");
        out.println("sender: " + sender);
        report(limits, tally);
        out.println("client_delivery_stats: " + format(client.deliveryStats()));
        out.println("sender_stats: " + format(sender.stats()));
    }

    private void raw(String host, int port, Limits limits) throws Exception {
        InetSocketAddress to = new InetSocketAddress(host, port);
        byte[] envelope = envelope();
        try (DatagramChannel channel = DatagramChannel.open()) {
            // one channel shared by every thread, as UdpSender shares one; each thread has its own view of the bytes
            ThreadLocal<ByteBuffer> views = ThreadLocal.withInitial(() -> ByteBuffer.wrap(envelope));
            Tally tally = fire(limits, () -> {
                ByteBuffer view = views.get();
                view.rewind();
                channel.send(view, to);
            });
            out.println("mode: raw");
            out.println("sender: DatagramChannel to " + to + " (" + envelope.length + " bytes per datagram)");
            report(limits, tally);
            out.println("raw_stats: sent=" + (tally.attempted - tally.failed) + " failed=" + tally.failed);
            if (tally.firstError != null) {
                err.println("metlog: mb: " + tally.failed + " datagrams failed; the first: " + tally.firstError);
            }
        }
    }

    /** @return the envelope a client would send, serialized once: what {@code --raw} sends again and again */
    static byte[] envelope() {
        DebugCaptureSender capture = new DebugCaptureSender();
        try (MetlogClient client = MetlogClient.builder().sender(capture).logger(LOGGER)
            .severity(Severity.INFORMATIONAL).build()) {
            client.metlog(TYPE, PAYLOAD);
        }
        List<String> captured = capture.messages();
        return captured.get(captured.size() - 1).getBytes(StandardCharsets.UTF_8);
    }

    /** Runs {@code shot} from {@code limits.threads} threads until the count or the duration is reached. */
    private static Tally fire(Limits limits, Shot shot) {
        AtomicLong claimed = new AtomicLong();
        AtomicLong attempted = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<IOException> firstError = new AtomicReference<>();
        long start = System.nanoTime();
        long deadline = start + limits.durationNanos;
        Runnable loop = () -> {
            long mine = 0;
            long myFailures = 0;
            while (true) {
                if (mine % CLOCK_EVERY == 0 && System.nanoTime() - deadline >= 0) {
                    break;
                }
                if (claimed.getAndIncrement() >= limits.count) {
                    break;
                }
                mine++;
                try {
                    shot.fire();
                } catch (IOException e) {
                    myFailures++;
                    firstError.compareAndSet(null, e);
                }
            }
            attempted.addAndGet(mine);
            failed.addAndGet(myFailures);
        };
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < limits.threads; i++) {
            Thread t = new Thread(loop, "metlog-mb-" + (i + 1));
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            joinUninterruptibly(t);
        }
        long elapsed = System.nanoTime() - start;
        return new Tally(attempted.get(), failed.get(), elapsed, firstError.get());
    }

    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void report(Limits limits, Tally tally) {
        double seconds = tally.elapsedNanos / 1e9;
        out.println("threads: " + limits.threads);
        out.println("messages_sent: " + tally.attempted);
        out.println("elapsed_seconds: " + String.format(Locale.ROOT, "%.3f", seconds));
        out.println("messages_per_second: " + String.format(Locale.ROOT, "%.0f", tally.attempted / seconds));
    }

    /** @return the counters as {@code sent=N filtered=N dropped_queue_full=N dropped_too_large=N failed=N} */
    static String format(DeliveryStats s) {
        return "sent=" + s.sent() + " filtered=" + s.filtered() + " dropped_queue_full=" + s.droppedQueueFull()
            + " dropped_too_large=" + s.droppedTooLarge() + " failed=" + s.failed();
    }

    private void awaitConnection(MetlogClient client) {
        if (!client.sender().awaitConnection(connectWait)) {
            err.println("metlog: " + client.sender() + " is not connected after " + connectWait.toMillis()
                + " ms; sending anyway");
        }
    }

    private static long count(Args args) throws UsageException {
        String v = args.value("count");
        if (v == null) {
            return Long.MAX_VALUE;
        }
        try {
            long n = Long.parseLong(v.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--count " + v + ": expected a whole number of messages, at least 1");
    }

    private static long durationNanos(Args args) throws UsageException {
        String v = args.value("duration");
        if (v == null) {
            return (long) (DEFAULT_DURATION_SECONDS * 1e9);
        }
        try {
            double seconds = Double.parseDouble(v.trim());
            if (seconds > 0 && seconds <= MAX_DURATION_SECONDS) {
                return Math.max(1, (long) (seconds * 1e9));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--duration " + v + ": expected seconds, more than 0 and at most "
            + (long) MAX_DURATION_SECONDS);
    }

    private static int port(String v) throws UsageException {
        try {
            int port = Integer.parseInt(v.trim());
            if (port >= 1 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("mb PORT " + v + ": expected an integer from 1 to 65535");
    }
}
