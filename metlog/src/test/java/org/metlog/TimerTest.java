package org.metlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.metlog.senders.DebugCaptureSender;
import org.metlog.testing.ManualNanoClock;
import org.metlog.testing.ScriptedRandom;

class TimerTest {
    private final DebugCaptureSender sender = new DebugCaptureSender();
    private final ManualNanoClock clock = new ManualNanoClock();
    private final MetlogClient client = MetlogClient.builder().sender(sender).logger("timers").nanoClock(clock)
        .build();

    /** Lets {@code ms} milliseconds pass on the calling thread's manual clock. */
    private void busyFor(long ms) {
        clock.advanceMillis(ms);
    }

    private long payloadOfLast() {
        return Long.parseLong((String) sender.last().get("payload"));
    }

    @Test
    void try_with_resources_sends_a_timer_with_the_elapsed_milliseconds() {
        Timer timer = client.timer("db.query");
        long measured;
        try (Timer.Context t = timer.start()) {
            assertTrue(t.isActive());
            busyFor(20);
            measured = t.result();
        }
        assertEquals(-1, measured, "no result before close");
        Map<String, Object> msg = sender.last();
        assertEquals("timer", msg.get("type"));
        assertEquals(Map.of("name", "db.query", "rate", 1.0), msg.get("fields"));
        assertEquals("20", msg.get("payload"), "the elapsed whole milliseconds");
        assertEquals(payloadOfLast(), timer.result());
    }

    @Test
    void closing_a_context_twice_sends_once() {
        Timer.Context context = client.timer("once").start();
        context.close();
        long first = context.result();
        context.close();
        assertEquals(1, sender.messages().size());
        assertEquals(first, context.result());
        assertTrue(first >= 0);
    }

    @Test
    void run_call_and_get_time_the_task_and_return_its_result() throws Exception {
        Timer timer = client.timer("tasks");
        timer.run(() -> busyFor(5));
        assertEquals(5, timer.result());
        assertEquals("x", timer.call(() -> "x"));
        assertEquals(42, timer.get(() -> 42));
        assertEquals(3, sender.messages().size());
        for (Map<String, Object> msg : sender.decoded()) {
            assertEquals("timer", msg.get("type"));
            assertEquals("tasks", ((Map<?, ?>) msg.get("fields")).get("name"));
        }
    }

    @Test
    void wrappers_time_every_invocation() throws Exception {
        Timer timer = client.timer("wrapped");
        Runnable r = timer.wrap(() -> busyFor(3));
        Callable<String> c = timer.wrapCallable(() -> "called");
        Supplier<Integer> s = timer.wrapSupplier(() -> 7);
        assertEquals(0, sender.messages().size(), "wrapping alone sends nothing");
        r.run();
        r.run();
        assertEquals("called", c.call());
        assertEquals(7, s.get());
        assertEquals(4, sender.messages().size());
    }

    @Test
    void a_task_that_throws_is_still_timed_and_its_exception_passes_through_unchanged() {
        Timer timer = client.timer("failing");
        IllegalStateException thrown = new IllegalStateException("boom");
        assertSame(thrown, assertThrows(IllegalStateException.class, () -> timer.run(() -> {
            throw thrown;
        })));
        IOException checked = new IOException("io");
        assertSame(checked, assertThrows(IOException.class, () -> timer.call(() -> {
            throw checked;
        })));
        assertSame(thrown, assertThrows(IllegalStateException.class, () -> timer.get(() -> {
            throw thrown;
        })));
        assertSame(checked, assertThrows(IOException.class, () -> timer.wrapCallable(() -> {
            throw checked;
        }).call()));
        assertEquals(4, sender.messages().size());
    }

    @Test
    void result_is_minus_one_on_a_thread_that_completed_no_timing() throws Exception {
        Timer timer = client.timer("per-thread");
        timer.run(() -> { });
        assertTrue(timer.result() >= 0);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            assertEquals(-1L, other.submit(timer::result).get(30, TimeUnit.SECONDS));
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void timer_send_sends_a_measured_duration_without_timing_and_without_sampling() {
        for (int i = 0; i < 100; i++) {
            client.timerSend("import", 1234, 0.01);
        }
        assertEquals(100, sender.messages().size(), "rate is information only");
        Map<String, Object> msg = sender.last();
        assertEquals("timer", msg.get("type"));
        assertEquals("1234", msg.get("payload"));
        assertEquals(Map.of("name", "import", "rate", 0.01), msg.get("fields"));
    }

    @Test
    void timer_send_accepts_logger_severity_and_fields() {
        client.timerSend("import", 5, 1.0, "batch", 7, Map.of("file", "a.csv"));
        Map<String, Object> msg = sender.last();
        assertEquals("batch", msg.get("logger"));
        assertEquals(7, msg.get("severity"));
        assertEquals(Map.of("file", "a.csv", "name", "import", "rate", 1.0), msg.get("fields"));
    }

    @Test
    void a_timer_with_options_sends_its_logger_severity_fields_and_rate() {
        Timer timer = client.timer("opts", 1.0, "web", 5, Map.of("route", "/"));
        timer.run(() -> { });
        Map<String, Object> msg = sender.last();
        assertEquals("web", msg.get("logger"));
        assertEquals(5, msg.get("severity"));
        assertEquals(Map.of("route", "/", "name", "opts", "rate", 1.0), msg.get("fields"));
        assertEquals("opts", timer.name());
        assertEquals(1.0, timer.rate());
    }

    @Test
    void timer_fields_may_hold_null_values_like_any_other_message_fields() {
        Map<String, Object> fields = new java.util.HashMap<>();
        fields.put("optional", null);
        client.timer("nullable", 1.0, null, null, fields).run(() -> { });
        assertTrue(((Map<?, ?>) sender.last().get("fields")).containsKey("optional"));
    }

    @Test
    void a_null_timer_name_is_a_programming_error() {
        assertThrows(IllegalArgumentException.class, () -> client.timer(null));
        assertThrows(IllegalArgumentException.class, () -> client.timer(null, 0.5));
        assertThrows(IllegalArgumentException.class, () -> client.timerSend(null, 1));
    }

    @Test
    void the_same_named_timer_object_is_returned_for_a_name() {
        assertSame(client.timer("cached"), client.timer("cached"));
    }

    @Test
    void a_timer_with_rate_zero_never_sends_and_rate_one_always_sends() {
        Timer never = client.timer("never", 0.0);
        Timer always = client.timer("always", 1.0);
        for (int i = 0; i < 200; i++) {
            assertSame(Timer.Context.DISABLED, never.start());
            always.start().close();
        }
        assertEquals(200, client.stats().sent());
    }

    @Test
    void a_sampled_timer_times_the_calls_whose_draw_is_below_its_rate() {
        ScriptedRandom random = new ScriptedRandom(0.1, 0.5, 0.9, 0.4999);
        MetlogClient sampled = MetlogClient.builder().sender(sender).nanoClock(clock).random(random).build();
        Timer half = sampled.timer("half", 0.5);
        for (int i = 0; i < 20_000; i++) {
            half.start().close();
        }
        assertEquals(20_000, random.draws(), "one draw per start");
        assertEquals(10_000, sampled.stats().sent(), "0.1 and 0.4999 are timed; 0.5 and 0.9 are not");
        assertEquals(0.5, ((Map<?, ?>) sender.last().get("fields")).get("rate"));
    }

    @Test
    void a_timer_of_rate_one_never_consults_the_random_source() {
        MetlogClient exact = MetlogClient.builder().sender(sender).random(ScriptedRandom.never()).build();
        exact.timer("always").run(() -> { });
        exact.timer("always", 1.0).run(() -> { });
        assertEquals(2, sender.messages().size());
    }

    @Test
    void the_elapsed_time_is_truncated_to_whole_milliseconds_of_the_injected_clock() {
        Timer timer = client.timer("truncated");
        try (Timer.Context t = timer.start()) {
            clock.advance(Duration.ofNanos(2_999_999));
        }
        assertEquals(2, payloadOfLast());
        try (Timer.Context t = timer.start()) {
            clock.advance(Duration.ofNanos(999_999));
        }
        assertEquals(0, payloadOfLast(), "under a millisecond is 0");
    }

    @Test
    void timer_rates_outside_0_to_1_are_rejected() {
        assertThrows(IllegalArgumentException.class, () -> client.timer("t", 1.01));
        assertThrows(IllegalArgumentException.class, () -> client.timer("t", -1));
        assertThrows(IllegalArgumentException.class, () -> client.timerSend("t", 1, 2.0));
    }

    @Test
    void a_disabled_timer_returns_the_shared_disabled_context_and_sends_nothing() {
        client.setup(sender, "timers", 6, Set.of("slow"), null);
        Timer timer = client.timer("slow");
        Timer.Context context = timer.start();
        assertSame(Timer.Context.DISABLED, context);
        assertFalse(context.isActive());
        context.close();
        assertEquals(-1, context.result());
        timer.run(() -> { });
        assertEquals(-1, timer.result(), "a disabled timing leaves no result");
        assertEquals(0, sender.messages().size());
        assertTrue(client.isTimerDisabled("slow"));
        assertFalse(client.isTimerDisabled("fast"));
        client.timer("fast").run(() -> { });
        assertEquals(1, sender.messages().size(), "other timers still send");
    }

    @Test
    void star_disables_every_timer() {
        MetlogClient all = MetlogClient.builder().sender(sender).disabledTimers(Set.of("*")).build();
        assertSame(Timer.Context.DISABLED, all.timer("a").start());
        assertSame(Timer.Context.DISABLED, all.timer("b", 0.5).start());
        assertEquals(Set.of("*"), all.disabledTimers());
        all.timer("c").run(() -> { });
        assertEquals(0, sender.messages().size());
        all.timerSend("d", 5);
        assertEquals(1, sender.messages().size(), "timerSend reports an already measured time regardless");
    }

    @Test
    void a_timer_created_before_disabling_follows_setup_and_is_re_enabled_by_setup() {
        Timer timer = client.timer("toggle");
        timer.run(() -> { });
        assertEquals(1, sender.messages().size());

        client.setup(sender, "timers", 6, Set.of("toggle"), null);
        timer.run(() -> { });
        assertSame(Timer.Context.DISABLED, timer.start());
        assertEquals(1, sender.messages().size());

        client.setup(sender, "timers", 6, Set.of(), null);
        timer.run(() -> { });
        assertEquals(2, sender.messages().size());
    }

    @Test
    void a_timer_held_from_before_configuration_sends_through_the_sender_configured_later() {
        MetlogClient unconfigured = new MetlogClient(null, "late");
        Timer timer = unconfigured.timer("early");
        assertFalse(unconfigured.isActive());
        unconfigured.setup(sender, "late", 6, null, null);
        timer.run(() -> { });
        Map<String, Object> msg = sender.last();
        assertEquals("late", msg.get("logger"));
        assertEquals("early", ((Map<?, ?>) msg.get("fields")).get("name"));
    }

    @Test
    void threads_sharing_one_named_timer_each_get_their_own_elapsed_time() throws Exception {
        int threads = 8;
        Timer shared = client.timer("shared");
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<long[]>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                long sleep = 10L * (i + 1);
                futures.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS); // every thread is inside its own timing at once
                    try (Timer.Context t = shared.start()) {
                        assertTrue(t.isActive());
                        busyFor(sleep);
                    }
                    return new long[] {sleep, shared.result()};
                }));
            }
            List<Long> results = new ArrayList<>();
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                for (Future<long[]> f : futures) {
                    long[] pair = f.get();
                    assertEquals(pair[0], pair[1], "each thread's own elapsed time");
                    results.add(pair[1]);
                }
            });
            List<Long> payloads = new ArrayList<>();
            for (Map<String, Object> msg : sender.decoded()) {
                payloads.add(Long.parseLong((String) msg.get("payload")));
            }
            assertEquals(threads, payloads.size());
            Collections.sort(results);
            Collections.sort(payloads);
            assertEquals(results, payloads, "each thread's result is the payload it sent");
        } finally {
            pool.shutdownNow();
        }
    }
}
