package org.metlog.spring.boot.autoconfigure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.metlog.ClientHolder;
import org.metlog.MetlogClient;
import org.metlog.message.DeliveryStats;
import org.metlog.testing.UdpReceiver;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Closing the context delivers what is still queued: the registry's last step first, then the client's sender. */
class ShutdownTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(BootMetrics.withStarter())
        .withPropertyValues("metlog.logger=shutdown-app");

    @BeforeEach
    @AfterEach
    void forget() {
        RecordingSender.EVENTS.clear();
        MetlogClient client = ClientHolder.remove("shutdown-app");
        if (client != null) {
            client.close();
        }
    }

    @Test
    void closing_the_context_sends_the_last_step_then_flushes_then_closes_the_sender() {
        runner.withPropertyValues("metlog.sender.class=" + RecordingSender.class.getName(), "metlog.metrics.step=1h")
            .run(context -> {
                Counter.builder("orders").register(context.getBean(MeterRegistry.class)).increment(3);
                assertEquals(List.of(), RecordingSender.EVENTS, "nothing is sent before the step ends");
            });

        assertEquals(List.of("send counter orders", "flush", "flush", "close"), RecordingSender.EVENTS,
            "the registry's close sends the partial step and flushes the client; the client's close flushes and"
                + " closes its sender");
    }

    @Test
    void messages_queued_in_an_async_sender_reach_a_real_udp_receiver_when_the_context_closes() {
        int count = 200;
        AtomicReference<MetlogClient> client = new AtomicReference<>();
        try (UdpReceiver receiver = UdpReceiver.ipv4()) {
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                runner.withPropertyValues("metlog.sender.class=metlog.senders.UdpSender",
                        "metlog.sender.host=127.0.0.1", "metlog.sender.port=" + receiver.port(),
                        "metlog.sender.async=true", "metlog.sender.async-queue-size=1000",
                        "metlog.metrics.enabled=false")
                    .run(context -> {
                        client.set(context.getBean(MetlogClient.class));
                        for (int i = 0; i < count; i++) {
                            client.get().incr("queued", i);
                        }
                    });
                DeliveryStats stats = client.get().deliveryStats();
                assertEquals(count, stats.sent(), stats::toString);
                List<Long> payloads = new ArrayList<>();
                for (byte[] datagram : receiver.receiveAll(count)) {
                    Map<String, Object> envelope = UdpReceiver.json(datagram);
                    payloads.add(Long.parseLong((String) envelope.get("payload")));
                }
                assertEquals(count, payloads.size());
                assertEquals((long) count * (count - 1) / 2, payloads.stream().mapToLong(Long::longValue).sum());
            });
        }
    }
}
