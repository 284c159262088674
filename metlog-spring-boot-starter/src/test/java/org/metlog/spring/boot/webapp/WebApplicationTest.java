package org.metlog.spring.boot.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.micrometer.core.instrument.config.MeterFilter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.metlog.ClientHolder;
import org.metlog.MetlogClient;
import org.metlog.testing.UdpReceiver;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A real web application (embedded Tomcat on 127.0.0.1, a random port, Actuator's metrics) with the starter:
 * one HTTP request, and Spring's {@code http.server.requests} timer reaches a UDP receiver as a metlog timer.
 */
class WebApplicationTest {

    /** The application: one endpoint, everything else auto-configured. */
    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @RestController
    static class HelloApplication {
        @GetMapping("/hello")
        String hello() {
            return "hello";
        }

        /**
         * Only the request timer: the JVM's hundred-odd meters, sent in one burst per step, can overflow a busy
         * machine's socket buffer, and a step's only message about the request would be dropped (and counted).
         */
        @Bean
        MeterFilter onlyRequests() {
            return MeterFilter.denyUnless(id -> id.getName().equals("http.server.requests"));
        }
    }

    @AfterEach
    void forgetTheClient() {
        MetlogClient client = ClientHolder.remove("web-app");
        if (client != null) {
            client.close();
        }
    }

    @Test
    void a_request_to_a_real_web_application_reaches_a_udp_receiver_as_an_http_server_requests_timer() {
        try (UdpReceiver receiver = UdpReceiver.ipv4()) {
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                try (ConfigurableApplicationContext app = new SpringApplicationBuilder(HelloApplication.class)
                    .web(WebApplicationType.SERVLET)
                    .properties(
                        "server.address=127.0.0.1",
                        "server.port=0",
                        "spring.main.banner-mode=off",
                        "server.shutdown=immediate",             // stop without graceful shutdown's wait
                        "metlog.logger=web-app",
                        "metlog.sender.class=metlog.senders.UdpSender",
                        "metlog.sender.host=127.0.0.1",
                        "metlog.sender.port=" + receiver.port(),
                        "metlog.metrics.step=200ms")
                    .run()) {
                    int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
                    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/hello")).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                    assertEquals("hello", response.body());

                    Map<String, Object> timer = awaitRequestTimer(receiver);
                    assertNotNull(timer, "no http.server.requests timer within " + UdpReceiver.DEADLINE);
                    @SuppressWarnings("unchecked")
                    Map<String, Object> fields = (Map<String, Object>) timer.get("fields");
                    assertEquals("web-app", timer.get("logger"));
                    assertEquals("/hello", fields.get("uri"));
                    assertEquals("GET", fields.get("method"));
                    assertEquals("200", fields.get("status"));
                    assertEquals(1, fields.get("count"));
                    assertEquals("ms", fields.get("unit"));
                }
            });
        }
    }

    /** Reads datagrams (every meter of every step) until the request's timer with its one request arrives. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> awaitRequestTimer(UdpReceiver receiver) {
        long end = System.nanoTime() + UdpReceiver.DEADLINE.toNanos();
        while (System.nanoTime() < end) {
            Map<String, Object> envelope = receiver.receiveJson(Duration.ofSeconds(5));
            Map<String, Object> fields = (Map<String, Object>) envelope.get("fields");
            if ("timer".equals(envelope.get("type")) && "http.server.requests".equals(fields.get("name"))
                && Integer.valueOf(1).equals(fields.get("count"))) {
                return envelope;
            }
        }
        return null;
    }
}
