package org.metlog.config;
import org.metlog.spi.InvalidOptionException;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.metlog.MetlogClient;
import org.metlog.senders.DebugCaptureSender;

class StatsIntervalConfigTest {

    @Test
    void stats_interval_in_the_ini_file_makes_the_client_send_its_counters_periodically() throws Exception {
        MetlogClient client = MetlogConfig.clientFromText(String.join("\n",
            "[metlog]",
            "logger = app",
            "stats_interval = 0.02",
            "sender_class = metlog.senders.DebugCaptureSender"), "metlog");
        try {
            DebugCaptureSender sender = (DebugCaptureSender) client.sender();
            client.incr("hits");
            long deadline = System.nanoTime() + 10_000_000_000L;
            boolean seen = false;
            while (!seen && System.nanoTime() < deadline) {
                List<Map<String, Object>> messages = sender.decoded();
                seen = messages.stream().anyMatch(m -> MetlogClient.TYPE_STATS.equals(m.get("type")));
                Thread.sleep(5);
            }
            assertTrue(seen, "no " + MetlogClient.TYPE_STATS + " message within 10 s");
        } finally {
            client.close();
        }
    }

    @Test
    void a_negative_stats_interval_is_refused_naming_the_key_and_value() {
        InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> MetlogConfig.clientFromText(
            "[metlog]\nstats_interval = -1\nsender_class = metlog.senders.DebugCaptureSender\n", "metlog"));
        assertTrue(e.getMessage().contains("stats_interval = -1"), e.getMessage());
    }

    @Test
    void a_non_numeric_stats_interval_is_refused() {
        InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> MetlogConfig.clientFromMap(
            Map.of("stats_interval", "often", "sender", Map.of("class", "metlog.senders.DebugCaptureSender"))));
        assertTrue(e.getMessage().contains("stats_interval = 'often'"), e.getMessage());
    }
}
