package org.metlog.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.metlog.message.DeliveryStats;
import org.metlog.senders.DebugCaptureSender;
import org.metlog.senders.NoSendSender;
import org.metlog.spi.Sender;
import org.metlog.testing.RecordingErrorHandler;

/**
 * The senders without a destination outside the JVM. Neither has a receiver that can be absent or stop reading,
 * by its nature; their cells still run every shape, and say what it means:
 *
 * <ul>
 *   <li>{@code DebugCaptureSender}: its capture is the receiver. ABSENT and STALLED give the plain workload (at
 *       most 40 messages: the capture keeps the last {@value DebugCaptureSender#CAPACITY}, as metlog-py's deque
 *       does, and a message it forgets later was delivered to it all the same) and check that every one was
 *       captured; UNENCODABLE checks the hostile ones were captured, described or cut.</li>
 *   <li>{@code NoSendSender}: it is the absent destination itself; in every shape nothing arrives and each message
 *       is counted as failed.</li>
 * </ul>
 */
final class MemoryRigs {
    private MemoryRigs() {
    }

    static List<Rig> all() {
        return List.of(new Rig() {
            @Override
            public String name() {
                return "DebugCaptureSender";
            }

            @Override
            public Cell open(Shape shape) {
                return new DebugCell();
            }
        }, new Rig() {
            @Override
            public String name() {
                return "NoSendSender";
            }

            @Override
            public Cell open(Shape shape) {
                return new NoSendCell();
            }
        });
    }

    private static final class DebugCell extends Cell {
        private final DebugCaptureSender sender = new DebugCaptureSender();

        @Override
        Sender sender() {
            return sender;
        }

        @Override
        int delivered(long sent) {
            return sender.messages().size();
        }

        @Override
        void evidence(Shape shape, DeliveryStats stats, int delivered, int accepted) {
            if (shape == Shape.UNENCODABLE) {
                Evidence.standard(shape, stats, delivered, accepted, false, hostileEncoded());
            }
            assertEquals(accepted, delivered, "every message captured: " + stats);
        }
    }

    private static final class NoSendCell extends Cell {
        private final NoSendSender sender = new NoSendSender(Workload.LOGGER, new RecordingErrorHandler());

        @Override
        Sender sender() {
            return sender;
        }

        @Override
        int delivered(long sent) {
            return 0;
        }

        @Override
        void evidence(Shape shape, DeliveryStats stats, int delivered, int accepted) {
            assertEquals(accepted, stats.failed(), "each message counted as failed: " + stats);
            assertTrue(accepted > 0);
        }
    }
}
