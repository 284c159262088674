package org.metlog.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.metlog.micrometer.Steps.fields;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Statistic;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Names, prefixes, tags as fields, and meters of a custom kind. */
class NamesTagsAndCustomMetersTest {

    @Test
    void custom_meter_sends_one_gauge_per_measurement_named_after_its_statistic() {
        try (Steps steps = new Steps()) {
            AtomicLong hits = new AtomicLong(12);
            Supplier<Double> count = () -> (double) hits.get();
            Supplier<Double> ratio = () -> 0.75;
            List<Measurement> measurements = List.of(new Measurement(count, Statistic.COUNT),
                new Measurement(ratio, Statistic.VALUE));
            Meter.builder("cache", Meter.Type.OTHER, measurements).tag("cache", "users").register(steps.registry);

            List<Map<String, Object>> messages = steps.publishStep();

            assertEquals(2, messages.size());
            assertEquals(Map.of("name", "cache.count", "rate", 1.0, "cache", "users"), fields(messages.get(0)));
            assertEquals("gauge", messages.get(0).get("type"));
            assertEquals("12", messages.get(0).get("payload"));
            assertEquals("cache.value", fields(messages.get(1)).get("name"));
            assertEquals("0.75", messages.get(1).get("payload"));
        }
    }

    @Test
    void custom_meter_whose_measurement_throws_is_reported_and_skipped() {
        try (Steps steps = new Steps()) {
            Supplier<Double> gone = () -> {
                throw new IllegalStateException("gone");
            };
            Meter.builder("broken", Meter.Type.GAUGE, List.of(new Measurement(gone, Statistic.VALUE)))
                .register(steps.registry);
            steps.registry.counter("fine").increment();

            List<Map<String, Object>> messages = steps.publishStep();

            assertEquals(List.of("fine"), messages.stream().map(m -> fields(m).get("name")).toList());
            assertEquals(List.of(MetlogMeterRegistry.READ_FAILED), steps.errors.problems());
        }
    }

    @Test
    void registry_prefix_is_joined_before_every_name_and_the_clients_prefix_before_that() {
        try (Steps steps = new Steps("svc", MetlogRegistryConfig.builder().prefix("web"))) {
            steps.registry.counter("http.requests").increment();

            assertEquals("svc.web.http.requests", fields(steps.onlyMessage()).get("name"));
        }
    }

    @Test
    void names_keep_micrometers_dots_and_tag_keys_become_field_names_with_underscores() {
        try (Steps steps = new Steps()) {
            Counter.builder("http.server.requests").tag("http.method", "GET").tag("uri", "/users/{id}")
                .register(steps.registry).increment();

            Map<String, Object> fields = fields(steps.onlyMessage());

            assertEquals(Map.of("name", "http.server.requests", "rate", 1.0, "http_method", "GET",
                "uri", "/users/{id}"), fields);
        }
    }

    @Test
    void a_tag_whose_key_a_statistic_or_the_client_uses_is_sent_as_tag_prefixed_and_nothing_is_lost() {
        try (Steps steps = new Steps()) {
            Timer.builder("jobs").tag("count", "many").tag("name", "nightly").tag("rate", "fast")
                .tag("outcome", "ok").register(steps.registry).record(Duration.ofMillis(4));

            Map<String, Object> fields = fields(steps.onlyMessage());

            assertEquals("jobs", fields.get("name"));
            assertEquals(1, fields.get("count"));
            assertEquals(1.0, fields.get("rate"));
            assertEquals("many", fields.get("tag_count"));
            assertEquals("nightly", fields.get("tag_name"));
            assertEquals("fast", fields.get("tag_rate"));
            assertEquals("ok", fields.get("outcome"));
        }
    }

    @Test
    void common_tags_of_the_registry_are_fields_of_every_message() {
        try (Steps steps = new Steps()) {
            steps.registry.config().commonTags("region", "eu-1");
            steps.registry.counter("a").increment();
            steps.registry.timer("b").record(Duration.ofMillis(1));

            List<Map<String, Object>> messages = steps.publishStep();

            messages.sort(Comparator.comparing(m -> (String) fields(m).get("name")));
            assertEquals("eu-1", fields(messages.get(0)).get("region"));
            assertEquals("eu-1", fields(messages.get(1)).get("region"));
        }
    }

    @Test
    void the_registry_uses_the_metlog_naming_convention() {
        try (Steps steps = new Steps()) {
            assertSame(MetlogNamingConvention.INSTANCE, steps.registry.config().namingConvention());
        }
    }

    @Test
    void naming_convention_replaces_what_would_break_a_statsd_line_and_keeps_everything_else() {
        MetlogNamingConvention convention = MetlogNamingConvention.INSTANCE;

        assertEquals("http.server.requests", convention.name("http.server.requests", Meter.Type.TIMER));
        assertEquals("a_b_c_d_e_f_g", convention.name("a:b|c@d#e f\ng", Meter.Type.COUNTER));
        assertEquals("jvm.gcPause", convention.name("jvm.gcPause", Meter.Type.TIMER));
        assertEquals("http_method", convention.tagKey("http.method"));
        assertEquals("a_b", convention.tagKey("a:b"));
        assertEquals("/users/{id}: a|b", convention.tagValue("/users/{id}: a|b"));
    }

    @Test
    void percentile_field_names_are_p_and_the_percentage_with_an_underscore_for_a_decimal_point() {
        assertEquals("p50", Fields.percentileKey(0.5));
        assertEquals("p95", Fields.percentileKey(0.95));
        assertEquals("p99", Fields.percentileKey(0.99));
        assertEquals("p99_9", Fields.percentileKey(0.999));
        assertEquals("p0", Fields.percentileKey(0.0));
        assertEquals("p100", Fields.percentileKey(1.0));
    }
}
