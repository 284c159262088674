package org.metlog.senders.zmq;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.metlog.senders.SenderContractTest;
import org.metlog.spi.Sender;
import org.metlog.testing.Ports;
import org.metlog.testing.ZmqBackend;

/**
 * {@link ZmqHandshakePubSender} keeps the sender contract against a real loopback backend that answers the
 * handshake and subscribes on the publish endpoint; the contract sends once the handshake has been answered.
 */
class ZmqHandshakePubSenderContractTest extends SenderContractTest {
    private final List<ZmqBackend> backends = new ArrayList<>();
    private ZmqBackend backend;

    private static String freeEndpoint() {
        return "tcp://127.0.0.1:" + Ports.freeTcp();
    }

    @Override
    protected Sender createSender() {
        String handshake = freeEndpoint();
        String publish = freeEndpoint();
        backend = ZmqBackend.start(handshake, publish);
        backends.add(backend);
        ZmqHandshakePubSender sender = ZmqHandshakePubSender.builder(handshake, publish, Duration.ofSeconds(2))
            .poolSize(2).livecheck(Duration.ofMillis(200)).build();
        if (!sender.awaitConnection(ZmqPubSenderContractTest.WAIT)) {
            sender.close();
            throw new AssertionError("the handshake was not answered within " + ZmqPubSenderContractTest.WAIT);
        }
        return sender;
    }

    @Override
    protected List<JsonNode> delivered(Sender sender) {
        return delivered(sender, 0);
    }

    @Override
    protected List<JsonNode> delivered(Sender sender, int expected) {
        return ZmqPubSenderContractTest.receiveAll(backend.subscriber, expected);
    }

    @AfterEach
    void closeBackends() {
        backends.forEach(ZmqBackend::close);
    }
}
