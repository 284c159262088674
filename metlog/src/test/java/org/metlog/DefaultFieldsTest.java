package org.metlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.metlog.message.Message;
import org.metlog.senders.DebugCaptureSender;

/** The builder's default fields: checked, copied, merged under the message's own fields. */
class DefaultFieldsTest {
    private final DebugCaptureSender sender = new DebugCaptureSender();

    @SuppressWarnings("unchecked")
    private Map<String, Object> lastFields() {
        return (Map<String, Object>) sender.last().get("fields");
    }

    @Test
    void the_builder_copies_the_fields_so_later_changes_to_the_map_do_not_reach_messages() {
        Map<String, Object> defaults = new HashMap<>(Map.of("env", "prod"));
        MetlogClient client = MetlogClient.builder().sender(sender).defaultFields(defaults).build();
        defaults.put("env", "changed");
        client.info("x");
        assertEquals(Map.of("env", "prod"), lastFields());
    }

    @Test
    void a_messages_own_fields_come_first_and_win() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("env", "prod");
        defaults.put("team", "core");
        MetlogClient client = MetlogClient.builder().sender(sender).defaultFields(defaults).build();
        client.metlog("custom", "p", Map.of("team", "web"));
        assertEquals(List.of("team", "env"), List.copyOf(lastFields().keySet()));
        assertEquals("web", lastFields().get("team"));
    }

    @Test
    void a_ready_message_given_to_send_message_is_sent_as_given() {
        MetlogClient client = MetlogClient.builder().sender(sender).defaultFields(Map.of("env", "prod")).build();
        client.sendMessage(Message.builder("custom").build());
        assertEquals(Map.of(), lastFields());
    }

    @Test
    void setup_clears_the_default_fields() {
        MetlogClient client = MetlogClient.builder().sender(sender).defaultFields(Map.of("env", "prod")).build();
        client.setup(sender, "app", 6, null, null);
        client.info("x");
        assertEquals(Map.of(), lastFields());
    }

    @Test
    void names_the_statistics_set_themselves_empty_names_and_null_values_are_rejected() {
        for (String name : new String[] {"name", "rate", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MetlogClient.builder().defaultFields(Map.of(name, "x")));
            assertTrue(e.getMessage().contains("'" + name + "'"), e.getMessage());
        }
        Map<String, Object> nullValue = new HashMap<>();
        nullValue.put("env", null);
        assertEquals("default field 'env' has a null value: expected a value", assertThrows(
            IllegalArgumentException.class, () -> MetlogClient.builder().defaultFields(nullValue)).getMessage());
        MetlogClient.builder().defaultFields(null); // none
    }
}
