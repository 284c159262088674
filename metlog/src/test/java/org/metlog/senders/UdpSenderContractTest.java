package org.metlog.senders;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.metlog.spi.Sender;
import org.metlog.testing.Envelopes;
import org.metlog.testing.UdpReceiver;

/** {@link UdpSender} keeps the sender contract, sending JSON envelopes to a real loopback receiver. */
class UdpSenderContractTest extends SenderContractTest {
    private final List<UdpReceiver> receivers = new ArrayList<>();
    private UdpReceiver receiver;

    @Override
    protected Sender createSender() {
        receiver = UdpReceiver.ipv4();
        receivers.add(receiver);
        return UdpSender.to("127.0.0.1", receiver.port());
    }

    @Override
    protected List<JsonNode> delivered(Sender sender) {
        return delivered(sender, 0);
    }

    @Override
    protected List<JsonNode> delivered(Sender sender, int expected) {
        List<JsonNode> out = new ArrayList<>();
        for (byte[] datagram : receiver.receiveAll(expected)) {
            out.add(Envelopes.parse(new String(datagram, StandardCharsets.UTF_8)));
        }
        return out;
    }

    @AfterEach
    void closeReceivers() {
        receivers.forEach(UdpReceiver::close);
    }
}
