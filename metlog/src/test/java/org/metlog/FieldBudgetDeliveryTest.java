package org.metlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.metlog.message.DeliveryStats;
import org.metlog.message.FieldLimits;
import org.metlog.message.Message;
import org.metlog.senders.UdpSender;
import org.metlog.spi.Sender;
import org.metlog.testing.DeepToString;
import org.metlog.testing.RecordingErrorHandler;
import org.metlog.testing.UdpReceiver;

/**
 * Issue 11 cases 9 and 11 through a client: a message whose fields exceed the budget, or whose values cannot be
 * described, is delivered with markers and counted as truncated; only errors that are not the message's fault
 * reach the caller.
 */
class FieldBudgetDeliveryTest {
    private static final Duration QUICK = Duration.ofSeconds(20);

    /** A sender that throws what it is given, as a broken sender of the application's would. */
    private static final class ThrowingSender implements Sender {
        private final Error error;

        ThrowingSender(Error error) {
            this.error = error;
        }

        @Override
        public void send(Message message) {
            throw error;
        }

        @Override
        public void close() {
        }
    }

    private static Map<String, Object> selfDoubling() {
        Map<String, Object> doubling = new HashMap<>();
        doubling.put("a", doubling);
        doubling.put("b", doubling);
        return doubling;
    }

    @Test
    void a_wide_list_arrives_over_udp_cut_with_its_marker_and_is_counted_as_truncated() {
        try (UdpReceiver receiver = UdpReceiver.ipv4();
             UdpSender udp = UdpSender.builder().hosts(List.of("127.0.0.1")).ports(List.of(receiver.port())).build()) {
            assertTrue(udp.awaitConnection(UdpReceiver.DEADLINE));
            MetlogClient client = MetlogClient.builder().sender(udp).logger("t").build();
            client.metlog("wide", null, null, "p", Map.of("values", Collections.nCopies(50_000, 7)));
            Map<String, Object> received = receiver.receiveJson(UdpReceiver.DEADLINE);
            @SuppressWarnings("unchecked")
            List<Object> values = (List<Object>) ((Map<String, Object>) received.get("fields")).get("values");
            int kept = FieldLimits.MAX_NODES - 1;
            assertEquals("[truncated: " + (50_000 - kept) + " more]", values.get(values.size() - 1));
            assertEquals(new DeliveryStats(1, 0, 0, 0, 0, 1), client.deliveryStats());
        }
    }

    @Test
    void a_map_holding_itself_twice_is_delivered_bounded_and_counted_not_thrown() {
        HostileInputTest.EncodingSender sender = new HostileInputTest.EncodingSender();
        MetlogClient client = MetlogClient.builder().sender(sender).logger("t").errorHandler(e -> { }).build();
        assertTimeoutPreemptively(QUICK, () -> client.metlog("t", null, null, "p", Map.of("tree", selfDoubling())));
        assertEquals(1, sender.sent.size());
        assertTrue(sender.sent.get(0).length() < 2 * FieldLimits.MAX_BYTES);
        assertEquals(1, client.deliveryStats().truncated());
        assertEquals(1, client.stats().truncated());
        assertEquals(1, client.deliveryStats().sent());
    }

    @Test
    void a_recursive_to_string_deeper_than_the_stack_is_contained_sent_and_counted() {
        HostileInputTest.EncodingSender sender = new HostileInputTest.EncodingSender();
        RecordingErrorHandler errors = RecordingErrorHandler.create();
        MetlogClient client = MetlogClient.builder().sender(sender).logger("t").errorHandler(errors).build();
        client.metlog("t", null, null, "p", Map.of("chain", DeepToString.chain(1_000_000)));
        assertEquals(1, sender.sent.size());
        assertTrue(sender.sent.get(0).contains(".toString() failed: java.lang.StackOverflowError>"));
        assertEquals(new DeliveryStats(1, 0, 0, 0, 0, 1), client.deliveryStats());
        assertEquals(List.of(), errors.errors(), "a contained value is no delivery error");
    }

    @Test
    void a_log_argument_whose_to_string_throws_an_error_is_described_not_thrown() {
        HostileInputTest.EncodingSender sender = new HostileInputTest.EncodingSender();
        MetlogClient client = MetlogClient.builder().sender(sender).logger("t").errorHandler(e -> { }).build();
        Object asserting = new Object() {
            @Override
            public String toString() {
                throw new AssertionError("an assert in the application's toString()");
            }
        };
        client.info("value %s and %d", asserting);
        assertEquals(1, sender.sent.size());
        assertTrue(sender.sent.get(0).contains("toString() failed: java.lang.AssertionError>"), sender.sent.get(0));
    }

    @Test
    void an_out_of_memory_error_thrown_by_a_sender_itself_is_counted_reported_and_rethrown() {
        RecordingErrorHandler errors = RecordingErrorHandler.create();
        MetlogClient client = MetlogClient.builder().sender(new ThrowingSender(new OutOfMemoryError("sender")))
            .logger("t").errorHandler(errors).build();
        assertThrows(OutOfMemoryError.class, () -> client.incr("hits"));
        assertEquals(1, client.stats().failed());
        assertEquals(1, errors.errors().size());
    }

    @Test
    void a_stack_overflow_in_a_sender_is_counted_failed_once_and_not_rethrown() {
        RecordingErrorHandler errors = RecordingErrorHandler.create();
        MetlogClient client = MetlogClient.builder().sender(new ThrowingSender(new StackOverflowError("sender")))
            .logger("t").errorHandler(errors).build();
        client.incr("hits");
        assertEquals(new DeliveryStats(0, 0, 0, 0, 1, 0), client.stats());
        assertEquals(1, errors.errors().size());
    }

    @Test
    void a_cause_chain_thousands_deep_keeps_its_first_causes_in_java_format_and_says_how_many_were_cut()
        throws Exception {
        Throwable error = new RuntimeException("root");
        for (int i = 0; i < 5_000; i++) {
            error = new RuntimeException("level " + i, error);
        }
        HostileInputTest.EncodingSender sender = new HostileInputTest.EncodingSender();
        MetlogClient client = MetlogClient.builder().sender(sender).logger("t").errorHandler(e -> { }).build();
        client.error("failed", error);
        String payload = (String) new ObjectMapper().readValue(sender.sent.get(0), Map.class).get("payload");
        String newline = System.lineSeparator();
        assertTrue(payload.startsWith("failed\njava.lang.RuntimeException: level 4999" + newline + "\tat "), payload);
        assertTrue(payload.contains(newline + "Caused by: java.lang.RuntimeException: level "
            + (4999 - LogText.MAX_CAUSES + 1) + newline), payload);
        assertTrue(payload.endsWith(newline + "[truncated: " + (5_001 - LogText.MAX_CAUSES) + " more causes]"),
            payload.substring(payload.length() - 200));
    }

    @Test
    void a_cause_chain_within_the_budget_is_printed_exactly_as_java_prints_it() {
        Throwable error = new IllegalStateException("top", new RuntimeException("middle", new Error("root")));
        assertEquals(LogText.stackTrace(error), LogText.of("", new Object[] {error}).substring(1));
        java.io.StringWriter printed = new java.io.StringWriter();
        error.printStackTrace(new java.io.PrintWriter(printed));
        assertEquals(printed.toString().stripTrailing(), LogText.stackTrace(error));
    }
}
