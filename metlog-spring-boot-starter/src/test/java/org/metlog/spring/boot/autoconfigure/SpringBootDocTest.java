package org.metlog.spring.boot.autoconfigure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metlog.ClientHolder;
import org.metlog.MetlogClient;
import org.metlog.testing.Project;
import org.metlog.testing.UdpReceiver;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.boot.env.PropertySourceLoader;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;

/**
 * The examples of docs/spring-boot.md, read from the page and loaded as they are written with Spring Boot's own
 * properties and YAML readers, so the page cannot drift from what the starter accepts.
 */
class SpringBootDocTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(BootMetrics.withStarter());

    @TempDir
    Path dir;

    @AfterEach
    void forgetTheClient() {
        MetlogClient client = ClientHolder.remove("myapp");
        if (client != null) {
            client.close();
        }
    }

    @Test
    void the_properties_and_the_yaml_of_the_page_configure_the_same_client_sending_to_udp() throws IOException {
        try (UdpReceiver receiver = UdpReceiver.ipv4()) {
            String fromProperties = sendThrough(load(new PropertiesPropertySourceLoader(), "properties"), receiver);
            String fromYaml = sendThrough(load(new YamlPropertySourceLoader(), "yaml"), receiver);

            assertEquals(fromProperties, fromYaml, "the client's configuration JSON");
        }
    }

    @Test
    void the_ini_location_of_the_page_configures_the_client_from_the_pages_ini() throws IOException {
        try (UdpReceiver receiver = UdpReceiver.ipv4()) {
            Files.writeString(dir.resolve("metlog.ini"), block("ini").replace("sender_port = 5565",
                "sender_port = " + receiver.port()));
            try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                getClass().getClassLoader())) {
                PropertySource<?> location = load(new PropertiesPropertySourceLoader(), "ini-location");
                assertEquals("classpath:metlog.ini", location.getProperty("metlog.config-location"));
                runner.withClassLoader(loader)
                    .withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(location))
                    .run(context -> {
                        MetlogClient client = context.getBean(MetlogClient.class);
                        assertEquals("myapp", client.logger());
                        client.debug("dropped by the filter section");
                        client.incr("orders");
                    });
                assertCounterOnly(receiver);
            }
        }
    }

    @Test
    void the_failure_report_the_page_shows_is_the_one_a_wrong_port_gives() throws IOException {
        String page = Files.readString(Project.file("docs", "spring-boot.md"));
        runner.withPropertyValues("metlog.sender.class=metlog.senders.UdpSender", "metlog.sender.host=127.0.0.1",
            "metlog.sender.port=notaport").run(context -> {
                FailureAnalysis analysis = new MetlogFailureAnalyzer().analyze(context.getStartupFailure());
                assertTrue(page.contains("Description:\n\n" + analysis.getDescription() + "\n\nAction:\n\n"
                    + analysis.getAction() + "\n"), analysis::getDescription);
            });
    }

    private String sendThrough(PropertySource<?> example, UdpReceiver receiver) {
        AtomicReference<String> config = new AtomicReference<>();
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> runner
            .withPropertyValues("METLOG_PORT=" + receiver.port())
            .withInitializer(context -> context.getEnvironment().getPropertySources().addLast(example))
            .run(context -> {
                MetlogClient client = context.getBean(MetlogClient.class);
                assertEquals("myapp", client.logger());
                client.debug("dropped by the severity_max filter");
                client.incr("orders");
                config.set(client.config());
            }));
        assertCounterOnly(receiver);
        return config.get();
    }

    @SuppressWarnings("unchecked")
    private static void assertCounterOnly(UdpReceiver receiver) {
        List<byte[]> datagrams = receiver.receiveAll(1);
        assertEquals(1, datagrams.size(), "one message: the counter; the debug message is filtered");
        Map<String, Object> envelope = UdpReceiver.json(datagrams.get(0));
        assertEquals("counter", envelope.get("type"));
        assertEquals("myapp", envelope.get("logger"));
        assertEquals("orders", ((Map<String, Object>) envelope.get("fields")).get("name"));
    }

    private static PropertySource<?> load(PropertySourceLoader loader, String example) throws IOException {
        List<PropertySource<?>> sources = loader.load("docs/spring-boot.md " + example,
            new ByteArrayResource(block(example).getBytes(StandardCharsets.UTF_8)));
        assertEquals(1, sources.size());
        return sources.get(0);
    }

    /** {@return the fenced block after {@code <!-- example:NAME -->} on the page} */
    private static String block(String name) throws IOException {
        String page = Files.readString(Project.file("docs", "spring-boot.md"));
        String marker = "<!-- example:" + name + " -->\n```";
        int at = page.indexOf(marker);
        assertTrue(at >= 0, "marker " + marker + " not found in docs/spring-boot.md");
        int from = page.indexOf('\n', at + marker.length()) + 1;
        return page.substring(from, page.indexOf("```\n", from));
    }
}
