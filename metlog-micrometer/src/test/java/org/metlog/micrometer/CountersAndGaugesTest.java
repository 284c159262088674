package org.metlog.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.metlog.micrometer.Steps.fields;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.TimeGauge;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Counters, function counters, gauges and time gauges, read back as the envelopes the client sent. */
class CountersAndGaugesTest {
    private final Steps steps = new Steps();

    @AfterEach
    void close() {
        steps.close();
    }

    @Test
    void counter_sends_its_steps_count_as_a_counter_message_with_its_tags_as_fields() {
        Counter.builder("logins").tag("method", "password").register(steps.registry).increment(3);

        Map<String, Object> message = steps.onlyMessage();

        assertEquals("counter", message.get("type"));
        assertEquals("3", message.get("payload"));
        assertEquals("app", message.get("logger"));
        assertEquals(6, message.get("severity"));
        assertEquals(Map.of("name", "logins", "rate", 1.0, "method", "password"), fields(message));
    }

    @Test
    void counter_sends_each_step_the_count_of_that_step_not_the_running_total() {
        Counter counter = steps.registry.counter("jobs");
        counter.increment(3);
        assertEquals("3", steps.onlyMessage().get("payload"));
        counter.increment(2);
        assertEquals("2", steps.onlyMessage().get("payload"));
    }

    @Test
    void counter_that_counted_nothing_in_a_step_sends_nothing() {
        Counter counter = steps.registry.counter("jobs");
        counter.increment();
        steps.publishStep();

        assertEquals(List.of(), steps.publishStep());
    }

    @Test
    void counter_with_a_fractional_step_count_sends_the_exact_decimal() {
        steps.registry.counter("bytes.kb").increment(1.5);

        assertEquals("1.5", steps.onlyMessage().get("payload"));
    }

    @Test
    void function_counter_sends_how_much_its_function_grew_in_each_step() {
        AtomicLong served = new AtomicLong(100);
        FunctionCounter.builder("requests.served", served, AtomicLong::get).tag("pool", "a").register(steps.registry);
        steps.publishStep();                        // the first step sees the growth from 0 to 100
        served.addAndGet(7);

        Map<String, Object> message = steps.onlyMessage();

        assertEquals("counter", message.get("type"));
        assertEquals("7", message.get("payload"));
        assertEquals(Map.of("name", "requests.served", "rate", 1.0, "pool", "a"), fields(message));
    }

    @Test
    void gauge_sends_its_current_value_at_every_step_even_when_it_has_not_changed() {
        AtomicLong queue = new AtomicLong(42);
        Gauge.builder("queue.size", queue, AtomicLong::get).tag("queue", "mail").register(steps.registry);

        Map<String, Object> first = steps.onlyMessage();
        Map<String, Object> second = steps.onlyMessage();

        assertEquals("gauge", first.get("type"));
        assertEquals("42", first.get("payload"));
        assertEquals(Map.of("name", "queue.size", "rate", 1.0, "queue", "mail"), fields(first));
        assertEquals("42", second.get("payload"));
    }

    @Test
    void gauge_sends_a_fractional_value_as_the_shortest_exact_decimal() {
        Gauge.builder("load", () -> 0.1).register(steps.registry);

        assertEquals("0.1", steps.onlyMessage().get("payload"));
    }

    @Test
    void gauge_whose_value_is_not_a_finite_number_is_skipped_and_the_others_are_sent() {
        Gauge.builder("ratio", () -> Double.NaN).register(steps.registry);
        Gauge.builder("infinite", () -> Double.POSITIVE_INFINITY).register(steps.registry);
        Gauge.builder("fine", () -> 1).register(steps.registry);

        Map<String, Object> message = steps.onlyMessage();

        assertEquals("fine", fields(message).get("name"));
        assertTrue(steps.errors.errors().isEmpty(), "a NaN gauge is normal in Micrometer, not an error");
    }

    @Test
    void time_gauge_sends_its_value_in_milliseconds_with_a_unit_field() {
        AtomicLong uptimeSeconds = new AtomicLong(90);
        TimeGauge.builder("process.uptime", uptimeSeconds, TimeUnit.SECONDS, AtomicLong::get).register(steps.registry);

        Map<String, Object> message = steps.onlyMessage();

        assertEquals("gauge", message.get("type"));
        assertEquals("90000", message.get("payload"));
        assertEquals(Map.of("name", "process.uptime", "rate", 1.0, "unit", "ms"), fields(message));
    }

    @Test
    void meter_whose_function_throws_is_reported_and_every_other_meter_is_still_sent() {
        FunctionCounter.builder("broken", "x", x -> {
            throw new IllegalStateException("pool closed");
        }).register(steps.registry);
        steps.registry.counter("fine").increment();

        Map<String, Object> message = steps.onlyMessage();

        assertEquals("fine", fields(message).get("name"));
        assertEquals(List.of(MetlogMeterRegistry.READ_FAILED), steps.errors.problems());
        assertEquals("MetlogMeterRegistry(broken)", steps.errors.errors().get(0).source());
        assertEquals("pool closed", steps.errors.errors().get(0).cause().getMessage());
        assertFalse(steps.client.stats().failed() > 0, "nothing was handed to the client for the broken meter");
    }
}
