package org.metlog.senders.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.metlog.message.DeliveryStats;
import org.metlog.message.Message;
import org.metlog.testing.ManualNanoClock;
import org.metlog.testing.Ports;
import org.metlog.testing.RecordingErrorHandler;

/** KafkaSender against a real broker: what the records hold, and what becomes of messages when things fail. */
class KafkaSenderTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final TestBroker broker = TestBroker.shared();

    private static Message message(String logger, String payload) {
        return Message.builder("kafka.test").logger(logger).severity(6).payload(payload)
            .fields(Map.of("user", "u-" + logger)).build();
    }

    private KafkaSender connected(KafkaSender.Builder builder) {
        KafkaSender sender = builder.build();
        assertTrue(sender.awaitConnection(WAIT), "the broker answers");
        return sender;
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void each_record_is_the_envelope_json_keyed_by_its_logger_and_one_loggers_messages_stay_in_order() {
        String topic = broker.newTopic(3);
        List<Message> sent = new ArrayList<>();
        try (KafkaSender sender = connected(KafkaSender.builder(broker.bootstrapServers(), topic))) {
            for (int i = 0; i < 60; i++) {
                Message m = message("logger-" + i % 4, "message " + i);
                sent.add(m);
                sender.send(m);
            }
            sender.flush();
            assertEquals(new DeliveryStats(60, 0, 0, 0, 0), sender.stats());
        }
        List<ConsumerRecord<byte[], byte[]>> records = broker.consume(topic, 60);
        assertEquals(60, records.size());
        Map<String, String> expectedJson = new HashMap<>();
        sent.forEach(m -> expectedJson.put(m.payload(), m.toJson()));
        Map<String, Set<Integer>> partitionsByKey = new HashMap<>();
        Map<String, Integer> lastIndexByKey = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            String json = text(record.value());
            String payload = json.replaceAll(".*\"payload\":\"([^\"]*)\".*", "$1");
            assertEquals(expectedJson.get(payload), json, "the value is the envelope, byte for byte");
            int index = Integer.parseInt(payload.substring("message ".length()));
            String key = text(record.key());
            assertEquals("logger-" + index % 4, key);
            partitionsByKey.computeIfAbsent(key, k -> new HashSet<>()).add(record.partition());
            Integer last = lastIndexByKey.put(key, index);
            assertTrue(last == null || last < index, () -> key + ": " + last + " before " + index);
            assertEquals(sent.get(index).timestampMicros() / 1000, record.timestamp());
        }
        partitionsByKey.forEach((key, partitions) -> assertEquals(1, partitions.size(), key + " in one partition"));
    }

    @Test
    void the_key_can_be_the_type_a_field_or_nothing() {
        Map<String, String> expected = Map.of("type", "kafka.test", "fields.user", "u-a");
        for (String spec : List.of("type", "fields.user", "none")) {
            String topic = broker.newTopic(1);
            try (KafkaSender sender = connected(KafkaSender.builder(broker.bootstrapServers(), topic).key(spec))) {
                sender.send(message("a", "keyed by " + spec));
                sender.flush();
            }
            List<ConsumerRecord<byte[], byte[]>> records = broker.consume(topic, 1);
            assertEquals(1, records.size());
            assertEquals(expected.get(spec), text(records.get(0).key()), spec);
        }
    }

    @Test
    void a_broker_stopped_mid_stream_and_restarted_loses_nothing_silently_and_a_close_meanwhile_counts_once() {
        String topic = broker.newTopic(2);
        RecordingErrorHandler errors = new RecordingErrorHandler();
        KafkaSender sender = connected(KafkaSender.builder(broker.bootstrapServers(), topic)
            .flushTimeout(Duration.ofSeconds(60)).errorHandler(errors));
        KafkaSender closing = connected(KafkaSender.builder(broker.bootstrapServers(), topic)
            .closeTimeout(Duration.ofMillis(200)).errorHandler(errors));
        Set<String> given = new HashSet<>();
        try {
            for (int i = 0; i < 50; i++) {
                given.add("before " + i);
                sender.send(message("restart", "before " + i));
            }
            broker.stopBroker();
            try {
                assertTimeoutPreemptively(WAIT, () -> {
                    for (int i = 0; i < 50; i++) {
                        given.add("during " + i);
                        sender.send(message("restart", "during " + i));
                    }
                    for (int i = 0; i < 10; i++) {
                        closing.send(message("closing", "unacknowledged " + i));
                    }
                    closing.close();
                }, "sending while the broker is down does not block");
                DeliveryStats closed = closing.stats();
                assertEquals(10, closed.total(), () -> "each counted once: " + closed);
                assertEquals(0, closed.sent(), () -> "none acknowledged: " + closed);
                assertEquals(0, closing.inFlight());
            } finally {
                broker.restartBroker();
            }
            assertTrue(sender.awaitConnection(WAIT), "the sender finds the broker again");
            for (int i = 0; i < 10; i++) {
                given.add("after " + i);
                sender.send(message("restart", "after " + i));
            }
            assertTimeoutPreemptively(Duration.ofSeconds(90), sender::flush);
            DeliveryStats stats = sender.stats();
            assertEquals(110, stats.total(), () -> "every message counted once: " + stats);
            assertEquals(0, sender.inFlight());
            List<ConsumerRecord<byte[], byte[]>> records = broker.consume(topic, (int) stats.sent());
            Set<String> delivered = new HashSet<>();
            for (ConsumerRecord<byte[], byte[]> record : records) {
                String json = text(record.value());
                if (json.contains("\"logger\":\"restart\"")) {
                    assertTrue(delivered.add(json.replaceAll(".*\"payload\":\"([^\"]*)\".*", "$1")), "no duplicate");
                }
            }
            assertEquals(stats.sent(), delivered.size(), "acknowledged = delivered, exactly");
            assertTrue(given.containsAll(delivered));
            for (int i = 0; i < 10; i++) {
                assertTrue(delivered.contains("after " + i), () -> "delivered after the restart: " + delivered);
            }
            assertEquals(110 - stats.sent(), errors.errors().stream()
                .filter(e -> e.message() != null && "restart".equals(e.message().logger())).count(),
                () -> "every message not delivered was reported: " + stats + " " + errors.problems());
            DeliveryStats closedLater = closing.stats();
            assertEquals(10, closedLater.total(), "a callback after close counts nothing more");
        } finally {
            sender.close();
            closing.close();
        }
    }

    @Test
    void a_topic_that_does_not_exist_with_auto_create_off_is_a_clear_counted_failure() throws Exception {
        String topic = "absent-" + System.nanoTime();
        RecordingErrorHandler errors = new RecordingErrorHandler();
        ManualNanoClock clock = new ManualNanoClock();
        try (KafkaSender sender = KafkaSender.builder(broker.bootstrapServers(), topic).errorHandler(errors)
            .nanoClock(clock).closeTimeout(Duration.ZERO).build()) {
            assertFalse(sender.awaitConnection(Duration.ofMillis(200)));
            for (int i = 0; i < 5; i++) {
                sender.send(message("absent", "lost " + i));
            }
            sender.flush();
            assertEquals(new DeliveryStats(0, 0, 0, 0, 5), sender.stats());
            assertEquals(Failure.NO_METADATA.problem, errors.problems().get(0));
            assertEquals(4, errors.count(Failure.METADATA_MISSING.problem), () -> "" + errors.problems());
            assertTrue(errors.problems().get(0).contains("the topic is absent"), errors.problems().get(0));
            assertFalse(broker.exists(topic), "the sender never creates the topic");
        }
    }

    @Test
    void a_wrong_bootstrap_address_never_holds_the_caller_longer_than_max_block_ms_once_per_second() {
        RecordingErrorHandler errors = new RecordingErrorHandler();
        ManualNanoClock clock = new ManualNanoClock();
        KafkaSender sender = KafkaSender.builder("127.0.0.1:" + Ports.freeTcp(), "t").errorHandler(errors)
            .nanoClock(clock).closeTimeout(Duration.ofMillis(100)).build();
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int i = 0; i < 100; i++) {
                sender.send(message("nowhere", "lost " + i));
            }
            clock.advance(Duration.ofSeconds(1));
            sender.send(message("nowhere", "tried again"));
            sender.close();
        });
        assertEquals(new DeliveryStats(0, 0, 0, 0, 101), sender.stats());
        assertEquals(2, errors.count(Failure.NO_METADATA.problem), "one wait at first, one a second later");
        assertEquals(99, errors.count(Failure.METADATA_MISSING.problem));
    }

    @Test
    void a_record_too_large_for_the_producer_is_counted_as_too_large_at_once() {
        String topic = broker.newTopic(1);
        RecordingErrorHandler errors = new RecordingErrorHandler();
        try (KafkaSender sender = connected(KafkaSender.builder(broker.bootstrapServers(), topic)
            .producerProperty("max.request.size", 1024).errorHandler(errors))) {
            sender.send(message("big", "x".repeat(4096)));
            assertEquals(new DeliveryStats(0, 0, 0, 1, 0), sender.stats(), "counted when send returns");
            assertEquals(List.of(Failure.TOO_LARGE.problem), errors.problems());
            sender.send(message("big", "small"));
            sender.flush();
            assertEquals(new DeliveryStats(1, 0, 0, 1, 0), sender.stats());
        }
        assertEquals(1, broker.consume(topic, 1).size());
    }

    @Test
    void a_message_whose_key_cannot_be_made_is_counted_as_failed_and_the_next_one_is_sent() {
        String topic = broker.newTopic(1);
        RecordingErrorHandler errors = new RecordingErrorHandler();
        Object hostile = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("no text");
            }
        };
        try (KafkaSender sender = connected(KafkaSender.builder(broker.bootstrapServers(), topic)
            .key("fields.user").errorHandler(errors))) {
            sender.send(Message.builder("kafka.test").logger("x").fields(Map.of("user", hostile)).build());
            sender.send(message("x", "fine"));
            sender.flush();
            assertEquals(new DeliveryStats(1, 0, 0, 0, 1), sender.stats());
            assertEquals(Failure.NOT_ENCODED.problem, errors.problems().get(0));
        }
        List<ConsumerRecord<byte[], byte[]>> records = broker.consume(topic, 1);
        assertEquals(1, records.size());
        assertArrayEquals("u-x".getBytes(StandardCharsets.UTF_8), records.get(0).key());
    }
}
