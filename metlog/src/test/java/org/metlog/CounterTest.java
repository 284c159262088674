package org.metlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.metlog.senders.DebugCaptureSender;
import org.metlog.testing.ScriptedRandom;

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
    void rate_one_half_sends_the_calls_whose_draw_is_below_one_half_and_reports_the_rate() {
        ScriptedRandom random = new ScriptedRandom(0.0, 0.49, 0.5, 0.99);
        MetlogClient sampled = MetlogClient.builder().sender(sender).random(random).build();
        int calls = 20_000;
        for (int i = 0; i < calls; i++) {
            sampled.incr("hits", 1, 0.5);
        }
        assertEquals(calls, random.draws(), "one draw per call");
        assertEquals(10_000, sampled.stats().sent(), "a draw equal to the rate is sampled out");
        assertEquals(0.5, ((Map<?, ?>) sender.last().get("fields")).get("rate"));
    }

    @Test
    void a_rate_of_one_never_consults_the_random_source() {
        MetlogClient exact = MetlogClient.builder().sender(sender).random(ScriptedRandom.never()).build();
        exact.incr("hits");
        exact.incr("hits", 2, 1.0);
        exact.decr("hits");
        exact.gauge("depth", 3);
        exact.gauge("load", 0.5, 1.0);
        exact.startTimer("t");
        exact.stopTimer("t");
        exact.startAccumulator("a");
        exact.stopAccumulator("a");
        exact.flushAccumulators();
        exact.sendStat("custom", "x", "1", 0.5, null, null, null);
        assertEquals(8, exact.stats().sent());
    }

    @Test
    void a_sampled_out_counter_is_not_counted_anywhere() {
        MetlogClient sampled = MetlogClient.builder().sender(sender).random(new ScriptedRandom(0.9)).build();
        sampled.incr("hits", 1, 0.5);
        assertEquals(0, sampled.stats().total());
        assertEquals(0, sender.messages().size());
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
