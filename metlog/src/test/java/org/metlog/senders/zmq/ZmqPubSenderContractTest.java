package org.metlog.senders.zmq;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.metlog.senders.SenderContractTest;
import org.metlog.spi.Sender;
import org.metlog.testing.Envelopes;
import org.metlog.testing.ZmqSubscriber;

/**
 * {@link ZmqPubSender} keeps the sender contract, publishing to a real loopback subscriber that has joined before
 * the contract sends (a publisher loses what it sends before anyone subscribes, and counts it as failed).
 */
class ZmqPubSenderContractTest extends SenderContractTest {
    static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration GRACE = Duration.ofMillis(100);

    private final List<ZmqSubscriber> subscribers = new ArrayList<>();
    private ZmqSubscriber subscriber;

    @Override
    protected Sender createSender() {
        subscriber = ZmqSubscriber.bind(1000);
        subscribers.add(subscriber);
        ZmqPubSender sender = ZmqPubSender.builder(subscriber.endpoint()).poolSize(2).build();
        if (!sender.awaitConnection(WAIT)) {
            throw new AssertionError("the subscriber did not join within " + WAIT);
        }
        return sender;
    }

    @Override
    protected List<JsonNode> delivered(Sender sender) {
        return delivered(sender, 0);
    }

    @Override
    protected List<JsonNode> delivered(Sender sender, int expected) {
        return receiveAll(subscriber, expected);
    }

    /** @return the envelopes the subscriber receives: {@code expected} of them within a bound, and any extra */
    static List<JsonNode> receiveAll(ZmqSubscriber subscriber, int expected) {
        List<JsonNode> out = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (out.size() < expected) {
            long left = deadline - System.nanoTime();
            String next = left > 0 ? subscriber.receive(Duration.ofNanos(left)) : null;
            if (next == null) {
                return out;
            }
            out.add(Envelopes.parse(next));
        }
        for (String extra = subscriber.receive(GRACE); extra != null; extra = subscriber.receive(GRACE)) {
            out.add(Envelopes.parse(extra));
        }
        return out;
    }

    @AfterEach
    void closeSubscribers() {
        subscribers.forEach(ZmqSubscriber::close);
    }
}
