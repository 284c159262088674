package org.metlog.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.metlog.message.DeliveryStats;

/** The checks that a cell's fault really happened, shared by the rigs. */
final class Evidence {
    private Evidence() {
    }

    /**
     * ABSENT: nothing arrived and every message is counted as not delivered. STALLED behind a small drop queue:
     * the stall filled the queue, so some messages were dropped and counted; without one: nothing was lost while
     * the receiver did not read. UNENCODABLE: each message with a hostile field set that was encoded (not dropped
     * by a full queue first) was encoded with a description or a cut and counted once as truncated
     * ({@code hostileEncoded} of them, for the sender), and the plain ones arrived.
     */
    static void standard(Shape shape, DeliveryStats stats, int delivered, int accepted, boolean smallQueue,
                         int hostileEncoded) {
        switch (shape) {
            case ABSENT -> {
                assertEquals(0, delivered, "nothing can arrive: " + stats);
                assertEquals(accepted, stats.dropped(), "every message counted as not delivered: " + stats);
            }
            case STALLED -> {
                if (smallQueue) {
                    assertTrue(stats.droppedQueueFull() > 0, "the stall filled the queue: " + stats);
                    assertTrue(delivered > 0, "what was queued arrived once the reader went on: " + stats);
                } else {
                    assertEquals(accepted - stats.filtered(), delivered, "nothing lost while stalled: " + stats);
                }
            }
            default -> {
                // a message a full queue dropped before it was encoded was never cut: at most those fewer
                assertTrue(stats.truncated() <= hostileEncoded
                        && stats.truncated() >= hostileEncoded - stats.droppedQueueFull(),
                    "each hostile message that was encoded was described or cut, and counted once: " + stats);
                assertTrue(delivered >= Workload.hostileFieldSets().size(), "the plain ones arrived: " + stats);
            }
        }
    }
}
