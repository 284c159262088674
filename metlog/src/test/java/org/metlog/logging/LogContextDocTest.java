package org.metlog.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.metlog.ClientHolder;
import org.metlog.senders.DebugCaptureSender;
import org.metlog.testing.Envelopes;
import org.metlog.testing.LogbackConfig;
import org.metlog.testing.MarkdownBlocks;
import org.metlog.testing.Project;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.MarkerFactory;

/**
 * docs/logging.md, "Example: a trace id reaches the router", runs as written: its logback.xml is loaded as it
 * stands, its Java lines are the ones {@link #example()} runs, and the fields it shows are the ones sent.
 */
class LogContextDocTest {
    private static final String HEADING = "### Example: a trace id reaches the router";
    private final DebugCaptureSender sender = new DebugCaptureSender();

    @BeforeEach
    void configure() throws Exception {
        ClientHolder.clear();
        MDC.clear();
        LoggerContext context = LogbackConfig.context();
        context.reset();
        long start = System.currentTimeMillis();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        String xml = MarkdownBlocks.block("logging.md", HEADING, "xml", 0);
        configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertEquals(true, new StatusUtil(context).getHighestLevel(start) < Status.ERROR,
            () -> "the page's logback.xml loads without errors: " + context.getStatusManager().getCopyOfStatusList());
        ClientHolder.get("myapp").setup(sender, "myapp", 6, null, null);
    }

    @AfterEach
    void reset() {
        MDC.clear();
        LogbackConfig.reset();
        ClientHolder.clear();
    }

    private static void example() {
        // example:start
        Logger log = LoggerFactory.getLogger("shop.checkout");
        MDC.put("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");
        log.atInfo().addMarker(MarkerFactory.getMarker("AUDIT")).addKeyValue("order", 42).log("paid");
        MDC.remove("trace_id");
        // example:end
    }

    @Test
    void the_pages_java_lines_are_the_ones_this_test_runs() throws IOException {
        String source = Files.readString(Project.file("metlog", "src", "test", "java", "org", "metlog", "logging",
            "LogContextDocTest.java"));
        String body = source.substring(source.indexOf("// example:start") + "// example:start".length(),
            source.indexOf("// example:end"));
        assertEquals(strip(MarkdownBlocks.block("logging.md", HEADING, "java", 0)), strip(body));
    }

    @Test
    void the_example_sends_the_fields_the_page_shows() throws Exception {
        AtomicReference<String> thread = new AtomicReference<>();
        Thread main = new Thread(() -> {
            thread.set(Thread.currentThread().getName());
            example();
        }, "main");
        main.start();
        main.join();
        JsonNode sent = Envelopes.parse(sender.messages().get(0));
        ObjectNode shown = (ObjectNode) new ObjectMapper().readTree(MarkdownBlocks.block("logging.md", HEADING,
            "json", 0));
        assertEquals(shown, sent.get("fields"), "the fields the page shows, thread " + thread.get());
        assertEquals("paid", sent.get("payload").textValue());
    }

    private static String strip(String code) {
        StringBuilder out = new StringBuilder();
        for (String line : code.split("\n")) {
            if (!line.isBlank()) {
                out.append(line.strip()).append('\n');
            }
        }
        return out.toString();
    }
}
