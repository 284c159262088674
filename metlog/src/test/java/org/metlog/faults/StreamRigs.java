package org.metlog.faults;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.metlog.message.DeliveryStats;
import org.metlog.senders.FaultHooks;
import org.metlog.senders.FileSender;
import org.metlog.senders.Formatters;
import org.metlog.senders.StdoutSender;
import org.metlog.senders.StreamSender;
import org.metlog.spi.Sender;
import org.metlog.testing.RecordingErrorHandler;
import org.metlog.testing.StoppableFifoReader;

/**
 * The stream senders, each writing one compact JSON line per message into a real named pipe read by a real
 * {@code cat} ({@link StoppableFifoReader}); what {@code cat} wrote out is what was delivered.
 *
 * <ul>
 *   <li>ABSENT: the pipe's reader is killed before the first message, so every write fails ({@code EPIPE}; for
 *       {@code StdoutSender} the {@code PrintStream} swallows it and the sender asks {@code checkError()}).
 *       {@code FileSender} also shows its other absent destination, a file in a missing directory: building it
 *       fails with an {@code UncheckedIOException} (configuration fails fast), so no message can be lost to it.</li>
 *   <li>STALLED: the reader is stopped ({@code SIGSTOP}) before the first message and resumed after the last.
 *       A synchronous stream sender blocks its caller in {@code write(2)} once the pipe's 64 KiB are full, by
 *       design (docs/api.md says so), so the cell wraps it in an {@code AsyncSender} of 16 messages that drops
 *       when full: 300 messages of about 1 KB cannot fit into the queue and the pipe, so some are dropped and
 *       counted.</li>
 *   <li>UNENCODABLE: the reader runs; the sender is used directly.</li>
 * </ul>
 */
final class StreamRigs {
    private StreamRigs() {
    }

    static List<Rig> all() {
        return List.of(rig("StdoutSender", Kind.STDOUT, false), rig("FileSender", Kind.FILE, false),
            rig("StreamSender", Kind.STREAM, false), rig("AsyncSender(StreamSender)", Kind.STREAM, true));
    }

    private enum Kind { STDOUT, FILE, STREAM }

    private static Rig rig(String name, Kind kind, boolean alwaysAsync) {
        return new Rig() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Cell open(Shape shape) throws Exception {
                return new FifoCell(kind, shape, alwaysAsync || shape == Shape.STALLED);
            }
        };
    }

    private static final class FifoCell extends Cell {
        private final StoppableFifoReader fifo;
        private final Sender sender;
        private final PrintStream swappedOut;
        private final PrintStream originalOut = System.out;
        private final boolean async;
        private final boolean stalled;

        FifoCell(Kind kind, Shape shape, boolean async) throws Exception {
            this.async = async;
            this.stalled = shape == Shape.STALLED;
            this.fifo = StoppableFifoReader.start();
            RecordingErrorHandler errors = new RecordingErrorHandler();
            Sender plain;
            if (kind == Kind.STDOUT) {
                swappedOut = new PrintStream(new FileOutputStream(fifo.path().toFile()), true);
                System.setOut(swappedOut); // StdoutSender takes System.out as it is when built
                plain = new StdoutSender(Formatters::compactJson);
            } else if (kind == Kind.FILE) {
                swappedOut = null;
                Path missing = Files.createTempDirectory("metlog-matrix").resolve("gone/metlog.json");
                assertThrows(UncheckedIOException.class, () -> new FileSender(missing, Formatters::compactJson),
                    "a file in a missing directory fails the building, not the sending");
                plain = new FileSender(fifo.path(), Formatters::compactJson);
            } else {
                swappedOut = null;
                plain = new StreamSender(fifo.writer(), Formatters::compactJson);
            }
            this.sender = async ? FaultHooks.async(plain, 16, errors) : plain;
            if (shape == Shape.ABSENT) {
                fifo.kill();
            } else if (shape == Shape.STALLED) {
                fifo.stop();
            }
        }

        @Override
        Sender sender() {
            return sender;
        }

        @Override
        int stalledMessages() {
            return 300;
        }

        @Override
        int stalledPayload() {
            return 1_000;
        }

        @Override
        void release() throws Exception {
            if (stalled) {
                fifo.resume();
            }
        }

        @Override
        int delivered(long sent) throws Exception {
            restoreOut();
            return (int) fifo.finish().stream().filter(l -> l.contains("\"" + Workload.LOGGER + "\"")).count();
        }

        @Override
        void evidence(Shape shape, DeliveryStats stats, int delivered, int accepted) {
            Evidence.standard(shape, stats, delivered, accepted, async, hostileEncoded());
        }

        private void restoreOut() {
            if (swappedOut != null && System.out == swappedOut) {
                System.setOut(originalOut);
                swappedOut.close();
            }
        }

        @Override
        public void close() throws IOException, InterruptedException {
            restoreOut();
            fifo.close();
        }
    }
}
