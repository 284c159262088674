package org.metlog.senders;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.metlog.message.DeliveryStats;
import org.metlog.message.Message;
import org.metlog.spi.Sender;
import org.metlog.testing.UdpReceiver;

/**
 * {@link StatsdSender} keeps the sender contract against a real loopback receiver. It writes statsd lines, not
 * envelopes, so its output is not read back as envelopes; it delivers counters, timers and gauges and counts every
 * other message as filtered.
 */
class StatsdSenderContractTest extends SenderContractTest {
    private final List<UdpReceiver> receivers = new ArrayList<>();

    @Override
    protected Sender createSender() {
        UdpReceiver receiver = UdpReceiver.ipv4();
        receivers.add(receiver);
        return configure(StatsdSender.builder().host("127.0.0.1").port(receiver.port())).build();
    }

    /** {@return the builder with this test's flavor; etsy here} */
    StatsdSender.Builder configure(StatsdSender.Builder builder) {
        return builder;
    }

    @Override
    protected List<JsonNode> delivered(Sender sender) {
        return null; // statsd lines, not envelopes
    }

    @Override
    protected DeliveryStats countOf(Message message) {
        return switch (message.type()) {
            case Message.TYPE_COUNTER, Message.TYPE_TIMER, Message.TYPE_GAUGE -> SENT;
            default -> FILTERED;
        };
    }

    @AfterEach
    void closeReceivers() {
        receivers.forEach(UdpReceiver::close);
    }
}
