package org.metlog.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.metlog.testing.DeepToString;

/** Issue 11 cases 9 and 11: what one message's fields may expand to, the markers, and the count of cut messages. */
class FieldBudgetTest {
    private static final Duration QUICK = Duration.ofSeconds(20);
    /** What the markers may add beyond the byte budget: one per open level, each a few dozen bytes. */
    private static final int MARKER_SLACK = 64 * (FieldLimits.MAX_DEPTH + 2);

    private final Origin origin = Origin.of(Message.ENV_VERSION, 1, "h");

    private Message message(Map<String, ?> fields) {
        return Messages.create(origin, "t", 1_700_000_000_000_000L, "l", 6, "p", fields, null, 1.0);
    }

    private static Map<String, Object> one(String key, Object value) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(key, value);
        return fields;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fieldsOf(String json) throws Exception {
        return (Map<String, Object>) new ObjectMapper().readValue(json, Map.class).get("fields");
    }

    /** Counts every value of a decoded JSON tree, as the budget counts them (containers included, the root not). */
    private static long values(Object tree) {
        long n = 0;
        if (tree instanceof Map<?, ?> map) {
            for (Object v : map.values()) {
                n += 1 + values(v);
            }
        } else if (tree instanceof List<?> list) {
            for (Object v : list) {
                n += 1 + values(v);
            }
        }
        return n;
    }

    @Test
    void a_map_holding_itself_twice_is_encoded_quickly_within_the_value_and_byte_budget() throws Exception {
        Map<String, Object> doubling = new HashMap<>();
        doubling.put("a", doubling);
        doubling.put("b", doubling);
        Message m = message(one("tree", doubling));
        // without a budget the depth cap alone lets this expand to 2^33 values: hours, or an OutOfMemoryError
        String json = assertTimeoutPreemptively(QUICK, m::toJson);
        assertTrue(json.length() <= FieldLimits.MAX_BYTES + MARKER_SLACK, "length " + json.length());
        Map<String, Object> fields = fieldsOf(json);
        long written = values(fields);
        assertTrue(written <= FieldLimits.MAX_NODES + FieldLimits.MAX_DEPTH + 2, "values " + written);
        assertTrue(json.contains("\"[truncated]\":\"[truncated: 1 more]\""), json.substring(0, 200));
        assertEquals(1, FieldLimits.truncatedMessages(origin));
    }

    @Test
    void a_cut_message_encoded_again_after_another_cut_message_is_still_counted_once() {
        // the order two threads give when one sender re-encodes a message to fit a datagram while another
        // sender's thread encodes the next message of the same client
        Message first = message(one("wide", Collections.nCopies(20_000, 1)));
        Message second = message(one("wide", Collections.nCopies(20_000, 2)));
        first.toJson();
        second.toJson();
        first.toJson();
        second.encodeJson();
        assertEquals(2, FieldLimits.truncatedMessages(origin));
    }

    @Test
    void a_wide_list_keeps_the_first_values_and_ends_with_the_number_left_out() throws Exception {
        List<Integer> wide = new ArrayList<>(Collections.nCopies(50_000, 7));
        List<?> written = (List<?>) fieldsOf(message(one("wide", wide)).toJson()).get("wide");
        int kept = FieldLimits.MAX_NODES - 1; // the list itself is one value
        assertEquals(kept + 1, written.size());
        assertEquals(7, written.get(kept - 1));
        assertEquals("[truncated: " + (50_000 - kept) + " more]", written.get(kept));
        assertEquals(1, FieldLimits.truncatedMessages(origin));
    }

    @Test
    void a_wide_map_ends_with_a_truncated_entry_naming_the_entries_left_out() throws Exception {
        Map<String, Object> wide = new LinkedHashMap<>();
        for (int i = 0; i < 20_000; i++) {
            wide.put("k" + i, i);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> written = (Map<String, Object>) fieldsOf(message(one("wide", wide)).toJson()).get("wide");
        int kept = FieldLimits.MAX_NODES - 1;
        assertEquals(kept + 1, written.size());
        assertEquals("[truncated: " + (20_000 - kept) + " more]", written.get(FieldLimits.TRUNCATED));
    }

    @Test
    void nesting_deeper_than_the_depth_limit_is_written_as_too_deep() throws Exception {
        Object nested = "leaf";
        for (int i = 0; i < 100; i++) {
            nested = List.of(nested);
        }
        Object level = fieldsOf(message(one("deep", nested)).toJson()).get("deep");
        int depth = 0;
        while (level instanceof List<?> list) {
            level = list.get(0);
            depth++;
        }
        assertEquals(FieldLimits.MAX_DEPTH, depth);
        assertEquals(FieldLimits.TOO_DEEP, level);
        assertEquals(1, FieldLimits.truncatedMessages(origin));
    }

    @Test
    void nesting_within_the_depth_limit_is_written_whole_and_not_counted() throws Exception {
        Object nested = "leaf";
        for (int i = 0; i < FieldLimits.MAX_DEPTH; i++) {
            nested = List.of(nested);
        }
        assertTrue(message(one("deep", nested)).toJson().contains("\"leaf\""));
        assertEquals(0, FieldLimits.truncatedMessages(origin));
    }

    @Test
    void a_string_larger_than_the_byte_budget_is_cut_and_says_how_much_was_left_out() throws Exception {
        String huge = "x".repeat(5 * FieldLimits.MAX_BYTES);
        Message m = message(one("huge", huge));
        int encoded = m.encodeJson().remaining();
        assertTrue(encoded <= FieldLimits.MAX_BYTES + MARKER_SLACK, "bytes " + encoded);
        String written = (String) fieldsOf(m.toJson()).get("huge");
        int kept = written.indexOf("[truncated: ");
        assertTrue(kept > FieldLimits.MAX_BYTES - 100, "kept " + kept);
        assertEquals("[truncated: " + (huge.length() - kept) + " more chars]", written.substring(kept));
        assertEquals(1, FieldLimits.truncatedMessages(origin));
    }

    @Test
    void multi_byte_text_is_cut_by_its_encoded_size_not_its_length() throws Exception {
        String wide = "\u00e9\u20ac".repeat(FieldLimits.MAX_BYTES / 3); // 5 bytes per pair: 1.7 MiB
        Message m = message(one("text", wide));
        int encoded = m.encodeJson().remaining();
        assertTrue(encoded <= FieldLimits.MAX_BYTES + MARKER_SLACK, "bytes " + encoded);
        assertTrue(encoded > FieldLimits.MAX_BYTES - 200, "bytes " + encoded);
    }

    @Test
    void a_string_within_the_byte_budget_is_written_whole() throws Exception {
        String large = "y".repeat(FieldLimits.MAX_BYTES - 1_000);
        assertEquals(large, fieldsOf(message(one("large", large)).toJson()).get("large"));
        assertEquals(0, FieldLimits.truncatedMessages(origin));
    }

    @Test
    void fields_after_the_byte_budget_is_spent_are_left_out_and_counted() throws Exception {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("huge", "z".repeat(2 * FieldLimits.MAX_BYTES));
        fields.put("next", 1);
        fields.put("last", 2);
        Map<String, Object> written = fieldsOf(message(fields).toJson());
        assertEquals(List.of("huge", FieldLimits.TRUNCATED), List.copyOf(written.keySet()));
        assertEquals("[truncated: 2 more]", written.get(FieldLimits.TRUNCATED));
    }

    @Test
    void an_endless_iterable_is_cut_with_the_marker_of_unknown_length() throws Exception {
        Iterable<Integer> endless = () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                return 1;
            }
        };
        List<?> written = assertTimeoutPreemptively(QUICK,
            () -> (List<?>) fieldsOf(message(one("endless", endless)).toJson()).get("endless"));
        assertEquals(FieldLimits.TRUNCATED, written.get(written.size() - 1));
    }

    @Test
    void an_iteration_that_throws_is_described_by_its_class_and_the_rest_is_written() throws Exception {
        Iterable<Integer> broken = () -> {
            throw new IllegalStateException("no");
        };
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("broken", broken);
        fields.put("after", "kept");
        Map<String, Object> written = fieldsOf(message(fields).toJson());
        List<?> list = (List<?>) written.get("broken");
        assertTrue(((String) list.get(0)).endsWith(" iteration failed: java.lang.IllegalStateException>"), list.toString());
        assertEquals("kept", written.get("after"));
        assertEquals(1, FieldLimits.truncatedMessages(origin));
    }

    @Test
    void a_recursive_to_string_deeper_than_the_stack_is_described_and_counted() throws Exception {
        Object chain = DeepToString.chain(1_000_000);
        Message m = message(one("chain", chain));
        String written = (String) fieldsOf(m.toJson()).get("chain");
        assertEquals("<" + DeepToString.class.getName() + ".toString() failed: java.lang.StackOverflowError>", written);
        assertEquals(1, FieldLimits.truncatedMessages(origin));
    }

    @Test
    void a_key_whose_to_string_throws_is_described() throws Exception {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put(DeepToString.chain(1_000_000), "v");
        @SuppressWarnings("unchecked")
        Map<String, Object> written = (Map<String, Object>) fieldsOf(message(one("m", map)).toJson()).get("m");
        assertEquals("v", written.get("<" + DeepToString.class.getName() + ".toString() failed: java.lang.StackOverflowError>"));
    }

    @Test
    void an_out_of_memory_error_from_a_to_string_is_not_the_messages_fault_and_is_rethrown() {
        Object exhausting = new Object() {
            @Override
            public String toString() {
                throw new OutOfMemoryError("simulated");
            }
        };
        assertThrows(OutOfMemoryError.class, () -> message(one("x", exhausting)).encodeJson());
        assertEquals(0, FieldLimits.truncatedMessages(origin));
    }

    @Test
    void a_message_encoded_again_and_again_in_a_row_is_counted_once() {
        Message m = message(one("wide", Collections.nCopies(20_000, 1)));
        m.encodeJson();
        m.encodeJson();
        m.toJson();
        m.toPrettyJson();
        assertEquals(1, FieldLimits.truncatedMessages(origin));
        message(one("wide", Collections.nCopies(20_000, 1))).encodeJson();
        assertEquals(2, FieldLimits.truncatedMessages(origin));
    }

    @Test
    void the_indented_form_is_bounded_by_the_same_budget() throws Exception {
        Map<String, Object> doubling = new HashMap<>();
        doubling.put("a", doubling);
        doubling.put("b", doubling);
        String pretty = assertTimeoutPreemptively(QUICK, () -> message(one("tree", doubling)).toPrettyJson());
        assertTrue(pretty.length() <= FieldLimits.MAX_BYTES + MARKER_SLACK * 40, "length " + pretty.length());
        assertTrue(values(fieldsOf(pretty)) <= FieldLimits.MAX_NODES + FieldLimits.MAX_DEPTH + 2);
    }

    @Test
    void a_normal_message_is_not_counted() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("list", List.of(1, 2, 3));
        fields.put("map", Map.of("k", "v"));
        fields.put("text", "hello");
        message(fields).encodeJson();
        message(null).toJson();
        assertEquals(0, FieldLimits.truncatedMessages(origin));
    }
}
