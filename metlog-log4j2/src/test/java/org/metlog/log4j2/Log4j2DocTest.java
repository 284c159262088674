package org.metlog.log4j2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.MarkerManager;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metlog.ClientHolder;
import org.metlog.MetlogClient;
import org.metlog.senders.DebugCaptureSender;
import org.metlog.testing.Envelopes;
import org.metlog.testing.Project;

/**
 * The log4j2.xml of docs/log4j2.md is loaded as written, its Java block is the body of {@link #example()}
 * character for character (but for the indentation), and the envelope the page shows is the one that is sent.
 */
class Log4j2DocTest {
    // Split, so that the markers are found only around the example.
    private static final String START = "// example:" + "start";
    private static final String END = "// example:" + "end";

    @AfterEach
    void reset() {
        LoggerContext.getContext(false).setConfiguration(new DefaultConfiguration());
        ThreadContext.clearAll();
        MetlogClient client = ClientHolder.remove("myapp");
        if (client != null) {
            client.close();
        }
    }

    private static String page() throws Exception {
        return Files.readString(Project.file("docs", "log4j2.md"));
    }

    @Test
    void the_java_example_on_the_log4j2_page_is_the_code_this_test_runs() throws Exception {
        String test = Files.readString(Path.of("src/test/java/org/metlog/log4j2/Log4j2DocTest.java"));
        assertEquals(between(test, START, END), blockAfter(page(), "<!-- example:java -->", "```java"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_pages_log4j2_xml_as_written_sends_the_envelope_the_page_shows(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("log4j2.xml");
        Files.writeString(config, blockAfter(page(), "<!-- example -->", "```xml"));
        DebugCaptureSender capture = new DebugCaptureSender();
        MetlogClient.builder().sender(capture).logger("myapp").configure(ClientHolder.get("myapp"));
        LoggerContext.getContext(false).setConfigLocation(config.toUri());

        example();

        List<Map<String, Object>> sent = capture.decoded();
        assertEquals(1, sent.size(), sent::toString);
        Map<String, Object> shown = Envelopes.JSON.readValue(blockAfter(page(), "<!-- output -->", "```json").strip(),
            Map.class);
        Map<String, Object> shownFields = new LinkedHashMap<>((Map<String, Object>) shown.get("fields"));
        shownFields.put("thread", Thread.currentThread().getName());
        Map<String, Object> actual = sent.get(0);
        assertEquals(Map.of("type", shown.get("type"), "severity", shown.get("severity"), "payload",
            shown.get("payload"), "fields", shownFields), Map.of("type", actual.get("type"), "severity",
            actual.get("severity"), "payload", actual.get("payload"), "fields", actual.get("fields")));
    }

    /** The page's Java example, logging through the global Log4j2 context the test configured. */
    private static void example() {
        // example:start
        ThreadContext.put("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");   // usually set by your tracing
        Logger log = LogManager.getLogger("com.example.checkout");
        log.warn(MarkerManager.getMarker("AUDIT"), "refund of order {} refused", 42);
        // example:end
    }

    private static String blockAfter(String page, String marker, String fence) {
        int at = page.indexOf(marker);
        assertTrue(at >= 0, "marker " + marker + " not found in docs/log4j2.md");
        return between(page.substring(at), fence, "```\n");
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        int to = text.indexOf(end, from);
        assertTrue(from >= 0 && to > from, "markers " + start + " and " + end + " not found");
        return dedent(text.substring(text.indexOf('\n', from) + 1, text.lastIndexOf('\n', to) + 1));
    }

    /** Removes the indentation all non-blank lines share. */
    private static String dedent(String block) {
        List<String> lines = Arrays.asList(block.split("\n", -1));
        int indent = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
            .min().orElse(0);
        return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).collect(Collectors.joining("\n"));
    }
}
