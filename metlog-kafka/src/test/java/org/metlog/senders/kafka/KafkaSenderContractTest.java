package org.metlog.senders.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.metlog.senders.SenderContractTest;
import org.metlog.spi.Sender;
import org.metlog.testing.Envelopes;

/**
 * {@link KafkaSender} keeps the sender contract against a real broker: each sender writes to a topic of its own,
 * read back from the beginning with a {@code KafkaConsumer}.
 */
class KafkaSenderContractTest extends SenderContractTest {
    private final TestBroker broker = TestBroker.shared();
    private String topic;

    @Override
    protected Sender createSender() {
        topic = broker.newTopic(2);
        KafkaSender sender = KafkaSender.builder(broker.bootstrapServers(), topic)
            .errorHandler(error -> { })
            .build();
        if (!sender.awaitConnection(Duration.ofSeconds(20))) {
            throw new AssertionError("the broker did not answer for " + topic);
        }
        return sender;
    }

    @Override
    protected List<JsonNode> delivered(Sender sender) {
        return delivered(sender, 0);
    }

    @Override
    protected List<JsonNode> delivered(Sender sender, int expected) {
        List<JsonNode> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : broker.consume(topic, expected)) {
            out.add(Envelopes.parse(new String(record.value(), StandardCharsets.UTF_8)));
        }
        return out;
    }
}
