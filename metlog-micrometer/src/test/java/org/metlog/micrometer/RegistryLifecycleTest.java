package org.metlog.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.metlog.micrometer.Steps.fields;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.metlog.MetlogClient;
import org.metlog.message.Message;
import org.metlog.senders.DebugCaptureSender;
import org.metlog.senders.UdpSender;
import org.metlog.spi.Sender;
import org.metlog.testing.Deadline;
import org.metlog.testing.Envelopes;
import org.metlog.testing.UdpReceiver;

/** Closing, flushing, the publishing thread, composite registries and a real UDP destination. */
class RegistryLifecycleTest {

    @Test
    void close_sends_the_last_partial_step_then_flushes_the_client_and_leaves_it_open() {
        Recording sender = new Recording();
        MetlogClient client = MetlogClient.builder().sender(sender).build();
        MetlogMeterRegistry registry = MetlogMeterRegistry.builder(client).clock(new io.micrometer.core.instrument
            .MockClock()).create();
        registry.counter("jobs").increment(2);          // the step has not ended

        registry.close();

        assertEquals(List.of("counter jobs 2", "flush"), sender.events());
        assertTrue(client.isActive(), "the client belongs to the application; closing the registry keeps it");
        client.incr("after");
        assertEquals("counter after 1", sender.events().get(2));
        client.close();
    }

    @Test
    void closing_twice_publishes_and_flushes_once() {
        Recording sender = new Recording();
        MetlogClient client = MetlogClient.builder().sender(sender).build();
        MetlogMeterRegistry registry = MetlogMeterRegistry.builder(client).create();
        registry.counter("jobs").increment();

        registry.close();
        registry.close();

        assertEquals(List.of("counter jobs 1", "flush"), sender.events());
    }

    @Test
    void close_with_a_function_counter_whose_function_throws_does_not_throw_and_reports_it() {
        try (Steps steps = new Steps()) {
            FunctionCounter.builder("broken", "x", x -> {
                throw new IllegalStateException("pool closed");
            }).register(steps.registry);
            steps.registry.counter("fine").increment();

            steps.registry.close();

            assertEquals("fine", fields(steps.envelopes().get(0)).get("name"));
            assertTrue(steps.errors.problems().contains(MetlogMeterRegistry.READ_FAILED));
            assertTrue(steps.errors.flushes() > 0, "the handler was flushed on close");
        }
    }

    @Test
    void built_registry_publishes_every_step_on_its_own_daemon_thread_until_closed() {
        DebugCaptureSender capture = new DebugCaptureSender();
        MetlogClient client = MetlogClient.builder().sender(capture).build();
        MetlogMeterRegistry registry = MetlogMeterRegistry.builder(client)
            .config(MetlogRegistryConfig.builder().step(Duration.ofMillis(50)).build()).build();
        try {
            Counter ticks = registry.counter("ticks");

            // Counting on until a step arrives: Micrometer drops a step that is not read before the next one
            // ends, which a loaded machine can cause with a step this short.
            assertTrue(Deadline.await(Duration.ofSeconds(20), () -> {
                ticks.increment();
                return !capture.messages().isEmpty();
            }), "a step was published without being asked");
            Thread publisher = publisherThread();
            assertTrue(publisher.isDaemon(), "the publisher does not keep the JVM alive");
            assertEquals("counter", capture.decoded().get(0).get("type"));
            assertTrue(Long.parseLong((String) capture.decoded().get(0).get("payload")) > 0);
        } finally {
            assertTimeoutPreemptively(Duration.ofSeconds(20), registry::close);
            client.close();
        }
        assertTrue(Deadline.await(Duration.ofSeconds(20), () -> publisherThreads().isEmpty()),
            "the publisher stopped on close");
    }

    @Test
    void meters_registered_on_a_composite_registry_reach_metlog() {
        try (Steps steps = new Steps()) {
            CompositeMeterRegistry composite = new CompositeMeterRegistry(steps.clock);
            composite.add(steps.registry);
            composite.counter("orders", "shop", "cz").increment(5);

            Map<String, Object> message = steps.onlyMessage();

            assertEquals("5", message.get("payload"));
            assertEquals(Map.of("name", "orders", "rate", 1.0, "shop", "cz"), fields(message));
        }
    }

    @Test
    void a_step_reaches_a_real_udp_receiver_as_metlog_envelopes() {
        try (UdpReceiver receiver = UdpReceiver.ipv4();
             MetlogClient client = MetlogClient.builder().sender(UdpSender.to("127.0.0.1", receiver.port()))
                 .logger("web").build()) {
            io.micrometer.core.instrument.MockClock clock = new io.micrometer.core.instrument.MockClock();
            MetlogMeterRegistry registry = MetlogMeterRegistry.builder(client).clock(clock).create();
            registry.timer("http.server.requests", "uri", "/users").record(Duration.ofMillis(12));
            clock.add(MetlogRegistryConfig.DEFAULT.step());

            registry.publish();

            JsonNode envelope = Envelopes.parse(new String(receiver.receive(), StandardCharsets.UTF_8));
            Envelopes.assertEnvelope(envelope);
            assertEquals("timer", envelope.get("type").asText());
            assertEquals("web", envelope.get("logger").asText());
            assertEquals("12", envelope.get("payload").asText());
            assertEquals("http.server.requests", envelope.get("fields").get("name").asText());
            assertEquals("/users", envelope.get("fields").get("uri").asText());
            assertEquals(1, envelope.get("fields").get("count").asInt());
            registry.close();
        }
    }

    @Test
    void builder_refuses_nulls_naming_what_was_null() {
        MetlogClient client = MetlogClient.builder().sender(new DebugCaptureSender()).build();
        MetlogMeterRegistry.Builder builder = MetlogMeterRegistry.builder(client);

        assertEquals("MetlogMeterRegistry needs a MetlogClient; the client is null",
            assertThrows(IllegalArgumentException.class, () -> MetlogMeterRegistry.builder(null)).getMessage());
        assertEquals("MetlogMeterRegistry.Builder.config must not be null",
            assertThrows(IllegalArgumentException.class, () -> builder.config(null)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> builder.clock(null));
        assertThrows(IllegalArgumentException.class, () -> builder.threadFactory(null));
        assertThrows(IllegalArgumentException.class, () -> builder.errorHandler(null));
        client.close();
    }

    private static Thread publisherThread() {
        List<Thread> threads = publisherThreads();
        assertFalse(threads.isEmpty(), "no metlog-micrometer-publisher thread");
        return threads.get(0);
    }

    private static List<Thread> publisherThreads() {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().startsWith("metlog-micrometer-publisher") && t.isAlive()).toList();
    }

    /** Records what it is asked to do, in order. */
    private static final class Recording implements Sender {
        private final List<String> events = new ArrayList<>();

        @Override
        public synchronized void send(Message message) {
            events.add(message.type() + " " + message.fields().get("name") + " " + message.payload());
        }

        @Override
        public synchronized void flush() {
            events.add("flush");
        }

        synchronized List<String> events() {
            return new ArrayList<>(events);
        }
    }
}
