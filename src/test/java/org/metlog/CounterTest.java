package org.metlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.metlog.senders.DebugCaptureSender;

class CounterTest {
    private final DebugCaptureSender sender = new DebugCaptureSender();
    private final MetlogClient client = MetlogClient.builder().sender(sender).logger("counters").build();

    @Test
    void incr_sends_a_counter_with_the_count_as_payload_and_name_and_rate_fields() {
        client.incr("hits", 3);
        Map<String, Object> msg = sender.last();
        assertEquals("counter", msg.get("type"));
        assertEquals("3", msg.get("payload"));
        assertEquals(Map.of("name", "hits", "rate", 1.0), msg.get("fields"));
        assertEquals("counters", msg.get("logger"));
        assertEquals(6, msg.get("severity"));
    }

    @Test
    void incr_without_a_count_counts_one() {
        client.incr("hits");
        assertEquals("1", sender.last().get("payload"));
    }

    @Test
    void incr_accepts_negative_counts() {
        client.incr("hits", -2);
        assertEquals("-2", sender.last().get("payload"));
    }

    @Test
    void incr_with_logger_severity_and_fields_keeps_name_and_rate() {
        client.incr("hits", 1, 1.0, "other", 3, Map.of("shard", "a"));
        Map<String, Object> msg = sender.last();
        assertEquals("other", msg.get("logger"));
        assertEquals(3, msg.get("severity"));
        assertEquals(Map.of("shard", "a", "name", "hits", "rate", 1.0), msg.get("fields"));
    }

    @Test
    void name_and_rate_win_over_caller_fields_of_the_same_name() {
        client.incr("hits", 1, 1.0, null, null, Map.of("name", "spoof", "rate", 9));
        assertEquals(Map.of("name", "hits", "rate", 1.0), sender.last().get("fields"));
    }

    @Test
    void rate_zero_sends_nothing() {
        for (int i = 0; i < 1000; i++) {
            client.incr("hits", 1, 0.0);
        }
        assertEquals(0, sender.messages().size());
        assertEquals(0, client.stats().total());
    }

    @Test
    void rate_one_sends_every_call() {
        for (int i = 0; i < 1000; i++) {
            client.incr("hits", 1, 1.0);
        }
        assertEquals(1000, client.stats().sent());
    }

    @Test
    void rate_one_half_sends_about_half_of_the_calls_and_reports_the_rate() {
        int calls = 20_000;
        for (int i = 0; i < calls; i++) {
            client.incr("hits", 1, 0.5);
        }
        long sent = client.stats().sent();
        // expected 10000, standard deviation about 71: this band is more than 14 deviations wide on each side
        assertTrue(sent > 9_000 && sent < 11_000, "sent " + sent + " of " + calls);
        assertEquals(0.5, ((Map<?, ?>) sender.last().get("fields")).get("rate"));
    }

    @Test
    void rates_outside_0_to_1_are_rejected() {
        assertThrows(IllegalArgumentException.class, () -> client.incr("hits", 1, 1.5));
        assertThrows(IllegalArgumentException.class, () -> client.incr("hits", 1, -0.1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> client.incr("hits", 1, Double.NaN));
        assertTrue(e.getMessage().contains("0 to 1"), e.getMessage());
        assertEquals(0, sender.messages().size());
    }

    @Test
    void send_stat_sends_any_statistic_type_with_name_and_rate() {
        for (int i = 0; i < 50; i++) {
            client.sendStat("gauge", "queue.depth", "17", 0.25, null, null, Map.of("queue", "mail"));
        }
        assertEquals(50, client.stats().sent(), "sendStat sends every call; the rate is information");
        Map<String, Object> msg = sender.last();
        assertEquals("gauge", msg.get("type"));
        assertEquals("17", msg.get("payload"));
        assertEquals(Map.of("queue", "mail", "name", "queue.depth", "rate", 0.25), msg.get("fields"));
        for (int i = 0; i < 50; i++) {
            client.gauge("never", 1, 0.0);
        }
        assertEquals(50, client.stats().sent(), "the sampling methods enforce the rate");
    }

    @Test
    void a_null_counter_name_is_rejected() {
        assertThrows(IllegalArgumentException.class, () -> client.incr(null));
    }
}
