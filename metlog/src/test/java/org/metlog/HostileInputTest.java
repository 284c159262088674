package org.metlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.metlog.message.Message;
import org.metlog.spi.Sender;

/** Issue 11, cases 8, 10, 11: hostile messages neither throw into the caller nor poison the next message. */
class HostileInputTest {
    /** A sender that encodes each message as a wire sender does and keeps the text. */
    static final class EncodingSender implements Sender {
        final List<String> sent = new ArrayList<>();

        @Override
        public void send(Message message) {
            sent.add(message.toJson());
        }

        @Override
        public void close() {
        }
    }

    private static final Object CYCLIC = new Object() {
        @Override
        public String toString() {
            return "x" + this;
        }
    };

    private static final Object THROWS_ERROR = new Object() {
        @Override
        public String toString() {
            throw new OutOfMemoryError("simulated, mid-encoding");
        }
    };

    private static MetlogClient client(EncodingSender sender) {
        return MetlogClient.builder().sender(sender).logger("t").errorHandler(e -> { }).build();
    }

    @Test
    void an_error_in_the_middle_of_encoding_leaves_the_next_message_on_the_thread_whole() throws Exception {
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("a", "1");
        fields.put("b", THROWS_ERROR);
        Message poisoned = Message.builder("t").fields(fields).build();
        try {
            poisoned.encodeJson();
        } catch (OutOfMemoryError expected) {
            // not the message's fault as far as the encoder knows; what matters is the next message
        }
        for (String payload : List.of("next", "after")) {
            String json = Message.builder("t").payload(payload).build().toJson();
            assertTrue(json.startsWith("{\"type\""), json);
            assertEquals(payload, new ObjectMapper().readValue(json, Map.class).get("payload"));
        }
    }

    @Test
    void a_null_message_is_counted_and_reported_not_thrown() {
        EncodingSender sender = new EncodingSender();
        // the standard handler: it is the report of the error that dereferenced the null message
        MetlogClient client = MetlogClient.builder().sender(sender).logger("t").build();
        client.sendMessage(null);
        assertEquals(0, sender.sent.size());
        assertEquals(1, client.deliveryStats().total());
    }

    @Test
    void a_cyclic_to_string_in_a_field_is_described_by_its_class_and_sent() {
        EncodingSender sender = new EncodingSender();
        MetlogClient client = client(sender);
        client.metlog("t", null, null, "p", Map.of("bad", CYCLIC));
        assertEquals(1, sender.sent.size());
        assertTrue(sender.sent.get(0).contains("toString() failed: java.lang.StackOverflowError"), sender.sent.get(0));
    }

    @Test
    void a_cyclic_to_string_as_a_log_argument_does_not_reach_the_caller() {
        EncodingSender sender = new EncodingSender();
        MetlogClient client = client(sender);
        client.info("value %s", CYCLIC);
        assertEquals(1, sender.sent.size());
    }

    @Test
    void a_message_in_its_own_fields_is_named_not_encoded_into_itself() {
        EncodingSender sender = new EncodingSender();
        MetlogClient client = client(sender);
        Message message = Message.builder("t").fields(new HashMap<>()).build();
        message.fields().put("self", message);
        client.sendMessage(message);
        assertEquals(1, sender.sent.size());
        assertTrue(sender.sent.get(0).contains("<message of type t>"), sender.sent.get(0));
    }

    @Test
    void an_exception_with_a_cause_chain_thousands_deep_does_not_reach_the_caller() {
        Throwable error = new RuntimeException("root");
        for (int i = 0; i < 5_000; i++) {
            error = new RuntimeException("level " + i, error);
        }
        EncodingSender sender = new EncodingSender();
        MetlogClient client = client(sender);
        client.error("failed", error);
        assertEquals(1, sender.sent.size());
    }
}
