package org.metlog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.metlog.message.DeliveryStats;
import org.metlog.senders.DebugCaptureSender;
import org.metlog.senders.RouterSender;
import org.metlog.senders.StatsdSender;
import org.metlog.testing.UdpReceiver;

/**
 * Issue 11, case 5: a message a sender does not carry (a statsd sender given a log message, a router without a
 * route for its type) is counted by that sender as {@code filtered}, and the client's end-to-end counts keep it.
 */
class SenderFilteredCountsTest {

    @Test
    void a_log_message_given_to_a_statsd_sender_is_in_the_clients_filtered_count() {
        try (UdpReceiver statsd = UdpReceiver.ipv4()) {
            StatsdSender sender = StatsdSender.builder().host("127.0.0.1").port(statsd.port()).build();
            MetlogClient client = MetlogClient.builder().sender(sender).logger("t").build();
            client.info("not a statistic");
            client.incr("hits");
            client.flush();
            assertEquals("hits:1|c", new String(statsd.receive(), StandardCharsets.UTF_8));
            assertEquals(new DeliveryStats(1, 1, 0, 0, 0), client.deliveryStats());
            client.close();
        }
    }

    @Test
    void a_message_a_router_has_no_route_for_is_in_the_clients_filtered_count() {
        DebugCaptureSender counters = new DebugCaptureSender();
        RouterSender router = RouterSender.builder().sender("counters", counters)
            .route(MetlogClient.TYPE_COUNTER, "counters").build();
        MetlogClient client = MetlogClient.builder().sender(router).logger("t").build();
        client.incr("hits");
        client.info("no route for this");
        client.metlog("custom", null, null, "no route either", null);
        assertEquals(1, counters.messages().size());
        DeliveryStats stats = client.deliveryStats();
        assertEquals(new DeliveryStats(1, 2, 0, 0, 0), stats);
        assertEquals(3, stats.total(), "accepted = delivered + counted drops");
        client.close();
    }

    @Test
    void the_clients_own_filtered_count_and_its_senders_add_up() {
        try (UdpReceiver statsd = UdpReceiver.ipv4()) {
            StatsdSender sender = StatsdSender.builder().host("127.0.0.1").port(statsd.port()).build();
            MetlogClient client = MetlogClient.builder().sender(sender).logger("t")
                .filters(List.of(m -> !m.payload().equals("drop me"))).build();
            client.info("drop me");
            client.info("statsd drops me");
            assertEquals(new DeliveryStats(0, 2, 0, 0, 0), client.deliveryStats());
            assertEquals(1, client.stats().filtered(), "the client's own view counts only its filter");
            client.close();
        }
    }
}
