package org.metlog.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.metlog.micrometer.Steps.fields;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Timers, distribution summaries, function timers and long-task timers, read back as envelopes. */
class TimersAndSummariesTest {

    @Test
    void timer_sends_one_timer_message_per_step_with_the_mean_as_payload_and_count_sum_max_as_fields() {
        try (Steps steps = new Steps()) {
            Timer timer = Timer.builder("db.query").tag("table", "users").register(steps.registry);
            timer.record(Duration.ofMillis(10));
            timer.record(Duration.ofMillis(20));
            timer.record(Duration.ofMillis(60));

            Map<String, Object> message = steps.onlyMessage();

            assertEquals("timer", message.get("type"));
            assertEquals("30", message.get("payload"));
            assertEquals(Map.of("name", "db.query", "rate", 1.0, "count", 3, "sum", 90.0, "max", 60.0, "unit", "ms",
                "table", "users"), fields(message));
        }
    }

    @Test
    void timer_mean_keeps_the_fraction_of_a_millisecond() {
        try (Steps steps = new Steps()) {
            steps.registry.timer("fast").record(250, TimeUnit.MICROSECONDS);

            Map<String, Object> message = steps.onlyMessage();

            assertEquals("0.25", message.get("payload"));
            assertEquals(0.25, fields(message).get("sum"));
        }
    }

    @Test
    void timer_sends_each_step_only_the_timings_of_that_step() {
        try (Steps steps = new Steps()) {
            Timer timer = steps.registry.timer("db.query");
            timer.record(Duration.ofMillis(10));
            steps.publishStep();
            timer.record(Duration.ofMillis(40));
            timer.record(Duration.ofMillis(40));

            Map<String, Object> message = steps.onlyMessage();

            assertEquals("40", message.get("payload"));
            assertEquals(2, fields(message).get("count"));
            assertEquals(80.0, fields(message).get("sum"));
        }
    }

    @Test
    void timer_that_timed_nothing_in_a_step_sends_nothing() {
        try (Steps steps = new Steps()) {
            steps.registry.timer("db.query").record(Duration.ofMillis(10));
            steps.publishStep();

            assertEquals(List.of(), steps.publishStep());
        }
    }

    @Test
    void registry_percentiles_are_sent_as_fields_of_every_timer() {
        try (Steps steps = new Steps(MetlogRegistryConfig.builder().percentiles(0.5, 0.999))) {
            Timer timer = steps.registry.timer("db.query");
            steps.lateInStep();
            for (int ms = 1; ms <= 100; ms++) {
                timer.record(Duration.ofMillis(ms));
            }

            Map<String, Object> fields = fields(steps.onlyMessage());

            assertBetween(45, 55, fields.get("p50"));
            assertBetween(95, 105, fields.get("p99_9"));
        }
    }

    @Test
    void a_meters_own_percentiles_win_over_the_registry_percentiles() {
        try (Steps steps = new Steps(MetlogRegistryConfig.builder().percentiles(0.5))) {
            Timer.builder("db.query").publishPercentiles(0.95).register(steps.registry).record(Duration.ofMillis(8));

            Map<String, Object> fields = fields(steps.onlyMessage());

            assertTrue(fields.containsKey("p95"), fields::toString);
            assertTrue(!fields.containsKey("p50"), fields::toString);
        }
    }

    @Test
    void percentiles_are_not_also_sent_as_gauges_of_their_own() {
        try (Steps steps = new Steps(MetlogRegistryConfig.builder().percentiles(0.5))) {
            Timer.builder("db.query").publishPercentileHistogram().register(steps.registry).record(Duration.ofMillis(8));
            DistributionSummary.builder("size").register(steps.registry).record(3);

            assertEquals(2, steps.publishStep().size());
            assertEquals(2, steps.registry.getMeters().size());
        }
    }

    @Test
    void distribution_summary_sends_a_timer_message_with_its_base_unit() {
        try (Steps steps = new Steps(MetlogRegistryConfig.builder().percentiles(0.5))) {
            DistributionSummary sizes = DistributionSummary.builder("upload.size").baseUnit("bytes")
                .tag("kind", "image").register(steps.registry);
            steps.lateInStep();
            sizes.record(1000);
            sizes.record(3000);

            Map<String, Object> message = steps.onlyMessage();

            assertEquals("timer", message.get("type"));
            assertEquals("2000", message.get("payload"));
            Map<String, Object> fields = fields(message);
            assertEquals(2, fields.get("count"));
            assertEquals(4000.0, fields.get("sum"));
            assertEquals(3000.0, fields.get("max"));
            assertEquals("bytes", fields.get("unit"));
            assertEquals("image", fields.get("kind"));
            assertBetween(900, 1100, fields.get("p50"));
        }
    }

    @Test
    void distribution_summary_without_a_base_unit_has_no_unit_field() {
        try (Steps steps = new Steps()) {
            steps.registry.summary("batch.items").record(4);

            Map<String, Object> fields = fields(steps.onlyMessage());

            assertEquals(Map.of("name", "batch.items", "rate", 1.0, "count", 1, "sum", 4.0, "max", 4.0), fields);
        }
    }

    @Test
    void function_timer_sends_the_count_and_total_time_added_in_each_step() {
        try (Steps steps = new Steps()) {
            AtomicLong calls = new AtomicLong(10);
            AtomicLong nanos = new AtomicLong(TimeUnit.MILLISECONDS.toNanos(500));
            FunctionTimer.builder("cache.loads", calls, AtomicLong::get, c -> nanos.get(), TimeUnit.NANOSECONDS)
                .tag("cache", "users").register(steps.registry);
            steps.publishStep();                    // the first step sees 10 calls
            calls.addAndGet(4);
            nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));

            Map<String, Object> message = steps.onlyMessage();

            assertEquals("timer", message.get("type"));
            assertEquals("25", message.get("payload"));
            assertEquals(Map.of("name", "cache.loads", "rate", 1.0, "count", 4, "sum", 100.0, "unit", "ms",
                "cache", "users"), fields(message));
        }
    }

    @Test
    void long_task_timer_sends_a_gauge_of_its_active_tasks_with_their_total_and_longest_duration() {
        try (Steps steps = new Steps()) {
            LongTaskTimer reindex = LongTaskTimer.builder("reindex").tag("index", "users").register(steps.registry);
            reindex.start();
            steps.clock.add(Duration.ofSeconds(3));
            LongTaskTimer.Sample second = reindex.start();
            steps.clock.add(Duration.ofSeconds(1));
            LongTaskTimer.Sample third = reindex.start();
            third.stop();

            Map<String, Object> message = steps.publishNow().get(0);

            assertEquals("gauge", message.get("type"));
            assertEquals("2", message.get("payload"));
            assertEquals(Map.of("name", "reindex", "rate", 1.0, "duration", 5000.0, "max", 4000.0, "unit", "ms",
                "index", "users"), fields(message));
            second.stop();
        }
    }

    @Test
    void long_task_timer_with_no_active_task_sends_zero() {
        try (Steps steps = new Steps()) {
            LongTaskTimer.builder("reindex").register(steps.registry);

            Map<String, Object> message = steps.onlyMessage();

            assertEquals("0", message.get("payload"));
            assertEquals(0.0, fields(message).get("duration"));
        }
    }

    @Test
    void long_task_timer_sends_percentiles_of_its_active_tasks() {
        try (Steps steps = new Steps(MetlogRegistryConfig.builder().percentiles(0.5))) {
            LongTaskTimer reindex = LongTaskTimer.builder("reindex").register(steps.registry);
            reindex.start();
            steps.clock.add(Duration.ofSeconds(8));

            Map<String, Object> fields = fields(steps.publishNow().get(0));

            assertBetween(7000, 9000, fields.get("p50"));
        }
    }

    private static void assertBetween(double low, double high, Object value) {
        double v = ((Number) value).doubleValue();
        assertTrue(v >= low && v <= high, () -> value + " is not within " + low + " to " + high
            + " (Micrometer's percentiles are approximations)");
    }
}
