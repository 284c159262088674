package org.metlog.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** metlog-py passes {@code sender_class} through {@code _convert} like every other value of the main section. */
class SenderClassConversionTest {
    private static final Function<String, String> ENV =
        Map.of("SENDER", "metlog.senders.DebugCaptureSender")::get;

    @Test
    void an_environment_reference_in_sender_class_names_the_sender() {
        Map<String, Object> map = MetlogConfig.mapFromText("[metlog]\nsender_class = ${SENDER}\n", "metlog", ENV);
        assertEquals(Map.of("class", "metlog.senders.DebugCaptureSender"), map.get("sender"));
    }

    @Test
    void an_environment_reference_in_a_nested_sender_class_names_the_sender() {
        Map<String, Object> map = MetlogConfig.mapFromText("[metlog]\nsender_class = org.metlog.senders.RouterSender"
            + "\n[metlog_sender_logs]\nclass = ${SENDER}\n", "metlog", ENV);
        @SuppressWarnings("unchecked")
        Map<String, Object> sender = (Map<String, Object>) map.get("sender");
        assertEquals(Map.of("logs", Map.of("class", "metlog.senders.DebugCaptureSender")), sender.get("senders"));
    }

    @Test
    void a_missing_variable_in_sender_class_is_reported_as_a_missing_variable_not_an_unknown_class() {
        MissingEnvironmentVariableException e = assertThrows(MissingEnvironmentVariableException.class,
            () -> MetlogConfig.mapFromText("[metlog]\nsender_class = ${NOPE}\n", "metlog", ENV));
        assertTrue(e.getMessage().contains("NOPE"), e.getMessage());
        assertTrue(e.getMessage().contains("sender_class"), e.getMessage());
    }

    @Test
    void the_provider_of_a_filter_is_left_as_written() {
        Map<String, Object> map = MetlogConfig.mapFromText("[metlog]\nsender_class = x\n[metlog_filter_a]\n"
            + "provider = ${NOT_EXPANDED}\n", "metlog", ENV);
        assertTrue(map.get("filters").toString().contains("${NOT_EXPANDED}"), map.toString());
    }
}
