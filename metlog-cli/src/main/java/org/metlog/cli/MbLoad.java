package org.metlog.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.metlog.MetlogClient;
import org.metlog.message.Severity;
import org.metlog.senders.DebugCaptureSender;
import org.metlog.spi.Sender;

/** The load {@code mb} generates: the sending threads, the {@code --raw} channel, and the report. */
final class MbLoad {
    /** How many messages a thread sends between two looks at the clock. */
    private static final int CLOCK_EVERY = 64;

    private final PrintStream out;
    private final PrintStream err;

    /**
     * @param out where the report goes
     * @param err where I/O errors of {@code --raw} go
     */
    MbLoad(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** What one sending thread does for each message; returns normally when the message was handed on. */
    @FunctionalInterface
    private interface Shot {
        void fire() throws IOException;
    }

    /** The limits of a run: messages in all, nanoseconds, threads. */
    record Limits(long count, long durationNanos, int threads) {
    }

    /** What the threads of a run did. */
    private record Tally(long attempted, long failed, long elapsedNanos, IOException firstError) {
    }

    /** Sends through {@code client}, closes it, and prints the report with the client's and the sender's counters. */
    void throughClient(MetlogClient client, Limits limits) {
        Sender sender = client.sender();
        Tally tally;
        try (client) {
            tally = fire(limits, () -> client.metlog(MbCommand.TYPE, MbCommand.PAYLOAD));
        }
        // after close: an asynchronous sender has delivered (or counted) what it had queued
        out.println("mode: client");
        out.println("sender: " + sender);
        report(limits, tally);
        out.println("client_delivery_stats: " + CliContext.format(client.deliveryStats()));
        out.println("sender_stats: " + CliContext.format(sender.stats()));
    }

    /**
     * Sends one envelope's bytes again and again to {@code host:port} and prints the report.
     *
     * @return {@link ExitCode#OK} if every datagram was taken by the channel, else {@link ExitCode#UNDELIVERED}
     */
    int raw(String host, int port, Limits limits) {
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
            return tally.failed == 0 ? ExitCode.OK : ExitCode.UNDELIVERED;
        } catch (IOException e) {
            err.println("metlog: mb: cannot open a datagram channel: " + e);
            return ExitCode.UNDELIVERED;
        }
    }

    /** {@return the envelope a client would send, serialized once: what {@code --raw} sends again and again} */
    static byte[] envelope() {
        DebugCaptureSender capture = new DebugCaptureSender();
        try (MetlogClient client = MetlogClient.builder().sender(capture).logger(MbCommand.LOGGER)
            .severity(Severity.INFORMATIONAL).build()) {
            client.metlog(MbCommand.TYPE, MbCommand.PAYLOAD);
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
                // each thread fires at least once: on a loaded machine a thread may start after the deadline
                if (mine > 0 && mine % CLOCK_EVERY == 0 && System.nanoTime() - deadline >= 0) {
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
}
