package org.metlog.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.metlog.micrometer.Steps.fields;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.metlog.ClientHolder;
import org.metlog.MetlogClient;
import org.metlog.senders.DebugCaptureSender;
import org.metlog.testing.Envelopes;
import org.metlog.testing.Project;

/**
 * The example of docs/micrometer.md is the body of {@link #example()}, character for character (but for the
 * indentation), so the page cannot drift from code that compiles and runs; the messages the page shows are the
 * ones the example sends.
 */
class MicrometerDocTest {
    // Split, so that the markers are found only around the example.
    private static final String START = "// example:" + "start";
    private static final String END = "// example:" + "end";
    private static final Comparator<Map<String, Object>> BY_TYPE = Comparator.comparing(m -> (String) m.get("type"));

    @AfterEach
    void forgetTheClient() {
        MetlogClient client = ClientHolder.remove("myapp");
        if (client != null) {
            client.close();
        }
    }

    @Test
    void the_example_on_the_micrometer_page_is_the_code_this_test_runs() throws Exception {
        String page = Files.readString(Project.file("docs", "micrometer.md"));
        String test = Files.readString(Path.of("src/test/java/org/metlog/micrometer/MicrometerDocTest.java"));

        assertEquals(between(test, START, END), javaBlockAfter(page, "<!-- example -->"));
    }

    @Test
    void the_example_sends_the_counter_and_the_timer_the_page_shows() {
        DebugCaptureSender capture = new DebugCaptureSender();
        MetlogClient.builder().sender(capture).logger("myapp").configure(ClientHolder.get("myapp"));

        assertTimeoutPreemptively(Duration.ofSeconds(30), MicrometerDocTest::example);

        List<Map<String, Object>> messages = capture.decoded();
        assertEquals(2, messages.size(), messages::toString);
        Map<String, Object> counter = messages.stream().filter(m -> "counter".equals(m.get("type"))).findFirst()
            .orElseThrow();
        assertEquals("1", counter.get("payload"));
        assertEquals(Map.of("name", "myapp.logins", "rate", 1.0, "method", "password"), fields(counter));
        Map<String, Object> timer = messages.stream().filter(m -> "timer".equals(m.get("type"))).findFirst()
            .orElseThrow();
        assertEquals("25", timer.get("payload"));
        Map<String, Object> fields = fields(timer);
        assertEquals("myapp.db.query", fields.get("name"));
        assertEquals(1, fields.get("count"));
        assertEquals(25.0, fields.get("sum"));
        assertEquals(25.0, fields.get("max"));
        assertEquals("ms", fields.get("unit"));
        assertEquals("users", fields.get("table"));
        assertTrue(fields.containsKey("p50") && fields.containsKey("p99"), fields::toString);
        assertEquals(shown(), messages.stream().map(m -> Map.of("type", m.get("type"), "payload", m.get("payload"),
            "fields", m.get("fields"))).sorted(BY_TYPE).toList(), "the envelopes the page shows, by type");
    }

    /** {@return the shortened envelopes of the page's output block, one JSON object a line} */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> shown() {
        try {
            String page = Files.readString(Project.file("docs", "micrometer.md"));
            int at = page.indexOf("<!-- output -->");
            assertTrue(at >= 0, "marker <!-- output --> not found in docs/micrometer.md");
            List<Map<String, Object>> out = new ArrayList<>();
            for (String line : between(page.substring(at), "```json", "```\n").split("\n")) {
                out.add(Envelopes.JSON.readValue(line, Map.class));
            }
            out.sort(BY_TYPE);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page's example; {@code ClientHolder.get("myapp")} is the client the test configured. */
    private static void example() {
        // example:start
        MetlogClient client = ClientHolder.get("myapp");      // your configured client
        MetlogMeterRegistry registry = MetlogMeterRegistry.builder(client)
            .config(MetlogRegistryConfig.builder()
                .step(Duration.ofSeconds(30))                 // one message per meter every 30 s
                .prefix("myapp")                              // names become myapp.<meter name>
                .percentiles(0.5, 0.99)                       // p50 and p99 fields on timers
                .build())
            .build();                                         // publishing starts now

        Counter logins = Counter.builder("logins").tag("method", "password").register(registry);
        Timer queries = Timer.builder("db.query").tag("table", "users").register(registry);
        logins.increment();
        queries.record(Duration.ofMillis(25));

        registry.close();                                     // at shutdown: sends the last, partial step
        // example:end
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        int to = text.indexOf(end, from);
        assertTrue(from >= 0 && to > from, "markers " + start + " and " + end + " not found");
        return dedent(text.substring(text.indexOf('\n', from) + 1, text.lastIndexOf('\n', to) + 1));
    }

    private static String javaBlockAfter(String page, String marker) {
        int at = page.indexOf(marker);
        assertTrue(at >= 0, "marker " + marker + " not found in docs/micrometer.md");
        return between(page.substring(at), "```java", "```\n");
    }

    /** Removes the indentation all non-blank lines share. */
    private static String dedent(String block) {
        List<String> lines = Arrays.asList(block.split("\n", -1));
        int indent = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
            .min().orElse(0);
        return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).collect(Collectors.joining("\n"));
    }
}
