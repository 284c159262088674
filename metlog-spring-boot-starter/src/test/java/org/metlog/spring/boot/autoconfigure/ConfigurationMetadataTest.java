package org.metlog.spring.boot.autoconfigure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.metlog.config.Components;

/** The metadata IDEs read: the starter's own properties (generated) and the client's keys (added by hand). */
class ConfigurationMetadataTest {

    @Test
    void the_metadata_lists_the_starters_properties_and_the_clients_keys() throws IOException {
        JsonNode metadata = metadata();
        Set<String> names = new HashSet<>();
        metadata.get("properties").forEach(p -> names.add(p.get("name").asText()));

        assertTrue(names.containsAll(Set.of("metlog.config-location", "metlog.section", "metlog.metrics.enabled",
            "metlog.metrics.step", "metlog.metrics.prefix", "metlog.metrics.percentiles")), names::toString);
        assertTrue(names.containsAll(Set.of("metlog.logger", "metlog.severity", "metlog.disabled-timers",
            "metlog.prefix", "metlog.stats-interval", "metlog.error-handler", "metlog.sender.class", "metlog.sender",
            "metlog.filter", "metlog.plugin", "metlog.global")), names::toString);
    }

    @Test
    void every_sender_and_filter_the_metadata_suggests_is_a_name_the_loader_knows() throws IOException {
        int hints = 0;
        for (JsonNode hint : metadata().get("hints")) {
            for (JsonNode value : hint.get("values")) {
                assertTrue(Components.aliases().containsKey(value.get("value").asText()), value::toString);
                hints++;
            }
        }
        assertEquals(11, hints);
    }

    private static JsonNode metadata() throws IOException {
        try (InputStream in = ConfigurationMetadataTest.class.getResourceAsStream(
            "/META-INF/spring-configuration-metadata.json")) {
            assertNotNull(in, "META-INF/spring-configuration-metadata.json is not on the class path");
            return new ObjectMapper().readTree(in);
        }
    }
}
