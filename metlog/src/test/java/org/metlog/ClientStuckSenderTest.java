package org.metlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.metlog.message.DeliveryStats;
import org.metlog.message.Message;
import org.metlog.senders.AsyncSender;
import org.metlog.senders.StreamSender;
import org.metlog.testing.Deadline;
import org.metlog.testing.MetlogThreads;
import org.metlog.testing.RecordingErrorHandler;
import org.metlog.testing.StoppableFifoReader;

/**
 * A client whose asynchronous sender's delegate is stuck in {@code write(2)} on a FIFO whose reader is stopped:
 * the client's {@code flush()} and {@code close()} return within their bound and count every message once.
 */
class ClientStuckSenderTest {
    /** A hang detector, not a timing threshold: the close timeout under test is 200 ms. */
    private static final Duration HANG = Duration.ofSeconds(10);
    private static final Duration BOUND = Duration.ofSeconds(60);
    /** About 520 KB in all: far more than the 64 KiB a pipe holds, so the writer must block. */
    private static final int MESSAGES = 1000;
    private static final String PADDING = "x".repeat(500);

    @Test
    void client_flush_and_close_return_within_their_bound_while_an_async_sender_is_stuck_on_a_stopped_reader() {
        assertTimeoutPreemptively(BOUND, () -> {
            RecordingErrorHandler errors = new RecordingErrorHandler();
            try (StoppableFifoReader fifo = StoppableFifoReader.start()) {
                fifo.stop();
                AsyncSender async = AsyncSender.builder(new StreamSender(fifo.writer(), Message::payload))
                    .capacity(MESSAGES).closeTimeout(Duration.ofMillis(200)).shutdownHook(false)
                    .errorHandler(errors).build();
                MetlogClient client = MetlogClient.builder().sender(async).errorHandler(errors).build();
                for (int i = 0; i < MESSAGES; i++) {
                    client.metlog("line", i + " " + PADDING);
                }
                assertTimeoutPreemptively(HANG, client::flush);
                assertTimeoutPreemptively(HANG, client::close);
                DeliveryStats atClose = client.deliveryStats();
                assertEquals(MESSAGES, atClose.total(), atClose.toString());
                assertTrue(atClose.droppedQueueFull() > 0, atClose.toString());

                fifo.resume();
                String worker = async.threadName();
                assertTrue(Deadline.await(BOUND, () -> MetlogThreads.live().stream()
                    .noneMatch(t -> t.getName().equals(worker))), worker + " is still alive");
                List<String> lines = fifo.finish();
                DeliveryStats sender = async.deliveryStats();
                assertEquals(MESSAGES, sender.total(), sender.toString());
                assertEquals(lines.size(), sender.sent(), sender.toString());
                // the client took its closed sender's counts when close returned: the message the delegate was
                // stuck on is a drop there, although the reader got it later; still counted exactly once
                assertEquals(atClose, client.deliveryStats());
                assertEquals(lines.size() - 1, atClose.sent(), atClose.toString());
            }
        });
    }
}
