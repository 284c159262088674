package org.metlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.metlog.message.DeliveryStats;
import org.metlog.message.Message;
import org.metlog.senders.AsyncSender;
import org.metlog.senders.DebugCaptureSender;
import org.metlog.senders.StreamSender;
import org.metlog.spi.Sender;
import org.metlog.testing.Race;

/**
 * Issue 11, case 6: reconfiguring a client in place while threads send loses no count. Threads that still hold
 * the old settings when the sender is replaced are counted exactly once: by the old sender, or by the new one.
 */
class ReconfigureUnderLoadTest {
    private static final int SENDERS = 8;
    private static final int RECONFIGURATIONS = 50;

    /** A sender that does not count, so the client's own account of it is what counts. */
    static final class UncountedSender implements Sender {
        @Override
        public void send(Message message) {
            message.type(); // takes it, counts nothing
        }
    }

    /** {@return the sender of reconfiguration {@code i}: counting, not counting, a stream, or asynchronous} */
    private static Sender sender(int i) {
        return switch (i % 4) {
            case 0 -> new DebugCaptureSender();
            case 1 -> new UncountedSender();
            case 2 -> new StreamSender(OutputStream.nullOutputStream(), Message::toJson);
            default -> AsyncSender.builder(new DebugCaptureSender()).shutdownHook(false).build();
        };
    }

    @RepeatedTest(20)
    void every_message_sent_while_the_sender_is_replaced_fifty_times_is_counted_exactly_once() {
        MetlogClient client = MetlogClient.builder().sender(sender(0)).logger("load").errorHandler(e -> { })
            .build();
        AtomicInteger roles = new AtomicInteger();
        AtomicBoolean done = new AtomicBoolean();
        List<Long> accepted = Race.run(SENDERS + 1, () -> {
            if (roles.getAndIncrement() == 0) {
                for (int i = 1; i <= RECONFIGURATIONS; i++) {
                    client.setup(sender(i), "load", 6, null, null);
                }
                done.set(true);
                return 0L;
            }
            long sent = 0;
            while (!done.get()) {
                client.incr("hits");
                sent++;
            }
            return sent;
        });
        long total = accepted.stream().mapToLong(Long::longValue).sum();
        assertTrue(total > 0, "the threads sent");
        client.flush();
        DeliveryStats endToEnd = client.deliveryStats();
        assertEquals(total, endToEnd.total(), () -> "every accepted message counted once: " + endToEnd);
        assertEquals(total, client.stats().total(), () -> "the client's own view too: " + client.stats());
        client.close();
        assertEquals(total, client.deliveryStats().total(), "closing neither loses nor adds a count");
    }
}
