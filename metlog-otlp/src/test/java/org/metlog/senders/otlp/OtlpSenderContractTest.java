package org.metlog.senders.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.metlog.senders.SenderContractTest;
import org.metlog.spi.Sender;

/**
 * {@link OtlpSender} keeps the sender contract against a real OTLP receiver on loopback. It sends OTLP protobuf,
 * not envelopes, so its output is not read back as envelopes here; after each test the receiver must have
 * decoded every request, and hold exactly as many log records and metrics as the sender counted as sent.
 */
class OtlpSenderContractTest extends SenderContractTest {
    private final List<OtlpReceiver> receivers = new ArrayList<>();
    private final List<OtlpSender> senders = new ArrayList<>();

    @Override
    protected Sender createSender() {
        OtlpReceiver receiver = OtlpReceiver.start();
        receivers.add(receiver);
        OtlpSender sender = OtlpSender.builder().endpoint(receiver.endpoint()).serviceName("contract")
            .flushInterval(Duration.ofHours(1)).closeTimeout(Duration.ofSeconds(20)).build();
        senders.add(sender);
        return sender;
    }

    @Override
    protected List<JsonNode> delivered(Sender sender) {
        return null; // OTLP protobuf, not envelopes: checked against the receiver after each test
    }

    @AfterEach
    void theReceiverHoldsExactlyWhatWasCountedAsSent() {
        for (int i = 0; i < senders.size(); i++) {
            senders.get(i).close();
            OtlpReceiver receiver = receivers.get(i);
            assertEquals(List.of(), receiver.problems());
            assertEquals(senders.get(i).stats().sent(), receiver.acceptedItems());
            receiver.close();
        }
    }
}
