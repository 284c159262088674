package org.metlog.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.metlog.MetlogClient;
import org.metlog.message.DeliveryStats;
import org.metlog.testing.RecordingErrorHandler;
import org.metlog.testing.StdCapture;

/**
 * Issue 11's matrix: every sender of the library under every {@link Shape}, each with its real receiver. For every
 * cell, after the client is closed: what the test gave the client equals what arrived at the receiver plus what the
 * client counted as dropped, filtered or failed ({@code deliveryStats()}), and {@code deliveryStats().total()}
 * equals what was given. No call of the client throws, and none blocks beyond its bound: giving every message
 * (the senders never wait: full queues drop and count) and closing (at most the async close timeout plus 100 ms,
 * twice, as docs/delivery.md says) run under hang detectors, not timing thresholds.
 */
class FaultMatrixTest {
    /** Giving a few hundred messages never waits for a receiver: generous, to catch a hang, not to time. */
    private static final Duration GIVING = Duration.ofSeconds(20);
    /** MetlogClient.close() on an async sender: flush and close, each at most the 10 s close timeout (+100 ms). */
    private static final Duration CLOSING = Duration.ofSeconds(25);

    static List<Rig> rigs() {
        List<Rig> rigs = new ArrayList<>();
        rigs.addAll(StreamRigs.all());
        rigs.addAll(MemoryRigs.all());
        rigs.addAll(DatagramRigs.all());
        rigs.addAll(ZmqRigs.all());
        rigs.addAll(LoggingRigs.all());
        rigs.addAll(TcpRigs.all());
        return rigs;
    }

    @TestFactory
    Stream<DynamicTest> every_sender_under_every_shape_delivers_or_counts_each_accepted_message() {
        return rigs().stream().flatMap(rig -> Stream.of(Shape.values()).map(shape -> DynamicTest.dynamicTest(
            rig.name() + " " + shape, () -> check(rig, shape))));
    }

    private static void check(Rig rig, Shape shape) throws Exception {
        RecordingErrorHandler errors = new RecordingErrorHandler();
        // the ZeroMQ handshake sender writes what it could not deliver to stderr, by design: kept off the console
        try (StdCapture diverted = StdCapture.stderr(); Cell cell = rig.open(shape)) {
            MetlogClient client = MetlogClient.builder().sender(cell.sender()).logger(Workload.LOGGER)
                .errorHandler(errors).build();
            int accepted = assertTimeoutPreemptively(GIVING, () -> Workload.run(client, shape, cell),
                "giving messages waited for the receiver");
            cell.release();
            assertTimeoutPreemptively(CLOSING, client::close, "close() went past its bound");
            DeliveryStats stats = client.deliveryStats();
            int delivered = cell.delivered(stats.sent());
            String why = rig.name() + " " + shape + ": " + stats + ", delivered " + delivered + ", client errors "
                + errors.problems();
            assertEquals(accepted, stats.total(), "deliveryStats().total() == accepted; " + why);
            assertEquals(accepted, delivered + stats.dropped(), "accepted == delivered + counted drops; " + why);
            cell.evidence(shape, stats, delivered, accepted);
        }
    }
}
