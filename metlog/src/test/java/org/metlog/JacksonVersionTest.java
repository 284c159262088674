package org.metlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.Version;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.metlog.senders.DebugCaptureSender;

/**
 * Which Jackson the suite runs with. In the oldest-Jackson build ({@code -P oldest-jackson}) the property
 * {@code metlog.expectedJacksonVersion} names the pinned version, and this test fails if the class path holds
 * another: so that job really tests 2.12.7. In every build, the parts that do use Jackson (printing a configuration,
 * the debug-capture sender) work with the Jackson present.
 */
class JacksonVersionTest {
    @Test
    void the_jackson_on_the_class_path_is_the_one_the_build_pins() {
        Version core = com.fasterxml.jackson.core.json.PackageVersion.VERSION;
        Version databind = com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION;
        String expected = System.getProperty("metlog.expectedJacksonVersion");
        if (expected != null) {
            assertEquals(expected, core.toString(), "jackson-core");
            assertEquals(expected, databind.toString(), "jackson-databind");
        }
        assertTrue(core.compareTo(new Version(2, 12, 0, null, null, null)) >= 0, "supported from 2.12: " + core);
    }

    @Test
    void the_debug_capture_sender_decodes_envelopes_with_this_jackson() {
        DebugCaptureSender capture = new DebugCaptureSender();
        try (MetlogClient client = MetlogClient.builder().sender(capture).logger("app").build()) {
            client.incr("hits");
            client.metlog("custom", "payload \uD83D\uDE00", Map.of("k", List.of(1, 2.5, "x")));
            assertEquals(2, capture.messages().size());
            assertEquals("payload \uD83D\uDE00", capture.decoded().get(1).get("payload"));
            assertEquals(List.of(1, 2.5, "x"), ((Map<?, ?>) capture.last().get("fields")).get("k"));
        }
    }
}
