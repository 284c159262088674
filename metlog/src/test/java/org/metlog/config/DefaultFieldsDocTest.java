package org.metlog.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.metlog.MetlogClient;
import org.metlog.senders.DebugCaptureSender;
import org.metlog.testing.MarkdownBlocks;

/** docs/configuration.md, "Default fields": the INI block loads as written into the map and fields the page shows. */
class DefaultFieldsDocTest {
    @Test
    void the_default_fields_example_gives_the_fields_the_page_shows() {
        String ini = MarkdownBlocks.block("configuration.md", "### Default fields: `[metlog_fields]`", "ini", 0);
        Map<String, Object> map = MetlogConfig.mapFromText(ini, "metlog");
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("env", "prod");
        fields.put("service", "checkout");
        fields.put("shard", 3);
        assertEquals(Map.of("sender", Map.of("class", "metlog.senders.dev.StdOutSender"), "fields", fields), map);
        Map<String, Object> capturing = new LinkedHashMap<>(map);
        capturing.put("sender", Map.of("class", "metlog.senders.dev.DebugCaptureSender")); // not to print
        MetlogClient client = MetlogConfig.clientFromMap(capturing);
        client.info("hi");
        assertEquals(fields, ((DebugCaptureSender) client.sender()).last().get("fields"));
        client.close();
    }
}
