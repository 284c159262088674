package org.metlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.metlog.message.Message;
import org.metlog.message.Messages;
import org.metlog.spi.DeliveryError;
import org.metlog.spi.Filter;
import org.metlog.spi.Sender;
import org.metlog.testing.RecordingErrorHandler;

/**
 * Statistics travel in reused message objects when nothing on their path may keep one (no filter, a sender whose
 * {@code keepsMessages()} is false), so that {@code incr}, {@code timer} and {@code gauge} allocate no message;
 * anything that would keep one anyway gets a copy that stays intact.
 */
class MessageReuseTest {
    /** Records the message objects it is handed and their JSON at the time; optionally fails every send. */
    private static final class Recording implements Sender {
        final List<Message> objects = new ArrayList<>();
        final List<String> json = new ArrayList<>();
        final boolean keeps;
        final boolean fails;

        Recording(boolean keeps, boolean fails) {
            this.keeps = keeps;
            this.fails = fails;
        }

        @Override
        public boolean keepsMessages() {
            return keeps;
        }

        @Override
        public void send(Message message) {
            objects.add(message);
            json.add(message.toJson());
            if (fails) {
                throw new IllegalStateException("refused");
            }
        }
    }

    private static MetlogClient client(Sender sender, List<Filter> filters, RecordingErrorHandler errors) {
        return MetlogClient.builder().sender(sender).logger("app").filters(filters).errorHandler(errors).build();
    }

    @Test
    void a_sender_that_keeps_no_message_is_handed_the_same_object_with_each_statistics_content() {
        Recording sender = new Recording(false, false);
        try (MetlogClient client = client(sender, List.of(), RecordingErrorHandler.create())) {
            client.incr("a");
            client.timerSend("b", 12);
            client.gauge("c", 2.5);
            assertSame(sender.objects.get(0), sender.objects.get(1));
            assertSame(sender.objects.get(1), sender.objects.get(2));
            assertTrue(sender.json.get(0).contains("\"type\":\"counter\"") && sender.json.get(0).contains("\"a\""));
            assertTrue(sender.json.get(1).contains("\"type\":\"timer\"") && sender.json.get(1).contains("\"12\""));
            assertTrue(sender.json.get(2).contains("\"type\":\"gauge\"") && sender.json.get(2).contains("\"2.5\""));
            assertFalse(Messages.isLent(sender.objects.get(0)), "given back once the send returned");
        }
    }

    @Test
    void a_sender_that_may_keep_messages_gets_a_new_one_each_time_that_stays_intact() {
        Recording sender = new Recording(true, false);
        try (MetlogClient client = client(sender, List.of(), RecordingErrorHandler.create())) {
            client.incr("a");
            client.incr("b");
            assertNotSame(sender.objects.get(0), sender.objects.get(1));
            assertEquals("a", sender.objects.get(0).field("name"));
            assertEquals("b", sender.objects.get(1).field("name"));
        }
    }

    @Test
    void with_a_filter_the_messages_are_not_reused_since_a_filter_may_keep_one() {
        List<Message> seen = new ArrayList<>();
        Filter keeper = message -> seen.add(message);
        Recording sender = new Recording(false, false);
        try (MetlogClient client = client(sender, List.of(keeper), RecordingErrorHandler.create())) {
            client.incr("a");
            client.incr("b");
            assertNotSame(seen.get(0), seen.get(1));
            assertEquals("a", seen.get(0).field("name"));
        }
    }

    @Test
    void an_error_report_holds_a_copy_that_later_statistics_do_not_change() {
        Recording sender = new Recording(false, true);
        RecordingErrorHandler errors = RecordingErrorHandler.create();
        try (MetlogClient client = client(sender, List.of(), errors)) {
            client.incr("first");
            client.incr("second");
            client.gauge("third", 7);
            List<DeliveryError> reported = errors.errors();
            assertEquals(3, reported.size());
            assertEquals("first", reported.get(0).message().field("name"));
            assertEquals("second", reported.get(1).message().field("name"));
            assertEquals("7", reported.get(2).message().payload());
            assertNotSame(sender.objects.get(0), reported.get(0).message());
            assertEquals(3, client.deliveryStats().failed());
        }
    }

    @Test
    void a_cut_message_is_counted_once_though_a_copy_of_it_is_encoded_again_in_its_error_report() {
        Recording sender = new Recording(false, true);
        RecordingErrorHandler errors = RecordingErrorHandler.create();
        try (MetlogClient client = client(sender, List.of(), errors)) {
            client.incr("wide", 1, 1.0, null, null, Map.of("list", Collections.nCopies(20_000, 1)));
            String line = errors.errors().get(0).line(); // encodes the copy
            assertTrue(line.contains("[truncated"), line);
            client.incr("wide again", 1, 1.0, null, null, Map.of("list", Collections.nCopies(20_000, 1)));
            assertEquals(2, client.deliveryStats().truncated(), "each cut message once, the reused object too");
        }
    }

    @Test
    void a_copy_of_a_lent_message_is_its_own_and_a_message_not_lent_is_returned_as_it_is() {
        Message built = Message.builder("t").payload("p").build();
        assertSame(built, Messages.detached(built));
        assertEquals(null, Messages.detached(null));
    }
}
