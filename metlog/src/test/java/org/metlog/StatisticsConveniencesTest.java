package org.metlog;
import org.metlog.message.Message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.metlog.senders.DebugCaptureSender;
import org.metlog.spi.Sender;
import org.metlog.testing.ManualNanoClock;
import org.metlog.testing.ScriptedRandom;
import org.metlog.testing.StdCapture;

class StatisticsConveniencesTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    /** Records every message, unlike the 100-message ring of DebugCaptureSender. */
    static final class RecordingSender implements Sender {
        final List<Message> messages = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public void send(Message message) {
            messages.add(message);
        }

        List<Message> ofType(String type) {
            synchronized (messages) {
                return messages.stream().filter(m -> m.type().equals(type)).toList();
            }
        }
    }

    private final DebugCaptureSender capture = new DebugCaptureSender();
    private final ManualNanoClock clock = new ManualNanoClock();
    private final MetlogClient client = MetlogClient.builder().sender(capture).logger("stats").nanoClock(clock)
        .build();

    /** A client whose sampling decisions are the given draws, in turn. */
    private static MetlogClient sampled(Sender sender, ScriptedRandom random) {
        return MetlogClient.builder().sender(sender).random(random).build();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fields(Map<String, Object> message) {
        return (Map<String, Object>) message.get("fields");
    }

    /** Lets {@code ms} milliseconds pass on the calling thread's manual clock. */
    private void sleep(long ms) {
        clock.advanceMillis(ms);
    }

    private long lastPayload() {
        return Long.parseLong((String) capture.last().get("payload"));
    }

    // ------------------------------------------------------------- counters

    @Test
    void decr_sends_a_counter_of_minus_one() {
        client.decr("jobs");
        Map<String, Object> msg = capture.last();
        assertEquals("counter", msg.get("type"));
        assertEquals("-1", msg.get("payload"));
        assertEquals(Map.of("name", "jobs", "rate", 1.0), fields(msg));
    }

    @Test
    void decr_with_a_count_sends_its_negation() {
        client.decr("jobs", 7);
        assertEquals("-7", capture.last().get("payload"));
        client.decr("jobs", -2);
        assertEquals("2", capture.last().get("payload"));
    }

    @Test
    void incr_accepts_negative_counts_like_pylogd_change_by() {
        client.incr("balance", -10);
        assertEquals("-10", capture.last().get("payload"));
    }

    @Test
    void decr_by_long_min_value_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> client.decr("x", Long.MIN_VALUE));
    }

    @Test
    void decr_with_a_rate_of_one_always_sends_and_records_the_rate() {
        client.decr("jobs", 3, 1.0);
        assertEquals(Map.of("name", "jobs", "rate", 1.0), fields(capture.last()));
    }

    @Test
    void decr_with_a_rate_of_zero_never_sends() {
        for (int i = 0; i < 200; i++) {
            client.decr("jobs", 1, 0.0);
        }
        assertTrue(capture.messages().isEmpty());
    }

    @Test
    void decr_with_a_rate_sends_the_calls_whose_draw_is_below_it_and_records_the_rate() {
        RecordingSender sender = new RecordingSender();
        ScriptedRandom random = new ScriptedRandom(0.0, 0.25, 0.5, 0.99);
        MetlogClient c = sampled(sender, random);
        for (int i = 0; i < 4000; i++) {
            c.decr("jobs", 1, 0.25);
        }
        assertEquals(4000, random.draws());
        assertEquals(1000, sender.messages.size(), "only the draw 0.0 is below 0.25");
        assertEquals(0.25, sender.messages.get(0).field("rate"));
        assertEquals("-1", sender.messages.get(0).payload());
    }

    @Test
    void decr_rejects_a_rate_outside_zero_to_one() {
        assertThrows(IllegalArgumentException.class, () -> client.decr("x", 1, 1.5));
    }

    // ------------------------------------------------------------- gauges

    @Test
    void gauge_sends_a_gauge_message_with_the_value_as_payload() {
        client.gauge("queue.depth", 30);
        Map<String, Object> msg = capture.last();
        assertEquals("gauge", msg.get("type"));
        assertEquals("30", msg.get("payload"));
        assertEquals(Map.of("name", "queue.depth", "rate", 1.0), fields(msg));
        assertEquals("stats", msg.get("logger"));
    }

    @Test
    void gauge_accepts_negative_values() {
        client.gauge("temperature", -4);
        assertEquals("-4", capture.last().get("payload"));
    }

    @Test
    void decimal_gauges_drop_the_fraction_of_whole_numbers() {
        client.gauge("g", 30.0);
        assertEquals("30", capture.last().get("payload"));
        client.gauge("g", -0.0);
        assertEquals("0", capture.last().get("payload"));
        client.gauge("g", 0.25);
        assertEquals("0.25", capture.last().get("payload"));
        client.gauge("g", -12.5);
        assertEquals("-12.5", capture.last().get("payload"));
        client.gauge("g", 1e21);
        assertEquals("1.0E21", capture.last().get("payload"));
    }

    @Test
    void gauges_that_are_not_finite_are_counted_as_failed_and_not_sent() throws Exception {
        String printed = StdCapture.stderrOf(() -> {
            client.gauge("ratio", Double.NaN);
            client.gauge("ratio", Double.POSITIVE_INFINITY, 0.5);
        });
        assertTrue(capture.messages().isEmpty());
        assertEquals(2, client.stats().failed());
        assertTrue(printed.contains("gauge 'ratio' was not sent"));
    }

    @Test
    void gauge_with_a_rate_of_one_sends_and_records_the_rate() {
        client.gauge("g", 5, 1.0);
        client.gauge("h", 2.5, 1.0);
        assertEquals(2, capture.messages().size());
        assertEquals(Map.of("name", "h", "rate", 1.0), fields(capture.last()));
    }

    @Test
    void gauge_with_a_rate_of_zero_never_sends() {
        for (int i = 0; i < 200; i++) {
            client.gauge("g", 5, 0.0);
            client.gauge("g", 5.5, 0.0);
        }
        assertTrue(capture.messages().isEmpty());
    }

    @Test
    void gauge_with_a_rate_sends_the_calls_whose_draw_is_below_it() {
        RecordingSender sender = new RecordingSender();
        ScriptedRandom random = new ScriptedRandom(0.2, 0.7);
        MetlogClient c = sampled(sender, random);
        for (int i = 0; i < 2000; i++) {
            c.gauge("g", 1, 0.5);
            c.gauge("h", 1.5, 0.5);
        }
        assertEquals(4000, random.draws());
        assertEquals(2000, sender.messages.size());
        assertEquals(List.of("g"), sender.messages.stream().map(m -> m.field("name")).distinct().toList(),
            "every whole-number gauge drew 0.2, every decimal one 0.7");
        assertEquals(0.5, sender.messages.get(0).field("rate"));
    }

    @Test
    void gauge_needs_a_name() {
        assertThrows(IllegalArgumentException.class, () -> client.gauge(null, 1));
        assertThrows(IllegalArgumentException.class, () -> client.gauge(null, 1.5));
        assertThrows(IllegalArgumentException.class, () -> client.gauge(null, Double.NaN));
    }

    // ------------------------------------------------------------- prefix

    @Test
    void the_prefix_is_prepended_to_counters_timers_and_gauges_with_a_dot() {
        MetlogClient c = MetlogClient.builder().sender(capture).prefix("myapp").build();
        c.incr("hits");
        c.decr("hits");
        c.timerSend("db", 12);
        c.gauge("depth", 3);
        c.gauge("load", 0.5);
        Timer.Context context = c.timer("render").start();
        context.close();
        c.startTimer("named");
        c.stopTimer("named");
        c.startAccumulator("acc");
        c.stopAccumulator("acc");
        c.flushAccumulator("acc");
        List<String> names = capture.decoded().stream().map(m -> (String) fields(m).get("name")).toList();
        assertEquals(List.of("myapp.hits", "myapp.hits", "myapp.db", "myapp.depth", "myapp.load", "myapp.render",
            "myapp.named", "myapp.acc"), names);
    }

    @Test
    void the_prefix_does_not_touch_log_messages_or_custom_messages() {
        MetlogClient c = MetlogClient.builder().sender(capture).prefix("myapp").logger("app").build();
        c.info("hello");
        c.metlog("custom", "payload", Map.of("name", "thing"));
        List<Map<String, Object>> all = capture.decoded();
        assertEquals("app", all.get(0).get("logger"));
        assertEquals(Map.of(), fields(all.get(0)));
        assertEquals(Map.of("name", "thing"), fields(all.get(1)));
    }

    @Test
    void without_a_prefix_names_are_sent_unchanged() {
        client.incr("plain");
        assertEquals("plain", fields(capture.last()).get("name"));
        assertEquals("", client.prefix());
    }

    @Test
    void reconfiguring_the_prefix_applies_to_the_next_statistic() {
        client.incr("a");
        MetlogClient.builder().sender(capture).prefix("svc").configure(client);
        client.incr("a");
        List<Map<String, Object>> all = capture.decoded();
        assertEquals("a", fields(all.get(0)).get("name"));
        assertEquals("svc.a", fields(all.get(1)).get("name"));
    }

    @Test
    void disabled_timers_are_matched_by_the_name_without_the_prefix() {
        MetlogClient c = MetlogClient.builder().sender(capture).prefix("svc").disabledTimers(List.of("quiet"))
            .build();
        c.startTimer("quiet");
        c.stopTimer("quiet");
        c.timer("quiet").run(() -> { });
        assertTrue(capture.messages().isEmpty());
    }

    // ------------------------------------------------------------- named timers

    @Test
    void a_named_timer_sends_the_elapsed_milliseconds_when_stopped() {
        client.startTimer("work");
        sleep(25);
        client.stopTimer("work");
        Map<String, Object> msg = capture.last();
        assertEquals("timer", msg.get("type"));
        assertEquals(Map.of("name", "work", "rate", 1.0), fields(msg));
        assertEquals("25", msg.get("payload"));
    }

    @Test
    void a_named_timer_can_be_stopped_in_another_method_of_the_same_thread() {
        begin("split");
        sleep(5);
        end("split");
        assertEquals("split", fields(capture.last()).get("name"));
        assertEquals(5, lastPayload());
    }

    private void begin(String name) {
        client.startTimer(name);
    }

    private void end(String name) {
        client.stopTimer(name);
    }

    @Test
    void stopping_a_timer_that_was_never_started_sends_nothing() {
        client.stopTimer("never");
        client.stopTimer(null);
        assertTrue(capture.messages().isEmpty());
        assertEquals(0, client.stats().total());
    }

    @Test
    void stopping_a_timer_twice_sends_once() {
        client.startTimer("once");
        client.stopTimer("once");
        client.stopTimer("once");
        assertEquals(1, capture.messages().size());
    }

    @Test
    void starting_a_running_timer_again_restarts_it() {
        client.startTimer("restart");
        sleep(600);
        client.startTimer("restart");
        sleep(7);
        client.stopTimer("restart");
        assertEquals(1, capture.messages().size());
        assertEquals(7, lastPayload(), "the first start was 607 ms before the stop; the restart 7 ms");
    }

    @Test
    void named_timers_of_one_thread_are_invisible_to_another() throws Exception {
        client.startTimer("shared");
        Thread other = new Thread(() -> client.stopTimer("shared"));
        other.start();
        other.join(DEADLINE.toMillis());
        assertTrue(capture.messages().isEmpty(), "another thread stopped this thread's timer");
        client.stopTimer("shared");
        assertEquals(1, capture.messages().size());
    }

    @Test
    void threads_timing_the_same_name_each_send_their_own_timing() {
        RecordingSender sender = new RecordingSender();
        MetlogClient c = MetlogClient.builder().sender(sender).nanoClock(clock).build();
        int threads = 8;
        CyclicBarrier started = new CyclicBarrier(threads);
        assertTimeoutPreemptively(DEADLINE, () -> {
            List<Thread> all = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                long pause = 10L * (i + 1);
                Thread t = new Thread(() -> {
                    c.startTimer("same");
                    try {
                        started.await();
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                    sleep(pause);
                    c.stopTimer("same");
                    c.stopTimer("same");
                });
                all.add(t);
                t.start();
            }
            for (Thread t : all) {
                t.join();
            }
        });
        assertEquals(threads, sender.ofType("timer").size());
        List<Long> elapsed = sender.ofType("timer").stream().map(m -> Long.parseLong(m.payload())).sorted().toList();
        assertEquals(List.of(10L, 20L, 30L, 40L, 50L, 60L, 70L, 80L), elapsed, "each thread's own pause");
    }

    @Test
    void a_named_timer_with_a_rate_of_zero_never_sends() {
        for (int i = 0; i < 100; i++) {
            client.startTimer("sampled", 0.0);
            client.stopTimer("sampled");
        }
        assertTrue(capture.messages().isEmpty());
    }

    @Test
    void a_named_timer_with_a_rate_sends_the_starts_whose_draw_is_below_it_with_the_rate_field() {
        RecordingSender sender = new RecordingSender();
        ScriptedRandom random = new ScriptedRandom(0.24, 0.25, 0.26, 0.9);
        MetlogClient c = sampled(sender, random);
        for (int i = 0; i < 4000; i++) {
            c.startTimer("sampled", 0.25);
            c.stopTimer("sampled");
        }
        assertEquals(4000, random.draws(), "one draw per start, none per stop");
        assertEquals(1000, sender.messages.size());
        assertEquals(0.25, sender.messages.get(0).field("rate"));
    }

    @Test
    void a_sampled_out_restart_forgets_the_earlier_start() {
        client.startTimer("t");
        client.startTimer("t", 0.0);
        client.stopTimer("t");
        assertTrue(capture.messages().isEmpty());
    }

    @Test
    void a_disabled_named_timer_sends_nothing() {
        MetlogClient c = MetlogClient.builder().sender(capture).disabledTimers(List.of("off")).build();
        c.startTimer("off");
        c.stopTimer("off");
        c.startTimer("on");
        c.stopTimer("on");
        assertEquals(1, capture.messages().size());
        assertEquals("on", fields(capture.last()).get("name"));
    }

    @Test
    void a_named_timer_disabled_while_running_sends_nothing() {
        client.startTimer("late");
        MetlogClient.builder().sender(capture).logger("stats").disabledTimers(List.of("*")).configure(client);
        client.stopTimer("late");
        assertTrue(capture.messages().isEmpty());
    }

    @Test
    void starting_a_timer_needs_a_name_and_a_valid_rate() {
        assertThrows(IllegalArgumentException.class, () -> client.startTimer(null));
        assertThrows(IllegalArgumentException.class, () -> client.startTimer("t", -0.1));
    }

    // ------------------------------------------------------------- accumulators

    @Test
    void an_accumulator_sends_the_sum_of_its_sections_as_one_timer() {
        client.startAccumulator("mysql");
        sleep(20);
        client.stopAccumulator("mysql");
        sleep(100); // not accumulated
        client.startAccumulator("mysql");
        sleep(21);
        client.stopAccumulator("mysql");
        assertTrue(capture.messages().isEmpty(), "stopping a section sends nothing");
        client.flushAccumulator("mysql");
        assertEquals(1, capture.messages().size());
        Map<String, Object> msg = capture.last();
        assertEquals("timer", msg.get("type"));
        assertEquals(Map.of("name", "mysql", "rate", 1.0), fields(msg));
        assertEquals("41", msg.get("payload"));
    }

    @Test
    void flushing_resets_the_accumulator() {
        client.startAccumulator("acc");
        sleep(400);
        client.stopAccumulator("acc");
        client.flushAccumulator("acc");
        client.flushAccumulator("acc");
        assertEquals(1, capture.messages().size(), "a second flush with nothing accumulated sends nothing");
        client.startAccumulator("acc");
        sleep(3);
        client.stopAccumulator("acc");
        client.flushAccumulator("acc");
        assertEquals(2, capture.messages().size());
        assertEquals(3, lastPayload(), "the total was reset");
    }

    @Test
    void stopping_or_flushing_an_unknown_accumulator_does_nothing() {
        client.stopAccumulator("nothing");
        client.flushAccumulator("nothing");
        client.stopAccumulator(null);
        client.flushAccumulator(null);
        client.flushAccumulators();
        assertTrue(capture.messages().isEmpty());
    }

    @Test
    void a_section_still_running_at_a_flush_counts_towards_the_next_flush() {
        client.startAccumulator("running");
        sleep(2);
        client.stopAccumulator("running");
        client.startAccumulator("running");
        sleep(400);
        client.flushAccumulator("running");
        assertEquals(1, capture.messages().size());
        assertEquals(2, lastPayload(), "only the completed section");
        sleep(5);
        client.stopAccumulator("running");
        client.flushAccumulator("running");
        assertEquals(2, capture.messages().size());
        assertEquals(405, lastPayload(), "the running section, from its start to its stop");
    }

    @Test
    void an_accumulator_never_stopped_sends_nothing_when_flushed() {
        client.startAccumulator("open");
        client.flushAccumulator("open");
        assertTrue(capture.messages().isEmpty());
    }

    @Test
    void flush_accumulators_sends_every_accumulator_of_the_thread_in_start_order() {
        for (String name : List.of("b", "a", "c")) {
            client.startAccumulator(name);
            client.stopAccumulator(name);
        }
        client.flushAccumulators();
        List<String> names = capture.decoded().stream().map(m -> (String) fields(m).get("name")).toList();
        assertEquals(List.of("b", "a", "c"), names);
        client.flushAccumulators();
        assertEquals(3, capture.messages().size());
    }

    @Test
    void accumulators_of_one_thread_are_invisible_to_another() throws Exception {
        client.startAccumulator("mine");
        client.stopAccumulator("mine");
        CountDownLatch done = new CountDownLatch(1);
        Thread other = new Thread(() -> {
            client.stopAccumulator("mine");
            client.flushAccumulator("mine");
            client.flushAccumulators();
            client.startAccumulator("theirs");
            client.stopAccumulator("theirs");
            done.countDown();
        });
        other.start();
        assertTrue(done.await(DEADLINE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS));
        assertTrue(capture.messages().isEmpty(), "another thread flushed this thread's accumulator");
        client.flushAccumulators();
        List<String> names = capture.decoded().stream().map(m -> (String) fields(m).get("name")).toList();
        assertEquals(List.of("mine"), names, "this thread does not flush the other thread's accumulator");
    }

    @Test
    void an_accumulator_with_a_rate_of_zero_never_sends_and_still_resets() {
        client.startAccumulator("acc", 0.0);
        client.stopAccumulator("acc");
        client.flushAccumulator("acc");
        client.flushAccumulator("acc");
        assertTrue(capture.messages().isEmpty());
    }

    @Test
    void an_accumulator_with_a_rate_sends_the_flushes_whose_draw_is_below_it_with_the_rate_field() {
        RecordingSender sender = new RecordingSender();
        ScriptedRandom random = new ScriptedRandom(0.0, 0.5, 0.74, 0.75);
        MetlogClient c = sampled(sender, random);
        for (int i = 0; i < 4000; i++) {
            c.startAccumulator("acc", 0.75);
            c.stopAccumulator("acc");
            c.flushAccumulators();
        }
        assertEquals(4000, random.draws(), "one draw per flush, none per start or stop");
        assertEquals(3000, sender.messages.size());
        assertEquals(0.75, sender.messages.get(0).field("rate"));
    }

    @Test
    void the_rate_of_the_first_start_applies_until_the_flush() {
        client.startAccumulator("acc", 1.0);
        client.stopAccumulator("acc");
        client.startAccumulator("acc", 0.0);
        client.stopAccumulator("acc");
        client.flushAccumulator("acc");
        assertEquals(1, capture.messages().size());
    }

    @Test
    void a_disabled_accumulator_sends_nothing() {
        MetlogClient c = MetlogClient.builder().sender(capture).disabledTimers(List.of("slow")).build();
        c.startAccumulator("slow");
        c.stopAccumulator("slow");
        c.flushAccumulator("slow");
        c.flushAccumulators();
        assertTrue(capture.messages().isEmpty());
    }

    @Test
    void an_accumulator_disabled_before_its_flush_sends_nothing() {
        client.startAccumulator("acc");
        client.stopAccumulator("acc");
        MetlogClient.builder().sender(capture).disabledTimers(List.of("acc")).configure(client);
        client.flushAccumulators();
        assertTrue(capture.messages().isEmpty());
    }

    @Test
    void starting_an_accumulator_needs_a_name_and_a_valid_rate() {
        assertThrows(IllegalArgumentException.class, () -> client.startAccumulator(null));
        assertThrows(IllegalArgumentException.class, () -> client.startAccumulator("a", 2.0));
    }

    @Test
    void the_conveniences_are_built_in_methods_that_extensions_cannot_shadow() {
        for (String name : List.of("decr", "gauge", "startTimer", "stopTimer", "startAccumulator",
            "stopAccumulator", "flushAccumulator", "flushAccumulators")) {
            assertThrows(IllegalArgumentException.class, () -> client.addMethod(name, args -> null), name);
        }
        assertNotEquals(MetlogClient.TYPE_GAUGE, MetlogClient.TYPE_COUNTER);
    }
}
